/**
 * Upload one local file. Small files go up as one PutObject from memory (cheapest for thousands of small
 * files); large ones through @aws-sdk/lib-storage's Upload (multipart, parts in parallel). Cancel aborts the
 * multipart upload and waits until the abort went out, so no orphaned parts stay billed on the bucket.
 */
import { createReadStream } from 'node:fs';
import { type Readable, Transform } from 'node:stream';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { AbortMultipartUploadCommand, CreateMultipartUploadCommand, type S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { toAppError } from '../core/to-app-error';
import { isClockCorrected, sendDirect, throwIfError } from '../s3/direct-s3';
import { CodedError } from '../core/app-error';
import type { BandwidthLimit } from './bandwidth';
import { type Limiter, sleep } from './limiter';

export interface UploadTuning {
  /** Files up to this size go up in one PutObject; bigger ones multipart with parts of this size (≥ 5 MiB). */
  readonly partSize: number;
  /** Parts of one file in flight at once. */
  readonly partConcurrency: number;
}

export const DEFAULT_UPLOAD_TUNING: UploadTuning = { partSize: 8 * 1024 * 1024, partConcurrency: 8 };

export interface UploadArgs {
  readonly client: S3Client;
  readonly bucket: string;
  readonly key: string;
  readonly localPath: string;
  readonly size: number;
  readonly tuning?: UploadTuning;
  readonly signal: AbortSignal;
  readonly requests: Limiter;
  readonly onBytes?: (delta: number) => void;
  /** The file's bytes when the caller already read it (small files, see small-files.ts); else read here. */
  readonly body?: Buffer;
  /** Stored Content-Type of a single PutObject (default application/octet-stream). */
  readonly contentType?: string;
  /** The shared upload bandwidth limit. */
  readonly bandwidth?: BandwidthLimit;
}

export interface UploadResult {
  readonly etag: string | null;
}

function classify(error: unknown, signal: AbortSignal): CodedError {
  if (signal.aborted) return new CodedError({ code: 'Cancelled', message: 'cancelled' });
  if (error instanceof CodedError) return error;
  return new CodedError(toAppError(error, 'upload'));
}

export async function uploadFile(args: UploadArgs): Promise<UploadResult> {
  const tuning = args.tuning ?? DEFAULT_UPLOAD_TUNING;
  if (args.signal.aborted) throw classify(null, args.signal);
  try {
    if (args.size <= tuning.partSize) {
      return await args.requests.run(async () => {
        const body = args.body ?? (await readFile(args.localPath, { signal: args.signal }));
        if (body.length !== args.size) throw new CodedError({ code: 'Conflict', message: 'the file changed while it was being uploaded' });
        await args.bandwidth?.take(body.length, args.signal);
        const etag = await putSmall(args, body);
        args.onBytes?.(body.length);
        return { etag };
      });
    }
    return await multipart(args, tuning);
  } catch (error) {
    throw classify(error, args.signal);
  }
}

/** Attempts of a single PutObject after a network error, a 5xx or throttling (the body is in memory: safe to resend). */
const PUT_ATTEMPTS = 4;

/**
 * One PutObject, signed locally and sent around the SDK's per-request middleware (see direct-s3.ts). Content-MD5
 * makes the server verify the body it stored is the one we read.
 */
function putSmall(args: UploadArgs, body: Buffer): Promise<string | null> {
  return putDirect({
    client: args.client,
    bucket: args.bucket,
    key: args.key,
    // Always a type: S3 would default it, but some servers fail an empty body that has none.
    headers: { 'content-md5': createHash('md5').update(body).digest('base64'), 'content-type': args.contentType ?? 'application/octet-stream' },
    body,
    signal: args.signal,
    operation: 'PutObject',
  });
}

export interface PutDirectArgs {
  readonly client: S3Client;
  readonly bucket: string;
  readonly key: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly query?: Readonly<Record<string, string>>;
  readonly unsignedPayload?: boolean;
  readonly signal: AbortSignal;
  readonly operation: 'PutObject' | 'UploadPart';
}

/**
 * A PUT of a body held in memory (PutObject, UploadPart), retried after a network error, a 5xx or throttling
 * (safe: the same bytes are sent again). Resolves with the ETag the server answered (null if none).
 */
export async function putDirect(args: PutDirectArgs): Promise<string | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await sendDirect({ ...args, method: 'PUT' });
      await throwIfError(res, args.client);
      res.body.resume();
      const etag = res.headers['etag'];
      return typeof etag === 'string' ? etag : null;
    } catch (error) {
      const app = classify(error, args.signal);
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      const retryable =
        app.appError.code === 'Network' || app.appError.code === 'Throttled' || (status !== undefined && status >= 500) || isClockCorrected(error);
      if (args.signal.aborted || !retryable || attempt >= PUT_ATTEMPTS) throw error;
      const ceiling = Math.min(2000, 100 * 2 ** attempt);
      await sleep(ceiling / 2 + Math.random() * (ceiling / 2), args.signal);
    }
  }
}

