/**
 * One sub-range of a crawl: a flat listing (no delimiter) of a prefix, followed page by page. A page that
 * fails with a throttle, a 5xx or a cut connection is asked for again with the same continuation token, so a
 * resumed range starts exactly after the last key it already has: nothing twice, nothing missed, and no
 * reliance on how the server orders keys.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { toAppError } from '../core/to-app-error';
import { type ListedObject, listObjectsPage, type ObjectsPage, type PageRequest } from '../s3/list-objects';

export interface RangeOptions {
  readonly signal?: AbortSignal;
  /** Attempts per page on top of the SDK's own (which gives up after 3 on a busy server). */
  readonly retries?: number;
  /** Waits between attempts (tests pass 0). */
  readonly backoffMs?: number;
  readonly onPage: (objects: readonly ListedObject[]) => void;
  readonly onRequest: (retry: boolean) => void;
  /** Where a range with no cursor yet begins (after this key); else at the prefix's start. */
  readonly startAfter?: string;
}

/** Errors worth another attempt: the server was busy or the connection broke, not a refusal. */
export function isTransient(error: unknown): boolean {
  const code = toAppError(error).code;
  return code === 'Throttled' || code === 'Network' || code === 'Unknown';
}

/** One page, sent again from the same cursor while the failure is transient. */
export async function pageWithResume(client: S3Client, req: PageRequest, options: RangeOptions): Promise<ObjectsPage> {
  const retries = options.retries ?? 5;
  for (let attempt = 0; ; attempt++) {
    options.signal?.throwIfAborted();
    options.onRequest(attempt > 0);
    try {
      return await listObjectsPage(client, req);
    } catch (error) {
      if (options.signal?.aborted || attempt >= retries || !isTransient(error)) throw error;
      const wait = (options.backoffMs ?? 200) * 2 ** attempt;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** Everything under `prefix`, from `cursor` (the continuation token after a page already taken) to the end. */
export async function crawlRange(
  client: S3Client,
  bucket: string,
  prefix: string,
  options: RangeOptions,
  cursor: string | null = null,
): Promise<void> {
  do {
    const from = cursor === null && options.startAfter !== undefined ? { startAfter: options.startAfter } : {};
    const page = await pageWithResume(client, { bucket, prefix, cursor, ...from, ...(options.signal ? { signal: options.signal } : {}) }, options);
    options.onPage(page.objects);
    cursor = page.nextCursor;
  } while (cursor);
}
