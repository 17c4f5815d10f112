/**
 * The search feature: crawls (parallel, resumable, cancellable, with progress), one index per connection and
 * bucket kept in memory and in the user-data folder, queries and folder sizes over it, and the index's side of
 * the core's one invalidation path (a delete drops the key, a put re-reads that one key's listing entry).
 */
import type { EventSink } from '../../shared/ipc';
import type { CrawlReport, CrawlRequest, IndexStatus, SearchQuery, SearchResult, SizesReport } from '../../shared/search';
import type { Change } from '../cache/s3-cache';
import { codedError } from '../core/app-error';
import type { CoreContext } from '../core/context';
import { listObjectsPage } from '../s3/list-objects';
import { BucketIndex, IndexBuilder } from './bucket-index';
import { IndexStore } from './index-store';
import { type CrawlStats, parallelCrawl } from './parallel-crawl';
import { folderSizes, runQuery } from './query';

export interface SearchOptions {
  /** Where indexes are kept (`<userData>/search-index`); without it they last for the session. */
  readonly dir?: string;
  readonly concurrency: number;
  readonly progressIntervalMs: number;
  readonly retries: number;
  readonly backoffMs: number;
  readonly now: () => number;
}

const DEFAULTS: SearchOptions = { concurrency: 8, progressIntervalMs: 250, retries: 5, backoffMs: 200, now: Date.now };

interface Held {
  readonly index: BucketIndex;
  diskBytes: number;
}

const scopeKey = (connectionId: string, bucket: string) => `${connectionId}\0${bucket}`;

