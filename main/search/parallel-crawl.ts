/**
 * A crawl of a prefix split into sub-ranges listed at once. The split is by folder: a delimiter listing of a
 * prefix returns the objects directly in it and its subfolders, and every key below the prefix is in exactly
 * one of those, so the union of the parts is the flat listing whatever order the server keeps (fauxqs sorts
 * by locale, S3 and RGW by UTF-8 bytes). A prefix with no subfolders was listed completely by its delimiter
 * listing, so splitting costs a request only where there are folders to split into: at most one per
 * sub-range. A bucket without folders is listed sequentially (no order-free boundary exists).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { toAppError } from '../core/to-app-error';
import type { ListedObject } from '../s3/list-objects';
import { crawlRange, pageWithResume, type RangeOptions } from './crawler';

export interface CrawlOptions {
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  readonly retries?: number;
  readonly backoffMs?: number;
  /** Split a subfolder again while fewer than concurrency × this many ranges are waiting. */
  readonly splitFactor?: number;
  readonly maxDepth?: number;
  readonly onObjects: (objects: readonly ListedObject[]) => void;
  readonly onStats?: (stats: CrawlStats) => void;
}

export interface CrawlStats {
  requests: number;
  /** Delimiter-listing requests beyond the first one of a prefix. */
  splitRequests: number;
  retries: number;
  ranges: number;
  rangesDone: number;
  readonly denied: string[];
}

interface Task {
  readonly prefix: string;
  readonly depth: number;
  readonly split: boolean;
}

export async function parallelCrawl(client: S3Client, bucket: string, prefix: string, options: CrawlOptions): Promise<CrawlStats> {
  const stats: CrawlStats = { requests: 0, splitRequests: 0, retries: 0, ranges: 1, rangesDone: 0, denied: [] };
  const concurrency = Math.max(1, options.concurrency);
  const factor = options.splitFactor ?? 4;
  const maxDepth = options.maxDepth ?? 4;
  const rangeOptions: RangeOptions = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
    ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
    onPage: (objects) => {
      options.onObjects(objects);
      options.onStats?.(stats);
    },
    onRequest: (retry) => {
      stats.requests++;
      if (retry) stats.retries++;
    },
  };

  const queue: Task[] = [{ prefix, depth: 0, split: concurrency > 1 }];
  let running = 0;

  /** The delimiter listing: objects directly here go to the index, subfolders become ranges of their own. */
  const splitInto = async (task: Task) => {
    let cursor: string | null = null;
    let first = true;
    do {
      const page = await pageWithResume(
        client,
        { bucket, prefix: task.prefix, shallow: true, cursor, ...(options.signal ? { signal: options.signal } : {}) },
        { ...rangeOptions, onRequest: (retry) => {
          rangeOptions.onRequest(retry);
          // A page whose entries are mostly subfolders buys no objects: count it as the price of the split.
          if (!first && !retry) stats.splitRequests++;
        } },
      );
      if (first && page.prefixes.length > 0) stats.splitRequests++;
      first = false;
      rangeOptions.onPage(page.objects);
      for (const sub of page.prefixes) {
        const split = task.depth + 1 < maxDepth && queue.length + running < concurrency * factor;
        queue.push({ prefix: sub, depth: task.depth + 1, split });
        stats.ranges++;
      }
      cursor = page.nextCursor;
    } while (cursor);
  };

  const runTask = async (task: Task) => {
    try {
      if (task.split) await splitInto(task);
      else await crawlRange(client, bucket, task.prefix, rangeOptions);
    } catch (error) {
      // A refused subfolder is reported, never skipped in silence; a refused scope is the caller's error.
      if (task.depth > 0 && toAppError(error).code === 'AccessDenied') stats.denied.push(task.prefix);
      else throw error;
    }
    stats.rangesDone++;
    options.onStats?.(stats);
  };

  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const pump = () => {
      if (failed) return;
      if (queue.length === 0 && running === 0) return resolve();
      while (running < concurrency && queue.length > 0) {
        const task = queue.shift()!;
        running++;
        runTask(task).then(
          () => {
            running--;
            pump();
          },
          (error: unknown) => {
            failed = true;
            reject(error);
          },
        );
      }
    };
    pump();
  });
  stats.denied.sort();
  return stats;
}
