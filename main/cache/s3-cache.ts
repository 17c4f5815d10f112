import { LRUCache } from 'lru-cache';
import { ancestorsOf, canonicalPrefix } from '../../shared/keys';
import type { Entry, HeadInfo, Stat } from '../../shared/types';
import { cacheKey, folderId } from './cache-key';
import { type Clock, systemClock } from './clock';

export interface CacheOptions {
  /** How long listings, stats and heads stay fresh. */
  readonly ttlMs: number;
  /** Bound on entries (one per page, stat and head). */
  readonly maxEntries: number;
  /** Bound on the approximate bytes held. */
  readonly maxBytes: number;
  readonly clock: Clock;
}

/**
 * Defaults sized so one 100,000-object folder (100 pages + 100,000 stats, ~60 MB estimated) fits twice over: a
 * big listing must never evict its own first pages or stats. maxEntries is not set higher because lru-cache
 * preallocates its index arrays for `max` entries when the cache is built: 1,000,000 cost ~175 ms and ~70 MB
 * at app start, 250,000 about a quarter of that.
 */
export const DEFAULT_CACHE_OPTIONS: CacheOptions = {
  ttlMs: 5 * 60_000,
  maxEntries: 250_000,
  maxBytes: 512 * 1024 * 1024,
  clock: systemClock,
};

export interface CachedPage {
  readonly entries: readonly Entry[];
  readonly nextCursor: string | null;
}

type Value =
  | { readonly t: 'page'; readonly folder: string; readonly page: CachedPage }
  | { readonly t: 'stat'; readonly stat: Stat }
  | { readonly t: 'head'; readonly head: HeadInfo };

export interface Change {
  readonly key: string;
  readonly change: 'put' | 'delete';
}

export interface Invalidation {
  /** Cache entries dropped. */
  readonly dropped: number;
  /** Folders whose listing the changes may have altered, nearest first: what the renderer should re-list. */
  readonly prefixes: readonly string[];
}

/** Rough in-memory cost: V8 strings are ~2 bytes a char, plus object overhead. */
function entryBytes(e: Entry | Stat): number {
  return 96 + 2 * (e.key.length + (e.kind === 'object' ? e.etag.length + e.storageClass.length : 0)) + ('name' in e ? 2 * e.name.length : 0);
}

function valueBytes(v: Value): number {
  switch (v.t) {
    case 'page':
      return 128 + v.page.entries.reduce((sum, e) => sum + entryBytes(e), 0) + 2 * (v.page.nextCursor?.length ?? 0);
    case 'stat':
      return entryBytes(v.stat);
    case 'head':
      return 512 + 2 * JSON.stringify(v.head).length;
  }
}

/** The keyed TTL cache of listings, stats and heads, shared by every connection. */
export class S3Cache {
  private readonly lru: LRUCache<string, Value>;
  /** folderId → cache keys of its pages, so a write drops exactly that folder's pages. */
  private readonly pagesByFolder = new Map<string, Set<string>>();
  /** folderId → how many times its pages were dropped; a listing fetched across a drop must not be stored. */
  private readonly folderGenerations = new Map<string, number>();
  /** Bumped by invalidateScope, which drops folders it does not name one by one. */
  private scopeEpoch = 0;
  private hitCount = 0;
  private missCount = 0;

  constructor(options: Partial<CacheOptions> = {}) {
    const o = { ...DEFAULT_CACHE_OPTIONS, ...options };
    this.lru = new LRUCache<string, Value>({
      max: o.maxEntries,
      maxSize: o.maxBytes,
      ttl: o.ttlMs,
      ttlResolution: 0,
      perf: o.clock,
      sizeCalculation: valueBytes,
      dispose: (value, key) => {
        if (value.t === 'page') this.unindexPage(value.folder, key);
      },
    });
  }

  getPage(connectionId: string, bucket: string, prefix: string, cursor: string): CachedPage | undefined {
    const v = this.lru.get(cacheKey({ connectionId, op: 'list', bucket, key: prefix, cursor }));
    return this.count(v?.t === 'page' ? v.page : undefined);
  }

  /**
   * A token that changes whenever the folder's pages are dropped (write, refresh, scope invalidation). Take it
   * before sending a list request and hand it to setPage: a response that raced a write is then not cached.
   */
  generation(connectionId: string, bucket: string, prefix: string): string {
    return `${this.scopeEpoch}.${this.folderGenerations.get(folderId(connectionId, bucket, prefix)) ?? 0}`;
  }

  /**
   * Store a listing page, plus each entry's stat under the entry's own key. With `generation` (from
   * generation() before the request went out), a page whose folder was invalidated meanwhile is not stored.
   * Returns whether it was stored.
   */
  setPage(connectionId: string, bucket: string, prefix: string, cursor: string, page: CachedPage, generation?: string): boolean {
    if (generation !== undefined && generation !== this.generation(connectionId, bucket, prefix)) return false;
    const folder = folderId(connectionId, bucket, prefix);
    const key = cacheKey({ connectionId, op: 'list', bucket, key: prefix, cursor });
    for (const entry of page.entries) this.setStat(connectionId, bucket, statOf(entry));
    this.lru.set(key, { t: 'page', folder, page });
    // lru-cache refuses an entry bigger than maxBytes; index only what it holds.
    if (!this.lru.has(key)) return false;
    let set = this.pagesByFolder.get(folder);
    if (!set) this.pagesByFolder.set(folder, (set = new Set()));
    set.add(key);
    return true;
  }

