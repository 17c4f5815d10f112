/**
 * A multipart upload that survives a restart: its UploadId and every part's ETag are journaled as soon as
 * the part is up (and a stream takes its next part only once that record is on disk, so a crash re-sends at
 * most one part per stream). Resuming lists the parts the server holds (ListParts) and checks each against
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
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { CodedError } from '../../core/app-error';
import type { BandwidthLimit } from '../bandwidth';
import { abortError, type Limiter } from '../limiter';
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
  readonly partConcurrency: number;
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
    const partSize = partSizeFor(now.size, e.partSize);
    const created = await client.send(new CreateMultipartUploadCommand({ Bucket: e.bucket, Key: e.key }), { abortSignal: signal });
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
      while (next < missing.length && !local.signal.aborted) {
        const partNumber = missing[next++]!;
        const start = (partNumber - 1) * partSize;
        const length = Math.min(partSize, size - start);
        const etag = await args.requests.run(() => sendPart(args, fh, e, partNumber, start, length, local.signal));
        args.save((x) => ({ ...x, parts: [...x.parts, { partNumber, etag, size: length }] }));
        // See the header: the record first, then the next part.
        await args.durable().catch(() => {});
        args.onBytes?.(length);
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(args.partConcurrency, missing.length) }, () =>
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
  return { etag: out.ETag ?? null };
}

async function sendPart(args: ResumableUploadArgs, fh: FileHandle, e: UploadEntry, partNumber: number, start: number, length: number, signal: AbortSignal): Promise<string> {
  const body = Buffer.allocUnsafe(length);
  const { bytesRead } = await fh.read(body, 0, length, start);
  if (bytesRead !== length) throw new CodedError({ code: 'Conflict', message: 'the file changed while it was being uploaded' });
  const md5 = createHash('md5').update(body);
  await args.bandwidth?.take(length, signal);
  const res = await args.client.send(
    new UploadPartCommand({ Bucket: e.bucket, Key: e.key, UploadId: e.uploadId!, PartNumber: partNumber, Body: body, ContentLength: length, ContentMD5: md5.copy().digest('base64') }),
    { abortSignal: signal },
  );
  return res.ETag ?? `"${md5.digest('hex')}"`;
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
