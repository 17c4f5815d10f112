/**
 * The search feature's state: the query form (scope, mode, pattern, filters), the crawl that builds the
 * index (progress, cancel), the results, and folder sizes for the storage map. Talks to main only through
 * `call` and a narrow slice of the API, so tests pass a fake typed from the same contract.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RendererApi } from '../../../../shared/ipc';
import type { CrawlProgress, CrawlReport, IndexStatus, MatchMode, SearchFilters, SearchHit, SizesReport } from '../../../../shared/search';
import { call, type UserError } from '../../lib/call';

export type SearchApi = Pick<RendererApi, 'crawlBucket' | 'cancelCrawl' | 'searchIndex' | 'indexStatus' | 'folderSizes' | 'onCrawlProgress'>;

/** This folder only, this folder and below, or the whole bucket. */
export type Scope = 'folder' | 'below' | 'bucket';
export type HitSort = 'key' | 'size' | 'lastModified' | 'storageClass';

export interface SearchTarget {
  readonly connectionId: string;
  readonly bucket: string;
  /** The folder the browser shows. */
  readonly prefix: string;
}

export interface SearchState {
  readonly target: SearchTarget | null;
  readonly scope: Scope;
  readonly mode: MatchMode;
  readonly pattern: string;
  readonly filters: SearchFilters;
  readonly index: IndexStatus | null;
  readonly crawling: { readonly id: string; readonly progress: CrawlProgress | null } | null;
  readonly lastCrawl: CrawlReport | null;
  readonly hits: readonly SearchHit[];
  readonly total: number;
  /** False while the first page is shown and the exact count is still being made (`total` is a lower bound). */
  readonly counted: boolean;
  readonly tookMs: number | null;
  readonly sort: { readonly column: HitSort; readonly descending: boolean };
  readonly selected: ReadonlySet<string>;
  readonly error: UserError | null;
  readonly sizes: SizesReport | null;
}

export interface SearchActions {
  open(target: SearchTarget): Promise<void>;
  setScope(scope: Scope): void;
  setMode(mode: MatchMode): void;
  setPattern(pattern: string): void;
  setFilters(filters: SearchFilters): void;
  /** Crawl the scope's folder into the index, then search. */
  crawl(): Promise<void>;
  cancelCrawl(): Promise<void>;
  search(): Promise<void>;
  setSort(column: HitSort): void;
  toggle(key: string): void;
  loadSizes(prefix: string): Promise<void>;
  /** Subscribes to crawl progress; returns the unsubscribe. */
  start(): () => void;
}

export type SearchStore = StoreApi<SearchState & SearchActions>;

/** The folder a scope searches from. */
export function scopePrefix(scope: Scope, target: SearchTarget): string {
  return scope === 'bucket' ? '' : target.prefix;
}

export function sortedHits(hits: readonly SearchHit[], sort: SearchState['sort']): SearchHit[] {
  const dir = sort.descending ? -1 : 1;
  const c = sort.column;
  return [...hits].sort((a, b) => {
    const x = a[c];
    const y = b[c];
    const d = typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
    return d === 0 ? (a.key < b.key ? -1 : 1) : d * dir;
  });
}

let crawlCounter = 0;

export function createSearchStore(api: SearchApi): SearchStore {
  return createStore<SearchState & SearchActions>()((set, get) => {
    /** Only the newest search may write its answer (a slow count must not overwrite a newer page). */
    let searchSeq = 0;
    const refreshStatus = async () => {
      const t = get().target;
      if (!t) return;
      const r = await call(() => api.indexStatus({ connectionId: t.connectionId, bucket: t.bucket }));
      if (r.ok) set({ index: r.value });
    };
    const covered = () => {
      const { index, target, scope } = get();
      return index !== null && index.prefix !== null && target !== null && scopePrefix(scope, target).startsWith(index.prefix);
    };
    return {
      target: null,
      scope: 'bucket',
      mode: 'substring',
      pattern: '',
      filters: {},
      index: null,
      crawling: null,
      lastCrawl: null,
      hits: [],
      total: 0,
      counted: true,
      tookMs: null,
      sort: { column: 'key', descending: false },
      selected: new Set(),
      error: null,
      sizes: null,

      async open(target) {
        set({ target, hits: [], total: 0, counted: true, tookMs: null, selected: new Set(), error: null, sizes: null, index: null });
        await refreshStatus();
      },
      setScope: (scope) => set({ scope }),
      setMode: (mode) => set({ mode }),
      setPattern: (pattern) => set({ pattern }),
      setFilters: (filters) => set({ filters }),

      async crawl() {
        const t = get().target;
        if (!t || get().crawling) return;
        const id = `crawl-${Date.now()}-${++crawlCounter}`;
        set({ crawling: { id, progress: null }, error: null });
        const r = await call(() => api.crawlBucket({ connectionId: t.connectionId, bucket: t.bucket, prefix: scopePrefix(get().scope, t), crawlId: id }));
        set({ crawling: null });
        if (!r.ok) return set({ error: r.error });
        set({ lastCrawl: r.value });
        await refreshStatus();
        await get().search();
      },

      async cancelCrawl() {
        const c = get().crawling;
        if (c) await call(() => api.cancelCrawl({ crawlId: c.id }));
      },

      async search() {
        const { target: t, scope, mode, pattern, filters } = get();
        if (!t) return;
        if (!covered()) {
          // No index for this scope yet: build it (the crawl searches when it ends).
          return get().crawl();
        }
        const seq = ++searchSeq;
        const query = { connectionId: t.connectionId, bucket: t.bucket, prefix: scopePrefix(scope, t), recursive: scope !== 'folder', mode, pattern, filters };
        // The first page first (main stops scanning once it is full), then the exact count.
        const r = await call(() => api.searchIndex({ ...query, count: false }));
        if (seq !== searchSeq) return;
        if (!r.ok) return set({ error: r.error, hits: [], total: 0, counted: true });
        set({ hits: r.value.hits, total: r.value.total, counted: r.value.counted, tookMs: r.value.tookMs, error: null, selected: new Set() });
        if (r.value.counted) return;
        const all = await call(() => api.searchIndex(query));
        // A newer search, or a failure of the count alone, leaves the first page as it is.
        if (seq !== searchSeq || !all.ok) return;
        set({ total: all.value.total, counted: true });
      },

      setSort(column) {
        const s = get().sort;
        set({ sort: { column, descending: s.column === column ? !s.descending : false } });
      },

      toggle(key) {
        const next = new Set(get().selected);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        set({ selected: next });
      },

      async loadSizes(prefix) {
        const t = get().target;
        if (!t) return;
        const r = await call(() => api.folderSizes({ connectionId: t.connectionId, bucket: t.bucket, prefix }));
        if (r.ok) set({ sizes: r.value, error: null });
        else set({ error: r.error });
      },

      start() {
        return api.onCrawlProgress((p) => {
          const c = get().crawling;
          if (c && c.id === p.crawlId) set({ crawling: { id: c.id, progress: p } });
        });
      },
    };
  });
}
