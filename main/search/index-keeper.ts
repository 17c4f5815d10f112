/**
 * The indexes themselves, one per connection and bucket, with everything that touches them: loading and
 * saving (index-store.ts), building a crawl's pages into columns (the sort), the trigram index, queries,
 * folder sizes and in-app writes. It runs on the index worker (index-worker.ts), so none of that work, tens of
 * milliseconds to seconds at 1,000,000 keys, runs on the main process's event loop; the search service talks
 * to it through index-host.ts. Plain arguments and results only: they cross a thread by structured clone.
 */
import type { IndexStatus, SearchQuery, SearchResult, SizesReport } from '../../shared/search';
import { codedError } from '../core/app-error';
import type { ListedObject } from '../s3/list-objects';
import { BucketIndex, type IndexEntry, IndexBuilder } from './bucket-index';
import { IndexStore } from './index-store';
import { folderSizes, runQuery } from './query';

export interface Scope {
  readonly connectionId: string;
  readonly bucket: string;
}

interface Held {
  readonly index: BucketIndex;
  diskBytes: number;
}

const keyOf = (s: Scope) => `${s.connectionId}\0${s.bucket}`;

export class IndexKeeper {
  private readonly store: IndexStore;
  private readonly held = new Map<string, Promise<Held | null>>();
  /** Crawls under way: their pages so far. */
  private readonly builds = new Map<string, IndexBuilder>();

  constructor(dir: string | undefined) {
    this.store = new IndexStore(dir);
  }

  private get(scope: Scope): Promise<Held | null> {
    const k = keyOf(scope);
    let held = this.held.get(k);
    if (!held) {
      held = this.store.load(scope.connectionId, scope.bucket).then((loaded) => {
        if (!loaded) return null;
        // Built now rather than on the first query, which should not wait for it.
        loaded.index.prepare();
        return { index: loaded.index, diskBytes: loaded.diskBytes };
      });
      this.held.set(k, held);
    }
    return held;
  }

  /** How many objects the held index of `prefix` has (for a crawl's ETA), or null. */
  async expected(scope: Scope, prefix: string): Promise<number | null> {
    const held = await this.get(scope);
    return held && held.index.root === prefix ? held.index.objects : null;
  }

  begin(build: string): void {
    this.builds.set(build, new IndexBuilder());
  }

  add(build: string, objects: readonly ListedObject[]): void {
    this.builds.get(build)?.add(objects);
  }

  /** A crawl that starts over. */
  clear(build: string): void {
    this.builds.get(build)?.clear();
  }

  abort(build: string): void {
    this.builds.delete(build);
  }

  /** The crawl's pages become the scope's index (merged into a wider one it refines), held and saved. */
  async commit(build: string, scope: Scope, prefix: string, startedAt: number): Promise<{ readonly objects: number; readonly diskBytes: number }> {
    const builder = this.builds.get(build);
    if (!builder) throw codedError('Conflict', `no crawl ${build} under way`);
    this.builds.delete(build);
    const objects = builder.count;
    const index = merged(await this.get(scope), prefix, startedAt, builder);
    index.prepare();
    const held: Held = { index, diskBytes: 0 };
    this.held.set(keyOf(scope), Promise.resolve(held));
    held.diskBytes = await this.store.save(scope.connectionId, scope.bucket, index);
    return { objects, diskBytes: held.diskBytes };
  }

  private async covering(scope: Scope, prefix: string): Promise<BucketIndex> {
    const held = await this.get(scope);
    if (!held || !prefix.startsWith(held.index.root)) {
      throw codedError('NotCached', `no index covers ${scope.bucket}/${prefix}: crawl it first`);
    }
    return held.index;
  }

  async query(q: SearchQuery): Promise<SearchResult> {
    return runQuery(await this.covering(q, q.prefix), q);
  }

  async sizes(scope: Scope, prefix: string): Promise<SizesReport> {
    return folderSizes(await this.covering(scope, prefix), prefix);
  }

  async status(scope: Scope): Promise<IndexStatus> {
    const held = await this.get(scope);
    if (!held) return { prefix: null, objects: 0, indexedAt: null, changesSince: 0, diskBytes: 0, memoryBytes: 0 };
    const i = held.index;
    return { prefix: i.root, objects: i.objects, indexedAt: i.indexedAt, changesSince: i.changesSince, diskBytes: held.diskBytes, memoryBytes: i.memoryBytes() };
  }

  async drop(scope: Scope): Promise<void> {
    this.held.set(keyOf(scope), Promise.resolve(null));
    await this.store.remove(scope.connectionId, scope.bucket);
  }

  /**
   * In-app deletes applied to a held index (one on disk is loaded as it was); answers the put keys it covers,
   * whose listing entries the service re-reads from S3 and hands to `written`.
   */
  async changed(scope: Scope, deletes: readonly string[], puts: readonly string[]): Promise<string[]> {
    const held = this.held.get(keyOf(scope));
    const index = held ? (await held)?.index : undefined;
    if (!index) return [];
    for (const key of deletes) if (index.covers(key)) index.remove(key);
    return puts.filter((key) => index.covers(key));
  }

  /** The re-read entries of put keys (or their absence), then the index saved. */
  async written(scope: Scope, upserts: readonly IndexEntry[], gone: readonly string[]): Promise<void> {
    const held = await this.held.get(keyOf(scope));
    if (!held) return;
    for (const e of upserts) held.index.upsert(e);
    for (const key of gone) held.index.remove(key);
    held.diskBytes = await this.store.save(scope.connectionId, scope.bucket, held.index);
  }

  /** This thread's heap, after a collection when gc is exposed (the bench); the process's RSS includes it. */
  memory(): { readonly heapUsed: number; readonly external: number; readonly arrayBuffers: number; readonly collected: boolean } {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const m = process.memoryUsage();
    return { heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, collected: gc !== undefined };
  }
}

/** A crawl of a folder inside an indexed wider scope replaces only that folder's part of it. */
function merged(previous: Held | null, prefix: string, startedAt: number, builder: IndexBuilder): BucketIndex {
  if (!previous || prefix === previous.index.root || !prefix.startsWith(previous.index.root)) {
    return new BucketIndex(prefix, startedAt, builder.build());
  }
  for (const e of previous.index.entries()) if (!e.key.startsWith(prefix)) builder.add([{ ...e, etag: '' }]);
  // The answer is only as fresh as its oldest part.
  return new BucketIndex(previous.index.root, Math.min(startedAt, previous.index.indexedAt), builder.build());
}
