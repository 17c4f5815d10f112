/**
 * The search feature: crawls (parallel, resumable, cancellable, with progress), one index per connection and
 * bucket kept in memory and in the user-data folder, queries and folder sizes over it, and the index's side of
 * the core's one invalidation path (a delete drops the key, a put re-reads that one key's listing entry).
 * The crawl's requests run here; the indexes live on a worker thread (index-keeper.ts through index-host.ts),
 * which receives each page as it arrives, so sorting, loading and querying 1,000,000 keys never block main.
 */
import type { EventSink } from '../../shared/ipc';
import type { CrawlReport, CrawlRequest, IndexStatus, SearchQuery, SearchResult, SizesReport } from '../../shared/search';
import type { Change } from '../cache/s3-cache';
import { codedError } from '../core/app-error';
import type { CoreContext } from '../core/context';
import { listObjectsPage } from '../s3/list-objects';
import type { IndexEntry } from './bucket-index';
import { IndexHost } from './index-host';
import type { Scope } from './index-keeper';
import { type CrawlStats, parallelCrawl } from './parallel-crawl';

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

export class SearchService {
  private readonly options: SearchOptions;
  private readonly host: IndexHost;
  private scope(connectionId: string, bucket: string): Scope {
    this.touched.add(`${connectionId}\0${bucket}`);
    return { connectionId, bucket };
  }
  private readonly crawls = new Map<string, AbortController>();
  /** Scopes the worker has been asked about: only those can have an index in memory for a write to change. */
  private readonly touched = new Set<string>();
  /** Re-reads of put keys and index saves still under way (tests and dispose wait on it). */
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: Pick<CoreContext, 'clientFor'>,
    private readonly events: EventSink,
    options: Partial<SearchOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.host = new IndexHost(this.options.dir);
  }

  async crawl(req: CrawlRequest): Promise<CrawlReport> {
    if (this.crawls.has(req.crawlId)) throw codedError('Conflict', `crawl ${req.crawlId} is already running`);
    const controller = new AbortController();
    this.crawls.set(req.crawlId, controller);
    const startedAt = this.options.now();
    const t0 = performance.now();
    const scope = this.scope(req.connectionId, req.bucket);
    const build = req.crawlId;
    let count = 0;
    let bytes = 0;
    let lastEvent = 0;
    try {
      const expected = await this.host.call('expected', scope, req.prefix);
      this.host.send('begin', build);
      const emit = (stats: CrawlStats, force = false) => {
        const t = performance.now();
        if (!force && t - lastEvent < this.options.progressIntervalMs) return;
        lastEvent = t;
        const seconds = (t - t0) / 1000;
        const rate = seconds > 0 ? count / seconds : 0;
        const etaSeconds = expected !== null && rate > 0 ? Math.max(0, (expected - count) / rate) : null;
        this.events('search:progress', {
          crawlId: req.crawlId,
          objects: count,
          requests: stats.requests,
          rate,
          etaSeconds,
          rangesDone: stats.rangesDone,
          ranges: stats.ranges,
          extraRequests: stats.splitRequests,
        });
      };
      const stats = await parallelCrawl(this.ctx.clientFor(req.connectionId, req.bucket), req.bucket, req.prefix, {
        concurrency: req.concurrency ?? this.options.concurrency,
        signal: controller.signal,
        retries: this.options.retries,
        backoffMs: this.options.backoffMs,
        onObjects: (objects) => {
          this.host.send('add', build, objects);
          count += objects.length;
          for (const o of objects) bytes += o.size;
        },
        onStats: (stats) => emit(stats),
        onRestart: () => {
          this.host.send('clear', build);
          count = 0;
          bytes = 0;
        },
      });
      emit(stats, true);
      await this.host.call('commit', build, scope, req.prefix, startedAt);
      return {
        objects: count,
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
      this.host.send('abort', build);
      if (controller.signal.aborted) throw codedError('Cancelled', 'crawl cancelled');
      throw error;
    } finally {
      this.crawls.delete(req.crawlId);
    }
  }

  cancel(crawlId: string): boolean {
    const c = this.crawls.get(crawlId);
    c?.abort();
    return c !== undefined;
  }

  query(q: SearchQuery): Promise<SearchResult> {
    this.scope(q.connectionId, q.bucket);
    return this.host.call('query', q);
  }

  sizes(connectionId: string, bucket: string, prefix: string): Promise<SizesReport> {
    return this.host.call('sizes', this.scope(connectionId, bucket), prefix);
  }

  status(connectionId: string, bucket: string): Promise<IndexStatus> {
    return this.host.call('status', this.scope(connectionId, bucket));
  }

  drop(connectionId: string, bucket: string): Promise<void> {
    return this.host.call('drop', this.scope(connectionId, bucket));
  }

  /** The index's part of CoreContext.invalidate: applied to a held index only (one on disk is loaded as it was). */
  onChanges(connectionId: string, bucket: string, changes: readonly Change[]): void {
    if (!this.touched.has(`${connectionId}\0${bucket}`)) return;
    const scope: Scope = { connectionId, bucket };
    const deletes = changes.filter((c) => c.change === 'delete').map((c) => c.key);
    const puts = changes.filter((c) => c.change !== 'delete').map((c) => c.key);
    const work = this.host
      .call('changed', scope, deletes, puts)
      .then((covered) => this.reread(connectionId, bucket, covered))
      .then(({ upserts, gone }) => this.host.call('written', scope, upserts, gone));
    this.pending = Promise.all([this.pending, work]).catch(() => undefined);
  }

  /** One listing entry per put key (size, date, class as S3 lists them), four at a time. */
  private async reread(connectionId: string, bucket: string, keys: readonly string[]): Promise<{ upserts: IndexEntry[]; gone: string[] }> {
    const upserts: IndexEntry[] = [];
    const gone: string[] = [];
    if (keys.length === 0) return { upserts, gone };
    const client = this.ctx.clientFor(connectionId, bucket);
    let next = 0;
    const worker = async () => {
      while (next < keys.length) {
        const key = keys[next++]!;
        try {
          const page = await listObjectsPage(client, { bucket, prefix: key, maxKeys: 1 });
          const o = page.objects.find((x) => x.key === key);
          if (o) upserts.push({ key, size: o.size, lastModified: o.lastModified, storageClass: o.storageClass });
          else gone.push(key);
        } catch {
          // Unknown until the next crawl: listed with no size rather than left out.
          upserts.push({ key, size: 0, lastModified: 0, storageClass: 'STANDARD' });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, keys.length) }, worker));
    return { upserts, gone };
  }

  /** Resolves once every write seen so far is in the index and on disk. */
  settled(): Promise<unknown> {
    return this.pending;
  }

  /** Cancels crawls; the worker stops once writes under way are saved (dispose awaits settled, then close). */
  dispose(): void {
    for (const c of this.crawls.values()) c.abort();
  }

  close(): Promise<void> {
    return this.host.close();
  }
}
