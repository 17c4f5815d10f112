/**
 * Stored checksums (x-amz-checksum-*): the listing names an object's algorithm but never its value, so the
 * value is asked for only on rows no ETag can decide — one GetObjectAttributes (Checksum + ObjectParts, which
 * also gives a composite checksum's exact part size), or HeadObject with ChecksumMode=ENABLED on servers that
 * do not implement GetObjectAttributes (remembered per reader, so a folder costs one failed try at most).
 */
import { GetObjectAttributesCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { CHECKSUM_ALGORITHMS, type ChecksumAlgorithmName } from '../../shared/sync';

export interface StoredChecksum {
  readonly algorithm: ChecksumAlgorithmName;
  /** FULL_OBJECT: the checksum of the bytes. COMPOSITE: the checksum of the parts' checksums. */
  readonly type: 'FULL_OBJECT' | 'COMPOSITE';
  /** base64, without a composite's "-<parts>" suffix. */
  readonly value: string;
  /** COMPOSITE: the part count. */
  readonly parts: number | null;
  /** COMPOSITE: the part size, when the server listed parts of one size (the last may be shorter). */
  readonly partSize: number | null;
}

/** Reads the stored checksum of a key relative to the side's prefix; null when the object has none. */
export type ChecksumReader = (relativeKey: string, signal?: AbortSignal) => Promise<StoredChecksum | null>;

export function asChecksumAlgorithm(name: string | undefined): ChecksumAlgorithmName | null {
  return CHECKSUM_ALGORITHMS.find((a) => a === name?.toUpperCase()) ?? null;
}

type ChecksumFields = Partial<Record<`Checksum${ChecksumAlgorithmName}`, string>> & { ChecksumType?: string };

/** The one stored checksum in a response's fields, with its type (inferred from "-N" when not stated). */
export function readChecksumFields(fields: ChecksumFields, totalParts?: number): Omit<StoredChecksum, 'partSize'> | null {
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const raw = fields[`Checksum${algorithm}`];
    if (raw === undefined || raw === '') continue;
    const m = /^(.*?)-(\d+)$/.exec(raw);
    const value = m?.[1] ?? raw;
    const parts = m ? Number(m[2]) : (totalParts ?? null);
    const stated = fields.ChecksumType?.toUpperCase();
    const type = stated === 'FULL_OBJECT' || stated === 'COMPOSITE' ? stated : m || (totalParts ?? 0) > 0 ? 'COMPOSITE' : 'FULL_OBJECT';
    return { algorithm, type, value, parts: type === 'COMPOSITE' ? parts : null };
  }
  return null;
}

/** The one size all parts share (the last may be shorter), if the listed parts are all of them. */
export function uniformPartSize(parts: readonly { Size?: number | undefined }[], total: number | undefined): number | null {
  if (parts.length === 0 || total === undefined || parts.length !== total) return null;
  const first = parts[0]?.Size;
  if (first === undefined || first <= 0) return null;
  for (let i = 0; i < parts.length; i++) {
    const size = parts[i]?.Size ?? -1;
    if (i < parts.length - 1 ? size !== first : size > first || size <= 0) return null;
  }
  return first;
}

const UNSUPPORTED = new Set(['NotImplemented', 'MethodNotAllowed', 'InvalidRequest', 'InvalidArgument', 'UnknownOperation']);

export function s3ChecksumReader(client: S3Client, bucket: string, prefix: string, onRequest: () => void): ChecksumReader {
  let attributesWork = true;
  const viaHead = async (Key: string, signal?: AbortSignal): Promise<StoredChecksum | null> => {
    onRequest();
    const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key, ChecksumMode: 'ENABLED' }), signal ? { abortSignal: signal } : {});
    const found = readChecksumFields(out as ChecksumFields);
    return found ? { ...found, partSize: null } : null;
  };
  return async (relativeKey, signal) => {
    const Key = prefix + relativeKey;
    if (!attributesWork) return viaHead(Key, signal);
    try {
      onRequest();
      const out = await client.send(
        new GetObjectAttributesCommand({ Bucket: bucket, Key, ObjectAttributes: ['Checksum', 'ObjectParts'], MaxParts: 1000 }),
        signal ? { abortSignal: signal } : {},
      );
      const total = out.ObjectParts?.TotalPartsCount;
      const found = readChecksumFields((out.Checksum ?? {}) as ChecksumFields, total);
      if (!found) return null;
      return { ...found, partSize: found.type === 'COMPOSITE' ? uniformPartSize(out.ObjectParts?.Parts ?? [], total) : null };
    } catch (error) {
      const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      const status = e.$metadata?.httpStatusCode ?? 0;
      if (!UNSUPPORTED.has(e.name ?? '') && status !== 501 && status !== 405) throw error;
      attributesWork = false;
      return viaHead(Key, signal);
    }
  };
}
