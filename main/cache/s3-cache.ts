import { ancestorsOf, canonicalPrefix, isFolderKey, parentOf } from '../../shared/keys';
import type { RestoreState } from '../../shared/properties';
import type { Entry, HeadInfo, Stat } from '../../shared/types';
import type { ObjectVersion } from '../../shared/versions';
import { type CacheOp, cacheKey, folderId, PROPERTY_OPS, type PropertyOp } from './cache-key';
import { type Clock, systemClock } from './clock';
import { type CacheTotals, FolderStore, MAX_CHUNK_RECORDS } from './folder-store';
import { type LooseEntry, looseBytes, LooseStore } from './loose-store';
import { RecordChunk } from './record-chunk';
import { StringInterner } from './string-interner';

export interface CacheOptions {
  /** How long listings, stats and heads stay fresh. */
  readonly ttlMs: number;
  /** Bound on entries (one per page, per object record, per loose stat or head). */
  readonly maxEntries: number;
  /** Bound on the estimated bytes held. */
  readonly maxBytes: number;
  readonly clock: Clock;
  /** A real timer sweeps expired entries this often (0: only the sweeps writes trigger and sweep() calls). */
  readonly sweepIntervalMs: number;
}

/**
 * Budget: 1,000,000 objects are ~110–130 MB estimated with typical names (measured in bench/memory.ts), so
 * 256 MiB holds a 1,000,000-object folder plus room for others. The folder being viewed is never evicted
 * (see S3Cache); the bounds make room by evicting other folders, least recently used first.
 */
export const DEFAULT_CACHE_OPTIONS: CacheOptions = {
  ttlMs: 5 * 60_000,
  maxEntries: 2_500_000,
  maxBytes: 256 * 1024 * 1024,
  clock: systemClock,
  sweepIntervalMs: 60_000,
};

export interface CachedPage {
  readonly entries: readonly Entry[];
  readonly nextCursor: string | null;
}

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

/** A version listing: of one key (versions), or of a folder (version-folder, version-tree). */
export interface CachedVersions {
  readonly versions: readonly ObjectVersion[];
  readonly prefixes: readonly string[];
}

export type VersionOp = Extract<CacheOp, 'versions' | 'version-folder' | 'version-tree'>;

/**
 * The keyed TTL cache of listings, stats and heads, shared by every connection.
 *
 * Storage: a listing page is held as one compact record per object (RecordChunk columns, interned storage
 * classes, ETags packed to 16 bytes); the page's folder indexes its children's names into those records, and
 * that index is where a listed object's stat comes from. So an object's data is held once, and keys are stored
 * as names relative to their folder. Stats and heads from elsewhere, versions and properties are "loose"
 * entries under cacheKey() (loose-store.ts).
 *
 * Expiry: every read checks freshness; expired entries are purged by sweep(), which runs on a timer
 * (sweepIntervalMs), and at most once per TTL when a page is stored.
 *
 * Eviction: past maxBytes or maxEntries the least recently used folder (or loose entry) goes, whole. The most
 * recently listed or read folder of each connection is pinned: never evicted to make room. A page that does
 * not fit even after every unpinned folder went is not stored (setPage returns false): a folder larger than the
 * budget keeps its first pages cached and lists the rest again, instead of evicting its own first pages.
 */
export class S3Cache {
  private readonly o: CacheOptions;
  private readonly folders = new Map<string, FolderStore>();
  /** connectionId → folderId of the folder it last listed or read: the one being viewed. */
  private readonly pins = new Map<string, string>();
  /** folderId → how many times its pages were dropped; a listing fetched across a drop must not be stored. */
  private readonly folderGenerations = new Map<string, number>();
  private readonly totals: CacheTotals = { bytes: 0, entries: 0 };
  private readonly loose = new LooseStore(this.totals);
  private readonly storageClasses = new StringInterner();
  private readonly timer: ReturnType<typeof setInterval> | undefined;
  /** Bumped by invalidateScope, which drops folders it does not name one by one. */
  private scopeEpoch = 0;
  private tick = 0;
  private lastSweep: number;
  private hitCount = 0;
  private missCount = 0;

