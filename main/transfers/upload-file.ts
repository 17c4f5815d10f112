/**
 * Upload one local file. Small files go up as one PutObject from memory (cheapest for thousands of small
 * files); large ones through @aws-sdk/lib-storage's Upload (multipart, parts in parallel). Cancel aborts the
 * multipart upload and waits until the abort went out, so no orphaned parts stay billed on the bucket.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { AbortMultipartUploadCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { toAppError } from '../s3/errors';
import { TransferError } from './download-object';
import type { Limiter } from './limiter';

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
}

export interface UploadResult {
  readonly etag: string | null;
}

function classify(error: unknown, signal: AbortSignal): TransferError {
  if (signal.aborted) return new TransferError({ code: 'Cancelled', message: 'cancelled' });
  if (error instanceof TransferError) return error;
  return new TransferError(toAppError(error, 'upload'));
}

export async function uploadFile(args: UploadArgs): Promise<UploadResult> {
  const tuning = args.tuning ?? DEFAULT_UPLOAD_TUNING;
  if (args.signal.aborted) throw classify(null, args.signal);
  try {
    if (args.size <= tuning.partSize) {
      return await args.requests.run(async () => {
        const body = await readFile(args.localPath, { signal: args.signal });
        if (body.length !== args.size) throw new TransferError({ code: 'Conflict', message: 'the file changed while it was being uploaded' });
        const out = await args.client.send(
          new PutObjectCommand({ Bucket: args.bucket, Key: args.key, Body: body, ContentLength: body.length }),
          { abortSignal: args.signal },
        );
        args.onBytes?.(body.length);
        return { etag: out.ETag ?? null };
      });
    }
    return await multipart(args, tuning);
  } catch (error) {
    throw classify(error, args.signal);
  }
}

async function multipart(args: UploadArgs, tuning: UploadTuning): Promise<UploadResult> {
  // One request-limiter slot per file: lib-storage runs its own `queueSize` parts in parallel inside it.
  return args.requests.run(async () => {
    const upload = new Upload({
      client: args.client,
      params: {
        Bucket: args.bucket,
        Key: args.key,
        Body: createReadStream(args.localPath, { highWaterMark: 1024 * 1024 }),
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
