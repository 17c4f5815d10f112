import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  type S3Client,
  type StorageClass,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { Upload } from '@aws-sdk/lib-storage';
import { copySource } from './copy-source';

export interface CopyLimits {
  /** Objects larger than this are copied with multipart UploadPartCopy (S3's CopyObject stops at 5 GiB). */
  readonly multipartThreshold: number;
  /** Part size for UploadPartCopy; raised automatically to stay within 10,000 parts. */
  readonly copyPartSize: number;
  /** Parts copied at once within one object. */
  readonly partConcurrency: number;
}

export const DEFAULT_COPY_LIMITS: CopyLimits = {
  multipartThreshold: 5 * 1024 ** 3,
  copyPartSize: 512 * 1024 ** 2,
  partConcurrency: 4,
};

export interface ObjectRef {
  readonly bucket: string;
  readonly key: string;
  /** A source only: copy this version instead of the current one. */
  readonly versionId?: string;
}

/**
 * The x-amz-storage-class a copy must send to keep the source's class: S3 writes a copy as STANDARD unless
 * told otherwise. Nothing is sent for STANDARD (the default everywhere; servers that know only STANDARD stay happy).
 */
export function keptStorageClass(storageClass: string | undefined): StorageClass | undefined {
  return storageClass && storageClass !== 'STANDARD' ? (storageClass as StorageClass) : undefined;
}

/**
 * Server-side copy within one connection: CopyObject, or multipart UploadPartCopy above the threshold. Copies
 * are requests to the destination bucket, so they go through its client (signed for its region); the one HEAD
 * of a big source goes through the source bucket's client.
 */
export async function serverCopy(
  clients: { readonly source: S3Client; readonly target: S3Client },
  from: ObjectRef & { readonly storageClass?: string },
  to: ObjectRef,
  size: number,
  limits: CopyLimits,
  signal: AbortSignal,
): Promise<void> {
  const source = copySource(from.bucket, from.key, from.versionId);
  const client = clients.target;
  if (size <= limits.multipartThreshold) {
    // Not aborted on cancel: the server would finish the copy anyway, and the report must say what happened.
    await client.send(new CopyObjectCommand({ Bucket: to.bucket, Key: to.key, CopySource: source, StorageClass: keptStorageClass(from.storageClass) }));
    return;
  }
  // Multipart copy does not carry the source's headers over by itself: read them once (one HEAD per big object).
  const head = await clients.source.send(new HeadObjectCommand({ Bucket: from.bucket, Key: from.key, VersionId: from.versionId }), { abortSignal: signal });
  const total = head.ContentLength ?? size;
  const created = await client.send(
    new CreateMultipartUploadCommand({
      Bucket: to.bucket,
      Key: to.key,
      ContentType: head.ContentType,
      ContentEncoding: head.ContentEncoding,
      ContentDisposition: head.ContentDisposition,
      CacheControl: head.CacheControl,
      Metadata: head.Metadata,
      // The class the plan listed; the HEAD's own answer if the plan did not know (HEAD omits STANDARD).
      StorageClass: keptStorageClass(from.storageClass ?? head.StorageClass),
    }),
    { abortSignal: signal },
  );
  const uploadId = created.UploadId;
  if (!uploadId) throw new Error('CreateMultipartUpload returned no UploadId');
  try {
    const partSize = Math.max(limits.copyPartSize, Math.ceil(total / 10_000));
    const ranges: Array<{ part: number; start: number; end: number }> = [];
    for (let start = 0, part = 1; start < total; start += partSize, part++) {
      ranges.push({ part, start, end: Math.min(start + partSize, total) - 1 });
    }
    const etags = new Array<string>(ranges.length);
    await pool(ranges, limits.partConcurrency, async (r) => {
      const out = await client.send(
        new UploadPartCopyCommand({
          Bucket: to.bucket,
          Key: to.key,
          UploadId: uploadId,
          PartNumber: r.part,
          CopySource: source,
          CopySourceRange: `bytes=${r.start}-${r.end}`,
          // The part must come from the object we measured, not a newer version written meanwhile.
          CopySourceIfMatch: head.ETag,
        }),
        { abortSignal: signal },
      );
      const etag = out.CopyPartResult?.ETag;
      if (!etag) throw new Error(`UploadPartCopy returned no ETag for part ${r.part}`);
      etags[r.part - 1] = etag;
    });
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: to.bucket,
        Key: to.key,
        UploadId: uploadId,
        MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
      }),
      { abortSignal: signal },
    );
  } catch (error) {
    // Leave no orphaned parts (they are billed); the abort itself is best effort.
    await client.send(new AbortMultipartUploadCommand({ Bucket: to.bucket, Key: to.key, UploadId: uploadId })).catch(() => {});
    throw error;
  }
}

/** Waits until `bytes` may pass (a bandwidth limit); rejects when `signal` aborts. */
export type ChunkPace = (bytes: number, signal: AbortSignal) => Promise<unknown>;

/** Copy across connections: stream the GetObject body into a multipart-capable upload on the other side. */
export async function streamCopy(
  fromClient: S3Client,
  toClient: S3Client,
  from: ObjectRef,
  to: ObjectRef,
  signal: AbortSignal,
  /** Bytes sent to the target so far (lib-storage's progress). */
  onLoaded?: (loaded: number) => void,
  /** Waits before each chunk of the body passes on (a bandwidth limit): the source is read no faster. */
  pace?: ChunkPace,
): Promise<void> {
  const got = await fromClient.send(new GetObjectCommand({ Bucket: from.bucket, Key: from.key }), { abortSignal: signal });
  if (!got.Body) throw new Error('GetObject returned no body');
  const source = got.Body as Readable;
  const upload = new Upload({
    client: toClient,
    params: {
      Bucket: to.bucket,
      Key: to.key,
      Body: pace ? Readable.from(paced(source, pace, signal)) : source,
      ContentType: got.ContentType,
      ContentEncoding: got.ContentEncoding,
      ContentDisposition: got.ContentDisposition,
      CacheControl: got.CacheControl,
      Metadata: got.Metadata,
    },
    queueSize: 2,
    leavePartsOnError: false,
  });
  if (onLoaded) upload.on('httpUploadProgress', (p) => onLoaded(p.loaded ?? 0));
  const onAbort = () => void upload.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await upload.done();
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** The chunks of `source`, each once `pace` lets it through (for-await destroys the source if we stop early). */
async function* paced(source: Readable, pace: ChunkPace, signal: AbortSignal): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    const bytes = chunk as Buffer;
    await pace(bytes.length, signal);
    yield bytes;
  }
}

/** Run `work` over items with at most `limit` at once; the first failure rejects (others finish their item). */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (next < items.length && !failure) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}