  constructor(options: Partial<CacheOptions> = {}) {
    this.o = { ...DEFAULT_CACHE_OPTIONS, ...options };
    this.lastSweep = this.o.clock.now();
    if (this.o.sweepIntervalMs > 0) {
      // The timer holds the cache weakly: a cache nobody disposed (a test's or a benchmark's core) can still be
      // collected, and its timer then stops itself. unref: a pending sweep never keeps the process alive.
      const self = new WeakRef(this);
      const timer = setInterval(() => {
        const cache = self.deref();
        if (cache) cache.sweep();
        else clearInterval(timer);
      }, this.o.sweepIntervalMs);
      timer.unref?.();
      this.timer = timer;
    }
  }

  /** Stops the sweep timer. */
  dispose(): void {
    if (this.timer) clearInterval(this.timer);
  }

  getPage(connectionId: string, bucket: string, prefix: string, cursor: string): CachedPage | undefined {
    const store = this.folders.get(folderId(connectionId, bucket, prefix));
    const chunk = store?.page(cursor, this.o.clock.now());
    if (!store || !chunk) return this.count(undefined);
    this.touch(store);
    this.pins.set(connectionId, store.id);
    return this.count({ entries: chunk.entries(), nextCursor: chunk.nextCursor });
  }

  /**
   * A token that changes whenever the folder's pages are dropped (write, refresh, scope invalidation). Take it
   * before sending a list request and hand it to setPage: a response that raced a write is then not cached.
   */
  generation(connectionId: string, bucket: string, prefix: string): string {
    return `${this.scopeEpoch}.${this.folderGenerations.get(folderId(connectionId, bucket, prefix)) ?? 0}`;
  }

  /**
   * Store a listing page, and with it each entry's stat under the entry's own key. With `generation` (from
   * generation() before the request went out), a page whose folder was invalidated meanwhile is not stored.
   * Returns whether it was stored.
   */
  setPage(connectionId: string, bucket: string, prefix: string, cursor: string, page: CachedPage, generation?: string): boolean {
    if (generation !== undefined && generation !== this.generation(connectionId, bucket, prefix)) return false;
    if (page.entries.length > MAX_CHUNK_RECORDS) return false;
    const now = this.o.clock.now();
    if (now - this.lastSweep >= this.o.ttlMs) this.sweep();
    const canonical = canonicalPrefix(prefix);
    const id = folderId(connectionId, bucket, canonical);
    const chunk = new RecordChunk(canonical, cursor, page.entries, page.nextCursor, now + this.o.ttlMs, this.storageClasses);
    let store = this.folders.get(id);
    this.pins.set(connectionId, id);
    if (store) this.touch(store);
    if (!this.makeRoom(chunk.bytes, chunk.size + 1)) return false;
    if (!store) {
      store = new FolderStore(id, connectionId, bucket, canonical, this.totals);
      this.folders.set(id, store);
      this.touch(store);
    }
    const strays: number[] = [];
    store.addPage(chunk, (i) => {
      const child = chunk.isInside(i) && isChildName(chunk.names[i]!, page.entries[i]!.kind === 'folder');
      if (!child) strays.push(i);
      return child;
    });
    // An entry outside its folder (a server bug) still gets its stat under its own key.
    for (const i of strays) this.setStat(connectionId, bucket, chunk.statAt(i));
    return true;
  }

  getStat(connectionId: string, bucket: string, key: string): Stat | undefined {
    return this.count(this.findStat(connectionId, bucket, key));
  }

  setStat(connectionId: string, bucket: string, stat: Stat): void {
    this.setLoose(cacheKey({ connectionId, op: 'stat', bucket, key: stat.key }), stat);
  }

  getHead(connectionId: string, bucket: string, key: string): HeadInfo | undefined {
    return this.count(this.freshLoose(cacheKey({ connectionId, op: 'head', bucket, key }))?.value as HeadInfo | undefined);
  }

  setHead(connectionId: string, bucket: string, head: HeadInfo): void {
    this.setLoose(cacheKey({ connectionId, op: 'head', bucket, key: head.key }), head);
    this.setStat(connectionId, bucket, {
      kind: 'object',
      key: head.key,
      size: head.size,
      lastModified: head.lastModified,
      etag: head.etag,
      storageClass: head.storageClass,
    });
  }