export class SearchService {
  private readonly options: SearchOptions;
  private readonly store: IndexStore;
  private readonly held = new Map<string, Held | null>();
  private readonly crawls = new Map<string, AbortController>();
  /** Re-reads of put keys and index saves still under way (tests and dispose wait on it). */
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: Pick<CoreContext, 'clientFor'>,
    private readonly events: EventSink,
    options: Partial<SearchOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.store = new IndexStore(this.options.dir);
  }

  private async get(connectionId: string, bucket: string): Promise<Held | null> {
    const k = scopeKey(connectionId, bucket);
    if (!this.held.has(k)) this.held.set(k, (await this.store.load(connectionId, bucket)) ?? null);
    return this.held.get(k) ?? null;
  }

  async crawl(req: CrawlRequest): Promise<CrawlReport> {
    if (this.crawls.has(req.crawlId)) throw codedError('Conflict', `crawl ${req.crawlId} is already running`);
    const controller = new AbortController();
    this.crawls.set(req.crawlId, controller);
    const startedAt = this.options.now();
    const t0 = performance.now();
    const builder = new IndexBuilder();
    const previous = await this.get(req.connectionId, req.bucket);
    const expected = previous && previous.index.root === req.prefix ? previous.index.objects : null;
    let bytes = 0;
    let lastEvent = 0;
    const emit = (stats: CrawlStats, force = false) => {
      const t = performance.now();
      if (!force && t - lastEvent < this.options.progressIntervalMs) return;
      lastEvent = t;
      const seconds = (t - t0) / 1000;
      const rate = seconds > 0 ? builder.count / seconds : 0;
      const etaSeconds = expected !== null && rate > 0 ? Math.max(0, (expected - builder.count) / rate) : null;
      this.events('search:progress', {
        crawlId: req.crawlId,
        objects: builder.count,
        requests: stats.requests,
        rate,
        etaSeconds,
        rangesDone: stats.rangesDone,
        ranges: stats.ranges,
        extraRequests: stats.splitRequests,
      });
    };
    try {
      const stats = await parallelCrawl(this.ctx.clientFor(req.connectionId, req.bucket), req.bucket, req.prefix, {
        concurrency: req.concurrency ?? this.options.concurrency,
        signal: controller.signal,
        retries: this.options.retries,
        backoffMs: this.options.backoffMs,
        onObjects: (objects) => {
          builder.add(objects);
          for (const o of objects) bytes += o.size;
        },
        onStats: (stats) => emit(stats),
        onRestart: () => {
          builder.clear();
          bytes = 0;
        },
      });
      emit(stats, true);
      const index = this.merged(previous, req.prefix, startedAt, builder);
      const held: Held = { index, diskBytes: 0 };
      this.held.set(scopeKey(req.connectionId, req.bucket), held);
      held.diskBytes = await this.store.save(req.connectionId, req.bucket, index);
      return {
        objects: builder.count,
        bytes,
        requests: stats.requests,
        splitRequests: stats.splitRequests,
        ranges: stats.ranges,
        keyRanges: stats.keyRanges,
        restarted: stats.restarted,
        retries: stats.retries,
        denied: stats.denied,
        tookMs: performance.now() - t0,
        indexedAt: startedAt,
      };
    } catch (error) {
      if (controller.signal.aborted) throw codedError('Cancelled', 'crawl cancelled');
      throw error;
    } finally {
      this.crawls.delete(req.crawlId);
    }
  }

  /** A crawl of a folder inside an indexed wider scope replaces only that folder's part of it. */
  private merged(previous: Held | null, prefix: string, startedAt: number, builder: IndexBuilder): BucketIndex {
    if (!previous || prefix === previous.index.root || !prefix.startsWith(previous.index.root)) {
      return new BucketIndex(prefix, startedAt, builder.build());
    }
    for (const e of previous.index.entries()) if (!e.key.startsWith(prefix)) builder.add([{ ...e, etag: '' }]);
    // The answer is only as fresh as its oldest part.
    return new BucketIndex(previous.index.root, Math.min(startedAt, previous.index.indexedAt), builder.build());
  }

  cancel(crawlId: string): boolean {
    const c = this.crawls.get(crawlId);
    c?.abort();
    return c !== undefined;
  }

  private async covering(connectionId: string, bucket: string, prefix: string): Promise<BucketIndex> {
    const held = await this.get(connectionId, bucket);
    if (!held || !prefix.startsWith(held.index.root)) {
      throw codedError('NotCached', `no index covers ${bucket}/${prefix}: crawl it first`);
    }
    return held.index;
  }

  async query(q: SearchQuery): Promise<SearchResult> {
    return runQuery(await this.covering(q.connectionId, q.bucket, q.prefix), q);
  }

  async sizes(connectionId: string, bucket: string, prefix: string): Promise<SizesReport> {
    return folderSizes(await this.covering(connectionId, bucket, prefix), prefix);
  }

  async status(connectionId: string, bucket: string): Promise<IndexStatus> {
    const held = await this.get(connectionId, bucket);
    if (!held) return { prefix: null, objects: 0, indexedAt: null, changesSince: 0, diskBytes: 0, memoryBytes: 0 };
    const i = held.index;
    return { prefix: i.root, objects: i.objects, indexedAt: i.indexedAt, changesSince: i.changesSince, diskBytes: held.diskBytes, memoryBytes: i.memoryBytes() };
  }

  async drop(connectionId: string, bucket: string): Promise<void> {
    this.held.set(scopeKey(connectionId, bucket), null);
    await this.store.remove(connectionId, bucket);
  }

  /** The index's part of CoreContext.invalidate: applied to a held index only (one on disk is loaded as it was). */
  onChanges(connectionId: string, bucket: string, changes: readonly Change[]): void {
    const held = this.held.get(scopeKey(connectionId, bucket));
    if (!held) return;
    const index = held.index;
    const puts: string[] = [];
    for (const { key, change } of changes) {
      if (!index.covers(key)) continue;
      if (change === 'delete') index.remove(key);
      else puts.push(key);
    }
    const work = this.reread(connectionId, bucket, index, puts).then(() => this.store.save(connectionId, bucket, index));
    this.pending = Promise.all([this.pending, work.then((size) => (held.diskBytes = size))]).catch(() => undefined);
  }

  /** One listing entry per put key (size, date, class as S3 lists them), four at a time. */
  private async reread(connectionId: string, bucket: string, index: BucketIndex, keys: readonly string[]): Promise<void> {
    const client = this.ctx.clientFor(connectionId, bucket);
    let next = 0;
    const worker = async () => {
      while (next < keys.length) {
        const key = keys[next++]!;
        try {
          const page = await listObjectsPage(client, { bucket, prefix: key, maxKeys: 1 });
          const o = page.objects.find((x) => x.key === key);
          if (o) index.upsert({ key, size: o.size, lastModified: o.lastModified, storageClass: o.storageClass });
          else index.remove(key);
        } catch {
          // Unknown until the next crawl: listed with no size rather than left out.
          index.upsert({ key, size: 0, lastModified: 0, storageClass: 'STANDARD' });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, keys.length) }, worker));
  }

  /** Resolves once every write seen so far is in the index and on disk. */
  settled(): Promise<unknown> {
    return this.pending;
  }

  dispose(): void {
    for (const c of this.crawls.values()) c.abort();
  }
}
