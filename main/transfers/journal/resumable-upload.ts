/**
 * A multipart upload that survives a restart: its UploadId and every part's ETag are journaled as soon as
 * the part is up (and a stream sends its next part only once that record is on disk, so a crash re-sends at
 * most one part per stream; it reads and hashes that part meanwhile). Resuming lists the parts the server holds (ListParts) and checks each against
 * the file as it is now (a part's ETag is the MD5 of its bytes): a source whose size, mtime or already-sent
 * bytes differ starts over in a new upload (the old one is aborted), one that matches sends only what is
 * missing. An upload the server no longer knows (aborted, expired) starts over too.
 */
import { createHash } from 'node:crypto';
import { open, stat, type FileHandle } from 'node:fs/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListPartsCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { CodedError } from '../../core/app-error';
import { toAppError } from '../../core/to-app-error';
import type { BandwidthLimit } from '../bandwidth';
import { abortError, type Limiter } from '../limiter';
import { putDirect } from '../put-direct';
import { multipartFields } from '../upload-headers';
import type { UploadEntry } from './journal-schema';

export const SOURCE_CHANGED_NOTE = 'the file changed since the upload began: started again from the beginning';
export const UPLOAD_GONE_NOTE = 'the server no longer had the unfinished upload: started again from the beginning';

/** S3 allows at most this many parts per upload. */
const MAX_PARTS = 10_000;

export interface ResumableUploadArgs {
  readonly client: S3Client;
  /** The journal entry (read fresh each time: parts are added as they go up). */
  readonly entry: () => UploadEntry;
  readonly save: (change: (e: UploadEntry) => UploadEntry) => void;
  /** Resolves once every saved change is on disk (rejects if it could not be written). */
  readonly durable: () => Promise<void>;
  /** The memory bound and stream count (see uploadShape); the part size is the entry's. */
  readonly tuning: { readonly partSize: number; readonly partConcurrency: number; readonly maxPartSize?: number };
  readonly signal: AbortSignal;
  readonly requests: Limiter;
  readonly onBytes?: (delta: number) => void;
  readonly onNote?: (note: string) => void;
  readonly bandwidth?: BandwidthLimit;
}

/** A part size that keeps the upload within S3's part count. */
export function partSizeFor(size: number, wanted: number): number {
  return Math.max(wanted, Math.ceil(size / MAX_PARTS));
}

/** Parts a big upload aims for: fewer, larger requests (each costs a signature, a journal record, a server
 *  metadata write) while keeping enough parts that every stream stays busy until the end. */
const TARGET_PARTS = 64;

/**
 * Part size and parts in flight for an object of `size`, within the memory the tuning allows one upload
 * (partSize × partConcurrency, 64 MiB by default: each stream holds one part's bytes). Small objects keep the
 * tuned part size and every stream; big ones grow parts up to a quarter of that memory (at least four in
 * flight) and run as many streams as the memory holds. S3's 10,000-part limit wins over both.
 */
export function uploadShape(
  size: number,
  tuning: { readonly partSize: number; readonly partConcurrency: number; readonly maxPartSize?: number },
): { partSize: number; concurrency: number } {
  const budget = tuning.partSize * tuning.partConcurrency;
  const MiB = 1024 * 1024;
  const cap = Math.max(tuning.partSize, Math.min(tuning.maxPartSize ?? Infinity, Math.floor(budget / 4 / MiB) * MiB));
  const grown = Math.min(Math.max(tuning.partSize, Math.ceil(size / TARGET_PARTS / MiB) * MiB), cap);
  const partSize = partSizeFor(size, grown);
  return { partSize, concurrency: concurrencyFor(partSize, tuning) };
}

/** Streams for a part size (a resumed upload keeps the part size it began with). */
export function concurrencyFor(partSize: number, tuning: { readonly partSize: number; readonly partConcurrency: number }): number {
  return Math.max(1, Math.min(tuning.partConcurrency, Math.floor((tuning.partSize * tuning.partConcurrency) / partSize)));
}

