/**
 * A crawl of a prefix split into sub-ranges listed at once, two ways:
 * - by folder: a delimiter listing of a prefix returns the objects directly in it and its subfolders, and every
 *   key below it is in exactly one of those, so the parts' union is the flat listing whatever order the server
 *   keeps (fauxqs sorts by locale, S3 and RGW by UTF-8 bytes). Splitting costs a request only where there are
 *   folders to split into: at most one per sub-range.
 * - by key range (key-ranges.ts), where a delimiter page shows no folders at all: the rest is listed from
 *   StartAfter boundaries guessed from the keys seen, a busy range handing the far part of its rest to an idle
 *   worker. Exact only on a byte-ordered server, which every page is checked against; a page out of that order
 *   starts the crawl again as one sequential listing (onRestart), so a lax server costs time, never keys.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { toAppError } from '../core/to-app-error';
import { type ListedObject, PAGE_SIZE } from '../s3/list-objects';
import { crawlRange, pageWithResume, type RangeOptions } from './crawler';
import { checkOrder, compareUtf8, OrderError, splitPoints, widthOf } from './key-ranges';

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
  /** Forget every object passed so far: the crawl starts again sequentially (the server is not byte-ordered). */
  readonly onRestart?: () => void;
}

export interface CrawlStats {
  requests: number;
  /** Requests beyond ceil(objects / 1000) of each sub-range: finding folders, and each range's last page. */
  splitRequests: number;
  retries: number;
  ranges: number;
  rangesDone: number;
  /** Ranges split by key (StartAfter) rather than by folder. */
  keyRanges: number;
  /** Set when a page came back out of byte order and the crawl was listed again as one range. */
  restarted: boolean;
  readonly denied: string[];
}

/** (lo, hi] of a flat prefix; `last` is the last key taken, `sample` its page's keys while more may follow. */
interface KeyRange {
  readonly prefix: string;
  readonly lo: string | null;
  hi: string | null;
  last: string | null;
  sample: readonly string[] | null;
  pages: number;
  kept: number;
}

type Task =
  | { readonly kind: 'folder'; readonly prefix: string; readonly depth: number; readonly split: boolean }
  | { readonly kind: 'keys'; readonly range: KeyRange };

export async function parallelCrawl(client: S3Client, bucket: string, prefix: string, options: CrawlOptions): Promise<CrawlStats> {
  const stats: CrawlStats = { requests: 0, splitRequests: 0, retries: 0, ranges: 1, rangesDone: 0, keyRanges: 0, restarted: false, denied: [] };
  try {
    await crawlOnce(client, bucket, prefix, options, stats, Math.max(1, options.concurrency));
  } catch (error) {
    if (!(error instanceof OrderError)) throw error;
    options.onRestart?.();
    Object.assign(stats, { ranges: 1, rangesDone: 0, keyRanges: 0, restarted: true });
    stats.denied.length = 0;
    await crawlOnce(client, bucket, prefix, options, stats, 1);
  }
  stats.denied.sort();
  return stats;
}

function byteOrdered(objects: readonly ListedObject[]): boolean {
  try {
    checkOrder(null, objects.map((o) => o.key));
    return true;
  } catch (error) {
    if (error instanceof OrderError) return false;
    throw error;
  }
}

