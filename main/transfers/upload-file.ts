/**
 * Upload one local file. Small files go up as one PutObject from memory (cheapest for thousands of small
 * files); large ones as a multipart upload through the same part runner journaled uploads use
 * (journal/resumable-upload.ts). Cancel aborts the multipart upload once no part is in flight, so no orphaned
 * parts stay billed on the bucket.
 */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { toAppError } from '../core/to-app-error';
import { CodedError } from '../core/app-error';
import type { BandwidthLimit } from './bandwidth';
import type { UploadEntry } from './journal/journal-schema';
import { abortQuietly, resumableMultipart } from './journal/resumable-upload';
import type { Limiter } from './limiter';
import { putDirect } from './put-direct';
import { explainRefusal, putHeaders, type ResolvedUploadOptions } from './upload-headers';

export interface UploadTuning {
  /** Files up to this size go up in one PutObject; bigger ones multipart with parts of this size (≥ 5 MiB). */
  readonly partSize: number;
  /** Parts of one file in flight at once. */
  readonly partConcurrency: number;
  /** The largest part big objects may grow to (default: a quarter of partSize × partConcurrency). */
  readonly maxPartSize?: number;
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
  /** Class, encryption, content type, metadata and tags (upload-headers.ts); absent: type guessed, no others. */
  readonly options?: ResolvedUploadOptions;
  /** The shared upload bandwidth limit. */
  readonly bandwidth?: BandwidthLimit;
}

export interface UploadResult {
  readonly etag: string | null;
}

function classify(error: unknown, signal: AbortSignal, options?: ResolvedUploadOptions): CodedError {
  if (signal.aborted) return new CodedError({ code: 'Cancelled', message: 'cancelled' });
  error = explainRefusal(error, options);
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
        const etag = await putSmall(args, body);
        args.onBytes?.(body.length);
        return { etag };
      });
    }
    return await multipart(args, tuning);
  } catch (error) {
    throw classify(error, args.signal, args.options);
  }
}

/**
 * One PutObject, signed locally and sent around the SDK's per-request middleware (see direct-s3.ts). Content-MD5
 * makes the server verify the body it stored is the one we read.
 */
function putSmall(args: UploadArgs, body: Buffer): Promise<string | null> {
  return putDirect({
    client: args.client,
    bucket: args.bucket,
    key: args.key,
    headers: { ...putHeaders(args.key, args.options), 'content-md5': createHash('md5').update(body).digest('base64') },
    body,
    ...(args.bandwidth ? { pace: args.bandwidth } : {}),
    signal: args.signal,
    operation: 'PutObject',
  });
}

/**
 * A multipart upload without a journal (streamed drops, a core without a user-data folder): the journaled
 * runner (journal/resumable-upload.ts) on an entry kept in memory, so every upload sends its parts the same
 * way. Cancel or failure aborts the multipart upload once no part is in flight any more.
 */
async function multipart(args: UploadArgs, tuning: UploadTuning): Promise<UploadResult> {
  let entry: UploadEntry = {
    id: 'unjournaled',
    direction: 'upload',
    connectionId: 'unjournaled',
    bucket: args.bucket,
    key: args.key,
    size: args.size,
    note: null,
    state: 'running',
    createdAt: Date.now(),
    localPath: args.localPath,
    mtimeMs: 0,
    uploadId: null,
    partSize: tuning.partSize,
    parts: [],
    ...(args.options ? { options: args.options } : {}),
  };
  try {
    return await resumableMultipart({
      client: args.client,
      entry: () => entry,
      save: (change) => {
        entry = change(entry);
      },
      durable: () => Promise.resolve(),
      tuning,
      signal: args.signal,
      requests: args.requests,
      ...(args.onBytes ? { onBytes: args.onBytes } : {}),
      ...(args.bandwidth ? { bandwidth: args.bandwidth } : {}),
    });
  } catch (error) {
    if (entry.uploadId) await abortQuietly(args.client, args.bucket, args.key, entry.uploadId);
    throw error;
  }
}