  /**
   * An object's restore state as a cached HeadObject read it (objects:head, or the properties view), or
   * undefined. A peek for listings: not counted as a hit or miss.
   */
  restoreOf(connectionId: string, bucket: string, key: string): RestoreState | undefined {
    const head = this.freshLoose(cacheKey({ connectionId, op: 'head', bucket, key }))?.value as HeadInfo | undefined;
    if (head?.restore) return head.restore;
    const props = this.freshLoose(cacheKey({ connectionId, op: 'properties', bucket, key }))?.value as { restore?: RestoreState } | undefined;
    return props?.restore;
  }

  /** Versions under their own canonical keys, with the same TTL and bounds as everything else. */
  getVersions(connectionId: string, bucket: string, op: VersionOp, key: string): CachedVersions | undefined {
    return this.count(this.freshLoose(cacheKey({ connectionId, op, bucket, key }))?.value as CachedVersions | undefined);
  }

  setVersions(connectionId: string, bucket: string, op: VersionOp, key: string, value: CachedVersions): void {
    this.setLoose(cacheKey({ connectionId, op, bucket, key }), value);
  }

  /** One object's properties (headers, tags, ACL), each under its own canonical key; any write to the key drops them. */
  getProperty<T extends object>(connectionId: string, bucket: string, op: PropertyOp, key: string): T | undefined {
    return this.count(this.freshLoose(cacheKey({ connectionId, op, bucket, key }))?.value as T | undefined);
  }

  setProperty(connectionId: string, bucket: string, op: PropertyOp, key: string, value: object): void {
    this.setLoose(cacheKey({ connectionId, op, bucket, key }), value);
  }

