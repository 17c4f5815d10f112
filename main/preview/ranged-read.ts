/**
 * Byte ranges of an object through the one GET path (main/s3/direct-s3.ts getDirect): every preview reads only
 * the ranges it needs, and counts them in a meter so the pane can state what it cost.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { getDirect } from '../s3/direct-s3';

/** An inclusive byte range as HTTP writes it: `start-end`, `start-` (to the end) or `-suffix` (the last bytes). */
export type ByteRange = { readonly start: number; readonly end?: number } | { readonly suffix: number };

/** What a preview cost: GET requests sent and body bytes received. */
export interface ReadMeter {
  requests: number;
  bytes: number;
}

export function newMeter(): ReadMeter {
  return { requests: 0, bytes: 0 };
}

export interface RangeAnswer {
  readonly bytes: Buffer<ArrayBuffer>;
  /** First byte's offset in the object. */
  readonly start: number;
  /** The object's whole size (from Content-Range, or the body length of a 200). */
  readonly total: number;
  readonly contentType: string | null;
  readonly etag: string | null;
}

export interface ObjectRef {
  readonly client: S3Client;
  readonly bucket: string;
  readonly key: string;
  /** An older version by its id; absent: the current one. */
  readonly versionId?: string;
}

export function rangeHeader(range: ByteRange): string {
  if ('suffix' in range) return `bytes=-${range.suffix}`;
  return `bytes=${range.start}-${range.end ?? ''}`;
}

/** "bytes 100-199/1000" → start 100, total 1000. */
export function parseContentRange(value: string | undefined): { start: number; end: number; total: number } | null {
  const m = value ? /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value.trim()) : null;
  return m ? { start: Number(m[1]), end: Number(m[2]), total: Number(m[3]) } : null;
}

/**
 * One ranged GET, read into one buffer. Only for bounded ranges (previews cap what they ask for): the body is
 * copied out of raw-get's reused slabs as it arrives. A server that ignores Range answers 200 with the whole
 * object; that is still correct (start 0), only costlier, and the meter shows it.
 */
export async function readRange(ref: ObjectRef, range: ByteRange, meter: ReadMeter, signal: AbortSignal): Promise<RangeAnswer> {
  const parts: Buffer[] = [];
  let status = 0;
  let headers: Readonly<Record<string, string>> = {};
  meter.requests++;
  await getDirect({
    client: ref.client,
    bucket: ref.bucket,
    key: ref.key,
    ...(ref.versionId !== undefined ? { versionId: ref.versionId } : {}),
    operation: 'GetObject',
    headers: { range: rangeHeader(range) },
    signal,
    onHead: (head) => {
      status = head.status;
      headers = head.headers;
    },
    onBody: (view) => {
      parts.push(Buffer.from(view));
      meter.bytes += view.length;
    },
  });
  const bytes = Buffer.concat(parts);
  const span = status === 206 ? parseContentRange(headers['content-range']) : null;
  return {
    bytes,
    start: span?.start ?? 0,
    total: span?.total ?? bytes.length,
    contentType: headers['content-type'] ?? null,
    etag: headers['etag'] ?? null,
  };
}

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

/**
 * The last `n` bytes, and with them the object's size (Content-Range), in one GET: no HEAD. RFC 9110 and S3
 * answer a suffix longer than the object with the whole object; a server that answers 416 instead (fauxqs)
 * costs one more GET from the start. null for an empty object (nothing is satisfiable).
 */
export async function readTail(ref: ObjectRef, n: number, meter: ReadMeter, signal: AbortSignal): Promise<RangeAnswer | null> {
  try {
    return await readRange(ref, { suffix: n }, meter, signal);
  } catch (error) {
    if (statusOf(error) !== 416) throw error;
  }
  try {
    return await readRange(ref, { start: 0, end: n - 1 }, meter, signal);
  } catch (error) {
    if (statusOf(error) === 416) return null;
    throw error;
  }
}