  getStat(connectionId: string, bucket: string, key: string): Stat | undefined {
    const v = this.lru.get(cacheKey({ connectionId, op: 'stat', bucket, key }));
    return this.count(v?.t === 'stat' ? v.stat : undefined);
  }

  setStat(connectionId: string, bucket: string, stat: Stat): void {
    this.lru.set(cacheKey({ connectionId, op: 'stat', bucket, key: stat.key }), { t: 'stat', stat });
  }

  getHead(connectionId: string, bucket: string, key: string): HeadInfo | undefined {
    const v = this.lru.get(cacheKey({ connectionId, op: 'head', bucket, key }));
    return this.count(v?.t === 'head' ? v.head : undefined);
  }

  setHead(connectionId: string, bucket: string, head: HeadInfo): void {
    this.lru.set(cacheKey({ connectionId, op: 'head', bucket, key: head.key }), { t: 'head', head });
    this.setStat(connectionId, bucket, {
      kind: 'object',
      key: head.key,
      size: head.size,
      lastModified: head.lastModified,
      etag: head.etag,
      storageClass: head.storageClass,
    });
  }

  /** Drop every cached page of one folder listing. Returns how many pages went. */
  dropFolder(connectionId: string, bucket: string, prefix: string): number {
    const folder = folderId(connectionId, bucket, prefix);
    this.folderGenerations.set(folder, (this.folderGenerations.get(folder) ?? 0) + 1);
    const set = this.pagesByFolder.get(folder);
    if (!set) return 0;
    let dropped = 0;
    for (const key of [...set]) if (this.lru.delete(key)) dropped++;
    this.pagesByFolder.delete(folder);
    return dropped;
  }

  /**
   * The single invalidation path every in-app write goes through. A change to key K drops K's stat and head and
   * the pages of K's parent folder. Ancestors further up change only when a folder appears or disappears: a put
   * stops climbing at the first folder its parent listing already showed; a delete may have emptied folders,
   * so it drops every ancestor's pages and folder stats.
   */
  invalidate(connectionId: string, bucket: string, changes: readonly Change[]): Invalidation {
    let dropped = 0;
    const prefixes = new Set<string>();
    for (const { key, change } of changes) {
      dropped += this.deleteKey(cacheKey({ connectionId, op: 'stat', bucket, key }));
      dropped += this.deleteKey(cacheKey({ connectionId, op: 'head', bucket, key }));
      for (const folder of ancestorsOf(key)) {
        prefixes.add(folder);
        dropped += this.dropFolder(connectionId, bucket, folder);
        if (folder === '') break;
        const folderStat = cacheKey({ connectionId, op: 'stat', bucket, key: folder });
        // A put cannot change a listing that already shows this folder; a delete may have emptied it.
        if (change === 'put' && this.lru.has(folderStat)) break;
        if (change === 'delete') dropped += this.deleteKey(folderStat);
      }
    }
    return { dropped, prefixes: [...prefixes] };
  }

  /** Drop everything cached for a connection, optionally only one bucket or one folder subtree. */
  invalidateScope(connectionId: string, bucket?: string, prefix?: string): number {
    const under = prefix === undefined ? undefined : canonicalPrefix(prefix);
    this.scopeEpoch++;
    let dropped = 0;
    for (const key of [...this.lru.keys()]) {
      const [conn, , b, k] = JSON.parse(key) as [string, string, string, string];
      if (conn !== connectionId || (bucket !== undefined && b !== bucket)) continue;
      if (under !== undefined && !k.startsWith(under)) continue;
      if (this.lru.delete(key)) dropped++;
    }
    return dropped;
  }

  stats(): { hits: number; misses: number; entries: number; approxBytes: number } {
    return { hits: this.hitCount, misses: this.missCount, entries: this.lru.size, approxBytes: this.lru.calculatedSize };
  }

  private count<T>(value: T | undefined): T | undefined {
    if (value === undefined) this.missCount++;
    else this.hitCount++;
    return value;
  }

  private deleteKey(key: string): number {
    return this.lru.delete(key) ? 1 : 0;
  }

  private unindexPage(folder: string, key: string): void {
    const set = this.pagesByFolder.get(folder);
    if (!set) return;
    set.delete(key);
    if (set.size === 0) this.pagesByFolder.delete(folder);
  }
}

export function statOf(entry: Entry): Stat {
  return entry.kind === 'folder'
    ? { kind: 'folder', key: entry.key }
    : {
        kind: 'object',
        key: entry.key,
        size: entry.size,
        lastModified: entry.lastModified,
        etag: entry.etag,
        storageClass: entry.storageClass,
      };
}