export async function resumableMultipart(args: ResumableUploadArgs): Promise<{ etag: string | null }> {
  const { client, signal } = args;
  let e = args.entry();
  const now = await stat(e.localPath);
  if (e.uploadId) {
    const verdict = await checkKept(args, e, now.size, now.mtimeMs);
    if (verdict !== 'kept') {
      if (verdict === 'changed') await abortQuietly(client, e.bucket, e.key, e.uploadId);
      args.onNote?.(verdict === 'changed' ? SOURCE_CHANGED_NOTE : UPLOAD_GONE_NOTE);
      args.save((x) => ({ ...x, uploadId: null, parts: [] }));
    }
  }
  e = args.entry();
  if (!e.uploadId) {
    const { partSize } = uploadShape(now.size, { ...args.tuning, partSize: e.partSize });
    const created = await client.send(new CreateMultipartUploadCommand({ Bucket: e.bucket, Key: e.key, ...multipartFields(e.key, e.options) }), {
      abortSignal: signal,
    });
    if (!created.UploadId) throw new CodedError({ code: 'Unknown', message: 'the server answered CreateMultipartUpload without an UploadId' });
    const uploadId = created.UploadId;
    args.save((x) => ({ ...x, uploadId, parts: [], size: now.size, mtimeMs: now.mtimeMs, partSize }));
    // The UploadId is on disk before any part goes up: a crash never leaves an upload nobody can resume.
    await args.durable();
    e = args.entry();
  }
  const { size, partSize } = e;
  const count = Math.max(1, Math.ceil(size / partSize));
  const have = new Set(e.parts.map((p) => p.partNumber));
  const kept = e.parts.reduce((n, p) => n + p.size, 0);
  if (kept > 0) args.onBytes?.(kept);
  const missing: number[] = [];
  for (let n = 1; n <= count; n++) if (!have.has(n)) missing.push(n);

  const fh = await open(e.localPath, 'r');
  try {
    let next = 0;
    let failure: { error: unknown } | undefined;
    const local = new AbortController();
    const onAbort = () => local.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const worker = async () => {
      // One buffer per stream, reused for every part it sends (a fresh buffer per part costs a GC of an 8–16
      // MiB object each). A failure ends the stream, so a cut request still holding it never sees it refilled.
      const buffer = Buffer.allocUnsafeSlow(partSize);
      let recorded: Promise<void> = Promise.resolve();
      while (next < missing.length && !local.signal.aborted) {
        const partNumber = missing[next++]!;
        const start = (partNumber - 1) * partSize;
        const length = Math.min(partSize, size - start);
        const body = buffer.subarray(0, length);
        // Read and hash this part while the previous part's record is written (see the header: the record is
        // on disk before the next part is sent).
        const md5 = await readPart(fh, body, start);
        await recorded;
        const etag = await args.requests.run(() => sendPart(args, e, partNumber, body, md5, local.signal));
        args.save((x) => ({ ...x, parts: [...x.parts, { partNumber, etag, size: length }] }));
        recorded = args.durable().catch(() => {});
        args.onBytes?.(length);
      }
      await recorded;
    };
    await Promise.all(
      Array.from({ length: Math.min(concurrencyFor(partSize, args.tuning), missing.length) }, () =>
        worker().catch((error: unknown) => {
          failure ??= { error };
          local.abort();
        }),
      ),
    );
    signal.removeEventListener('abort', onAbort);
    if (signal.aborted) throw abortError();
    if (failure) throw failure.error;
  } finally {
    await fh.close();
  }
  const done = args.entry();
  const parts = [...done.parts].sort((a, b) => a.partNumber - b.partNumber).map((p) => ({ PartNumber: p.partNumber, ETag: p.etag }));
  const out = await client.send(
    new CompleteMultipartUploadCommand({ Bucket: done.bucket, Key: done.key, UploadId: done.uploadId!, MultipartUpload: { Parts: parts } }),
    { abortSignal: signal },
  );
  await retag(client, done, signal);
  return { etag: out.ETag ?? null };
}

/**
 * Tags sent on CreateMultipartUpload are kept by AWS but dropped by Ceph RGW 16: set them again on the finished
 * object (one request per multipart file with tags; the same set, so harmless where they were kept).
 */
async function retag(client: S3Client, e: UploadEntry, signal: AbortSignal): Promise<void> {
  const tags = Object.entries(e.options?.tags ?? {});
  if (tags.length === 0) return;
  try {
    await client.send(new PutObjectTaggingCommand({ Bucket: e.bucket, Key: e.key, Tagging: { TagSet: tags.map(([Key, Value]) => ({ Key, Value })) } }), {
      abortSignal: signal,
    });
  } catch (error) {
    const app = toAppError(error, 'tagging');
    throw new CodedError({ code: app.code, message: `uploaded, but its tags could not be set: ${app.message}` });
  }
}