  /** Drop every cached page of one folder listing (its children's stats stay). Returns how many pages went. */
  dropFolder(connectionId: string, bucket: string, prefix: string): number {
    const id = folderId(connectionId, bucket, prefix);
    this.folderGenerations.set(id, (this.folderGenerations.get(id) ?? 0) + 1);
    const store = this.folders.get(id);
    if (!store) return 0;
    const dropped = store.dropPages();
    this.forgetIfEmpty(store);
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
      dropped += this.deleteStat(connectionId, bucket, key);
      dropped += this.loose.delete(cacheKey({ connectionId, op: 'head', bucket, key })) ? 1 : 0;
      dropped += this.loose.delete(cacheKey({ connectionId, op: 'versions', bucket, key })) ? 1 : 0;
      for (const op of PROPERTY_OPS) dropped += this.loose.delete(cacheKey({ connectionId, op, bucket, key })) ? 1 : 0;
      // Any write adds a version under every ancestor, and may turn a folder deleted or back.
      for (const folder of ancestorsOf(key)) {
        for (const op of ['version-folder', 'version-tree'] as const) {
          dropped += this.loose.delete(cacheKey({ connectionId, op, bucket, key: folder })) ? 1 : 0;
        }
      }
      for (const folder of ancestorsOf(key)) {
        prefixes.add(folder);
        dropped += this.dropFolder(connectionId, bucket, folder);
        if (folder === '') break;
        // A put cannot change a listing that already shows this folder; a delete may have emptied it.
        if (change === 'put' && this.findStat(connectionId, bucket, folder) !== undefined) break;
        if (change === 'delete') dropped += this.deleteStat(connectionId, bucket, folder);
      }
    }
    return { dropped, prefixes: [...prefixes] };
  }

  /** Drop everything cached for a connection, optionally only one bucket or one folder subtree. */
  invalidateScope(connectionId: string, bucket?: string, prefix?: string): number {
    const under = prefix === undefined ? undefined : canonicalPrefix(prefix);
    this.scopeEpoch++;
    let dropped = 0;
    for (const store of [...this.folders.values()]) {
      if (store.connectionId !== connectionId || (bucket !== undefined && store.bucket !== bucket)) continue;
      if (under === undefined || store.prefix.startsWith(under)) {
        dropped += store.dropAll();
      } else if (under !== '' && store.prefix === parentOf(under)) {
        // The subtree's own folder entry lives in its parent's index.
        dropped += store.deleteRecord(under.slice(store.prefix.length)) ? 1 : 0;
      }
      this.forgetIfEmpty(store);
    }
    dropped += this.loose.deleteWhere((key) => {
      const [conn, , b, k] = JSON.parse(key) as [string, string, string, string];
      return conn === connectionId && (bucket === undefined || b === bucket) && (under === undefined || k.startsWith(under));
    });
    return dropped;
  }

  /** Purge every expired page, record and loose entry. Returns how many went. */
  sweep(): number {
    const now = this.o.clock.now();
    this.lastSweep = now;
    let dropped = 0;
    for (const store of [...this.folders.values()]) {
      dropped += store.sweep(now);
      this.forgetIfEmpty(store);
    }
    return dropped + this.loose.sweep(now);
  }

  stats(): { hits: number; misses: number; entries: number; approxBytes: number } {
    return { hits: this.hitCount, misses: this.missCount, entries: this.totals.entries, approxBytes: this.totals.bytes };
  }

  /** The newer of a loose stat and the folder index's record for `key`, without counting a hit or miss. */
  private findStat(connectionId: string, bucket: string, key: string): Stat | undefined {
    const loose = this.freshLoose(cacheKey({ connectionId, op: 'stat', bucket, key }));
    const parent = parentOf(key);
    const store = key === '' ? undefined : this.folders.get(folderId(connectionId, bucket, parent));
    // "/x" has parent "/", whose folder id is the root's: only an exact prefix match is this key's folder.
    const listed = store && store.prefix === parent ? store.stat(key.slice(parent.length), this.o.clock.now()) : undefined;
    if (listed && (!loose || listed.expiresAt >= loose.expiresAt)) return listed.stat;
    return loose?.value as Stat | undefined;
  }

  private deleteStat(connectionId: string, bucket: string, key: string): number {
    let dropped = this.loose.delete(cacheKey({ connectionId, op: 'stat', bucket, key })) ? 1 : 0;
    const parent = parentOf(key);
    const store = key === '' ? undefined : this.folders.get(folderId(connectionId, bucket, parent));
    if (store && store.prefix === parent && store.deleteRecord(key.slice(parent.length))) {
      dropped++;
      this.forgetIfEmpty(store);
    }
    return dropped;
  }

  private freshLoose(key: string): Readonly<LooseEntry> | undefined {
    return this.loose.get(key, this.o.clock.now(), ++this.tick);
  }

  private setLoose(key: string, value: object): void {
    this.loose.delete(key);
    const bytes = looseBytes(value);
    if (this.makeRoom(bytes, 1)) this.loose.set(key, value, this.o.clock.now() + this.o.ttlMs, bytes, ++this.tick);
  }

  /** Evict least recently used unpinned folders and loose entries until `bytes` and `entries` more fit. */
  private makeRoom(bytes: number, entries: number): boolean {
    const fits = () => this.totals.bytes + bytes <= this.o.maxBytes && this.totals.entries + entries <= this.o.maxEntries;
    if (bytes > this.o.maxBytes || entries > this.o.maxEntries) return false;
    while (!fits()) {
      const pinned = new Set(this.pins.values());
      let victim: FolderStore | undefined;
      for (const store of this.folders.values()) {
        if (!pinned.has(store.id) && (!victim || store.lastUsed < victim.lastUsed)) victim = store;
      }
      const oldestLoose = this.loose.oldest();
      if (oldestLoose && (!victim || oldestLoose.used < victim.lastUsed)) {
        this.loose.delete(oldestLoose.key);
      } else if (victim) {
        victim.dropAll();
        this.folders.delete(victim.id);
      } else {
        return false;
      }
    }
    return true;
  }

  private touch(store: FolderStore): void {
    store.lastUsed = ++this.tick;
  }

  private forgetIfEmpty(store: FolderStore): void {
    if (store.isEmpty) this.folders.delete(store.id);
  }

  private count<T>(value: T | undefined): T | undefined {
    if (value === undefined) this.missCount++;
    else this.hitCount++;
    return value;
  }
}

/** A listing's direct child: "name" (object) or "name/" (folder), one level only. */
function isChildName(name: string, folder: boolean): boolean {
  const slash = name.indexOf('/');
  return folder ? slash === name.length - 1 && isFolderKey(name) : slash < 0;
}