async function multipart(args: UploadArgs, tuning: UploadTuning): Promise<UploadResult> {
  // One request-limiter slot per file: lib-storage runs its own `queueSize` parts in parallel inside it.
  return args.requests.run(async () => {
    const upload = new Upload({
      client: cancellableParts(args.client, args.signal),
      params: {
        Bucket: args.bucket,
        Key: args.key,
        Body: limited(createReadStream(args.localPath, { highWaterMark: 1024 * 1024 }), args.bandwidth, args.signal),
        ContentLength: args.size,
      },
      partSize: tuning.partSize,
      queueSize: tuning.partConcurrency,
      leavePartsOnError: false,
    });
    let reported = 0;
    upload.on('httpUploadProgress', (p) => {
      const loaded = p.loaded ?? 0;
      if (loaded > reported) {
        args.onBytes?.(loaded - reported);
        reported = loaded;
      }
    });
    const onAbort = () => void upload.abort();
    args.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const out = await upload.done();
      if (reported < args.size) args.onBytes?.(args.size - reported);
      return { etag: out.ETag ?? null };
    } catch (error) {
      await cleanUp(upload, args);
      throw error;
    } finally {
      args.signal.removeEventListener('abort', onAbort);
    }
  });
}

/**
 * The client as lib-storage sees it, with the cancel signal on every part request. lib-storage sends its
 * UploadPart (and CreateMultipartUpload) without an abort signal, so a cancel used to wait until the parts in
 * flight finished on the server: seconds on a slow one, forever on a stalled connection, with the item stuck
 * "running". The abort itself is sent on the plain client (cleanUp), never with the already aborted signal.
 */
function cancellableParts(client: S3Client, signal: AbortSignal): S3Client {
  const send = (command: Parameters<S3Client['send']>[0], options?: object): Promise<unknown> => {
    const cancellable = command instanceof UploadPartCommand || command instanceof CreateMultipartUploadCommand;
    return client.send(command, cancellable ? { ...options, abortSignal: signal } : options);
  };
  return Object.create(client, { send: { value: send } }) as S3Client;
}

/**
 * lib-storage rejects done() as soon as it is aborted, while parts may still be in flight and its own
 * AbortMultipartUpload follows later. Wait for its workers, then make sure the upload is aborted ourselves
 * (idempotent: NoSuchUpload means it is already gone).
 */
async function cleanUp(upload: Upload, args: UploadArgs): Promise<void> {
  const internals = upload as unknown as { concurrentUploaders?: Array<Promise<unknown>> };
  await Promise.allSettled(internals.concurrentUploaders ?? []);
  if (!upload.uploadId) return;
  try {
    await args.client.send(new AbortMultipartUploadCommand({ Bucket: args.bucket, Key: args.key, UploadId: upload.uploadId }));
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name !== 'NoSuchUpload' && e.$metadata?.httpStatusCode !== 404) throw error;
  }
}

/**
 * The file's bytes as lib-storage reads them, each chunk waiting for the bandwidth limit first: lib-storage
 * sends a part once it has read it, so pacing the reads paces the upload (backpressure does the rest).
 */
function limited(stream: Readable, bandwidth: BandwidthLimit | undefined, signal: AbortSignal): Readable {
  if (!bandwidth) return stream;
  const pace = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bandwidth.take(chunk.length, signal).then(
        () => done(null, chunk),
        (error: unknown) => done(error as Error),
      );
    },
  });
  stream.on('error', (error) => pace.destroy(error));
  return stream.pipe(pace);
}