/** A part's bytes from the file into `body`, and their MD5. */
async function readPart(fh: FileHandle, body: Buffer, start: number): Promise<Buffer> {
  const { bytesRead } = await fh.read(body, 0, body.length, start);
  if (bytesRead !== body.length) throw new CodedError({ code: 'Conflict', message: 'the file changed while it was being uploaded' });
  return createHash('md5').update(body).digest();
}

/**
 * One UploadPart, signed locally (direct-s3.ts) with UNSIGNED-PAYLOAD: the server checks the bytes against
 * Content-MD5, so a SHA-256 of every byte for the signature would be a second full hash pass for nothing.
 */
async function sendPart(args: ResumableUploadArgs, e: UploadEntry, partNumber: number, body: Buffer, md5: Buffer, signal: AbortSignal): Promise<string> {
  const etag = await putDirect({
    client: args.client,
    bucket: e.bucket,
    key: e.key,
    query: { partNumber: String(partNumber), uploadId: e.uploadId! },
    headers: { 'content-md5': md5.toString('base64') },
    body,
    unsignedPayload: true,
    ...(args.bandwidth ? { pace: args.bandwidth } : {}),
    signal,
    operation: 'UploadPart',
  });
  return etag ?? `"${md5.toString('hex')}"`;
}

/**
 * Whether the journaled upload can go on: the source unchanged (size, mtime, and the MD5 of every part the
 * server holds), and the upload still known to the server. The server's parts replace the journal's (a
 * part may have gone up just before a crash, unrecorded).
 */
async function checkKept(args: ResumableUploadArgs, e: UploadEntry, size: number, mtimeMs: number): Promise<'kept' | 'changed' | 'gone'> {
  if (size !== e.size || mtimeMs !== e.mtimeMs) return 'changed';
  let onServer: Array<{ partNumber: number; etag: string; size: number }>;
  try {
    onServer = await listParts(args.client, e.bucket, e.key, e.uploadId!, args.signal);
  } catch (error) {
    const x = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (x.name === 'NoSuchUpload' || x.$metadata?.httpStatusCode === 404) return 'gone';
    throw error;
  }
  const fh = await open(e.localPath, 'r');
  try {
    const verified: typeof onServer = [];
    for (const p of onServer) {
      const start = (p.partNumber - 1) * e.partSize;
      const length = Math.min(e.partSize, e.size - start);
      if (length <= 0 || p.size !== length) return 'changed';
      const body = Buffer.allocUnsafe(length);
      await fh.read(body, 0, length, start);
      if (`"${createHash('md5').update(body).digest('hex')}"` !== `"${p.etag.replaceAll('"', '')}"`) return 'changed';
      verified.push(p);
    }
    // A part the journal recorded but the server lacks cannot be: the upload is not the one we began.
    const listed = new Set(verified.map((p) => p.partNumber));
    if (e.parts.some((p) => !listed.has(p.partNumber))) return 'gone';
    args.save((x) => ({ ...x, parts: verified }));
    return 'kept';
  } finally {
    await fh.close();
  }
}

async function listParts(client: S3Client, bucket: string, key: string, uploadId: string, signal: AbortSignal) {
  const parts: Array<{ partNumber: number; etag: string; size: number }> = [];
  let marker: string | undefined;
  for (;;) {
    const page = await client.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId, ...(marker ? { PartNumberMarker: marker } : {}) }), {
      abortSignal: signal,
    });
    for (const p of page.Parts ?? []) if (p.PartNumber && p.ETag) parts.push({ partNumber: p.PartNumber, etag: p.ETag, size: p.Size ?? 0 });
    if (!page.IsTruncated || !page.NextPartNumberMarker) return parts;
    marker = page.NextPartNumberMarker;
  }
}

export async function abortQuietly(client: S3Client, bucket: string, key: string, uploadId: string): Promise<void> {
  try {
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name !== 'NoSuchUpload' && e.$metadata?.httpStatusCode !== 404) throw error;
  }
}