async function crawlOnce(client: S3Client, bucket: string, prefix: string, options: CrawlOptions, stats: CrawlStats, concurrency: number): Promise<void> {
  // Stops this attempt's requests in flight when it fails, so a restart never hears from them.
  const inner = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, inner.signal]) : inner.signal;
  let live = true;
  const factor = options.splitFactor ?? 4;
  const maxDepth = options.maxDepth ?? 4;
  const rangeOptions: RangeOptions = {
    signal,
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
    ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
    onPage: (objects) => {
      if (!live) return;
      options.onObjects(objects);
      options.onStats?.(stats);
    },
    onRequest: (retry) => {
      stats.requests++;
      if (retry) stats.retries++;
    },
  };

  const queue: Task[] = [{ kind: 'folder', prefix, depth: 0, split: concurrency > 1 }];
  /** Key ranges being listed that could hand part of their rest to an idle worker. */
  const active = new Set<KeyRange>();
  let running = 0;
  let pump: () => void = () => {};

  /** Gives the far part of the widest busy range's rest to idle workers, as new ranges. */
  const steal = (idle: number) => {
    let best: KeyRange | null = null;
    for (const r of active) if (r.sample && r.last !== null && (!best || widthOf(r.last, r.hi) > widthOf(best.last!, best.hi))) best = r;
    if (!best) return;
    const points = splitPoints(best.last!, best.hi, best.sample!, best.prefix, idle);
    best.sample = null; // its next page brings a fresh sample
    if (points.length === 0) return;
    const hi = best.hi;
    best.hi = points[0]!;
    points.forEach((lo, i) => {
      queue.push({ kind: 'keys', range: { prefix: best.prefix, lo, hi: points[i + 1] ?? hi, last: null, sample: null, pages: 0, kept: 0 } });
      stats.ranges++;
      stats.keyRanges++;
    });
  };

  /** Pages of (lo, hi] until one passes hi or the listing ends; every page checked for byte order. */
  const listKeys = async (r: KeyRange) => {
    active.add(r);
    try {
      let cursor: string | null = null;
      for (;;) {
        const startAfter = r.last ?? r.lo;
        const page = await pageWithResume(client, { bucket, prefix: r.prefix, cursor, ...(cursor || startAfter === null ? {} : { startAfter }), signal }, rangeOptions);
        r.pages++;
        const keys = page.objects.map((o) => o.key);
        checkOrder(startAfter, keys);
        let take = keys.length;
        if (r.hi !== null) {
          const hi = r.hi;
          take = 0;
          while (take < keys.length && compareUtf8(keys[take]!, hi) <= 0) take++;
        }
        const kept = take === keys.length ? page.objects : page.objects.slice(0, take);
        if (kept.length > 0) r.last = kept[kept.length - 1]!.key;
        r.kept += kept.length;
        rangeOptions.onPage(kept);
        if (take < keys.length || !page.nextCursor) break;
        cursor = page.nextCursor;
        r.sample = keys;
        pump();
      }
    } finally {
      active.delete(r);
    }
    stats.splitRequests += Math.max(0, r.pages - Math.ceil(r.kept / PAGE_SIZE));
  };

  /** The delimiter listing: objects directly here go to the index, subfolders become ranges of their own. */
  const splitInto = async (task: Extract<Task, { kind: 'folder' }>) => {
    let cursor: string | null = null;
    let first = true;
    do {
      const page = await pageWithResume(
        client,
        { bucket, prefix: task.prefix, shallow: true, cursor, signal },
        { ...rangeOptions, onRequest: (retry) => {
          rangeOptions.onRequest(retry);
          // A page whose entries are mostly subfolders buys no objects: count it as the price of the split.
          if (!first && !retry) stats.splitRequests++;
        } },
      );
      if (first && page.prefixes.length === 0 && page.nextCursor && page.objects.length > 1 && byteOrdered(page.objects)) {
        // No folders to split by, and a byte-ordered server: the page is also the flat listing's first, and
        // the rest goes by key range. Otherwise the delimiter listing simply goes on (its own order, any order).
        rangeOptions.onPage(page.objects);
        const keys = page.objects.map((o) => o.key);
        stats.keyRanges++;
        return listKeys({ prefix: task.prefix, lo: null, hi: null, last: keys[keys.length - 1]!, sample: keys, pages: 1, kept: keys.length });
      }
      if (first && page.prefixes.length > 0) stats.splitRequests++;
      first = false;
      rangeOptions.onPage(page.objects);
      for (const sub of page.prefixes) {
        const split = task.depth + 1 < maxDepth && queue.length + running < concurrency * factor;
        queue.push({ kind: 'folder', prefix: sub, depth: task.depth + 1, split });
        stats.ranges++;
      }
      cursor = page.nextCursor;
    } while (cursor);
  };

  const runTask = async (task: Task) => {
    try {
      if (task.kind === 'keys') await listKeys(task.range);
      else if (task.split) await splitInto(task);
      else await crawlRange(client, bucket, task.prefix, rangeOptions);
    } catch (error) {
      // A refused subfolder is reported, never skipped in silence; a refused scope is the caller's error.
      if (task.kind === 'folder' && task.depth > 0 && toAppError(error).code === 'AccessDenied') stats.denied.push(task.prefix);
      else throw error;
    }
    stats.rangesDone++;
    options.onStats?.(stats);
  };

  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      pump = () => {
        if (failed) return;
        if (queue.length === 0 && running === 0) return resolve();
        if (running < concurrency && queue.length === 0) steal(concurrency - running);
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
  } finally {
    live = false;
    inner.abort();
  }
}
