/**
 * The file browser's state and every action that talks to main. Built by a factory that receives only the API
 * methods it uses (`BrowserApi`), so tests drive it with a fake typed from the contract and the app with the
 * preload's API. Every call goes through `call`, so a failed or rejected one becomes a visible error.
 *
 * Two rules live here rather than in components:
 * - Streaming with cancellation: a folder's pages are requested one after another and merged as they arrive;
 *   every load carries a generation number, and a newer load (navigation, refresh, retry) makes the old one
 *   stop before its next request and drop any answer still in flight.
 * - Stat discipline: `statKeys` asks main only about keys the current listing returned, and refuses anything
 *   else without a request. HeadObject happens only through the explicit `loadHead` action.
 * About 460 lines on purpose: navigation, streaming pages, selection and stat discipline change the same
 * state under one generation counter; split across stores they could not stay in step.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RendererApi } from '../../../../shared/ipc';
import { parentOf, parseS3Location } from '../../../../shared/keys';
import type { BucketInfo, CacheStats, ConnectionSummary, HeadInfo, Stat, StatOutcome } from '../../../../shared/types';
import { call, type CallResult, localError, type UserError } from '../../lib/call';
import { mergeRows, nextSort, type Row, type SortColumn, type SortSpec } from '../../lib/rows';
import {
  clickRow,
  EMPTY_SELECTION,
  type Modifiers,
  moveFocus,
  pruneSelection,
  selectAll,
  type Selection,
  toggleFocused,
} from '../../lib/selection';

/** Where the browser is: a bucket's folder, or the connection's bucket list when `bucket` is null. */
export interface Location {
  readonly bucket: string | null;
  readonly prefix: string;
}

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface ListingState {
  /** `loading` until the first page is in; `ready` after it, while `complete` says whether more pages come. */
  readonly status: LoadStatus;
  readonly rows: readonly Row[];
  readonly complete: boolean;
  readonly pages: number;
  readonly error: UserError | null;
  /** True while a refresh or re-list runs over rows still shown from the previous load. */
  readonly reloading: boolean;
}

export interface BucketsState {
  readonly status: LoadStatus;
  readonly buckets: readonly BucketInfo[];
  readonly error: UserError | null;
}

export interface InfoState {
  readonly key: string | null;
  readonly stat: Stat | null;
  readonly statError: UserError | null;
  readonly headStatus: LoadStatus;
  readonly head: HeadInfo | null;
  readonly headError: UserError | null;
}

/** This view's S3 traffic, from `cache:stats` deltas since the view was opened. */
export interface ViewStats {
  readonly requests: number;
  readonly cacheHits: number;
}

export interface BrowserState {
  readonly connection: ConnectionSummary | null;
  readonly location: Location;
  readonly back: readonly Location[];
  readonly forward: readonly Location[];
  readonly buckets: BucketsState;
  readonly listing: ListingState;
  readonly sort: SortSpec;
  readonly filter: string;
  readonly selection: Selection;
  readonly info: InfoState;
  readonly viewStats: ViewStats;
  readonly addressError: string | null;
  /** Rows another feature adds to this folder's view (Show deleted's deleted files), never stat-able. */
  readonly extraRows: readonly Row[];
}

export interface BrowserActions {
  /** Open a connection at its bucket list (or straight at a bucket for "Open bucket…"). */
  openConnection(connection: ConnectionSummary, bucket?: string): Promise<void>;
  /** Open a connection at a location with its history (a restored or duplicated tab, a bookmark). */
  openAt(connection: ConnectionSummary, location: Location, history?: { readonly back: readonly Location[]; readonly forward: readonly Location[] }): Promise<void>;
  closeConnection(): void;
  navigate(location: Location): Promise<void>;
  openBucket(name: string): Promise<void>;
  /** Double-click / Enter: folders open, objects show their info. */
  openEntry(key: string): Promise<void>;
  up(): Promise<void>;
  goBack(): Promise<void>;
  goForward(): Promise<void>;
  /** Address bar: "s3://bucket/prefix/", "bucket/prefix", or "" / "s3://" for the bucket list. */
  goToAddress(text: string): Promise<boolean>;
  clearAddressError(): void;
  /** F5 / Ctrl+R: bypass the cache for every page of this folder. */
  refresh(): Promise<void>;
  retry(): Promise<void>;
  setSort(column: SortColumn): void;
  setFilter(text: string): void;
  click(keys: readonly string[], index: number, mods?: Modifiers): void;
  move(keys: readonly string[], delta: number, mods?: Modifiers): void;
  toggleFocused(): void;
  selectAll(keys: readonly string[]): void;
  clearSelection(): void;
  /** Cached stats for keys of the current listing only; anything else is refused without a request. */
  statKeys(keys: readonly string[]): Promise<CallResult<readonly StatOutcome[]>>;
  showInfo(key: string): Promise<void>;
  closeInfo(): void;
  /** The explicit HeadObject for the info panel. */
  loadHead(): Promise<void>;
  /** Subscribe to main's cache-changed events; returns the unsubscribe. */
  start(): () => void;
  /** Replace the added rows (they go with the next navigation). */
  setExtraRows(rows: readonly Row[]): void;
}

export type BrowserApi = Pick<RendererApi, 'listBuckets' | 'listObjects' | 'statObjects' | 'headObject' | 'cacheStats' | 'onCacheChanged'>;

export type BrowserStore = StoreApi<BrowserState & BrowserActions>;

const ROOT: Location = { bucket: null, prefix: '' };
const EMPTY_LISTING: ListingState = { status: 'idle', rows: [], complete: false, pages: 0, error: null, reloading: false };
const EMPTY_BUCKETS: BucketsState = { status: 'idle', buckets: [], error: null };
const EMPTY_INFO: InfoState = { key: null, stat: null, statError: null, headStatus: 'idle', head: null, headError: null };
const HISTORY_LIMIT = 100;

/** What a store holds with no connection open (history aside); closing a connection returns here, sort kept. */
const DISCONNECTED = {
  connection: null,
  location: ROOT,
  buckets: EMPTY_BUCKETS,
  listing: EMPTY_LISTING,
  selection: EMPTY_SELECTION,
  info: EMPTY_INFO,
  filter: '',
  extraRows: [],
} as const satisfies Partial<BrowserState>;

function sameLocation(a: Location, b: Location): boolean {
  return a.bucket === b.bucket && a.prefix === b.prefix;
}

function totalRequests(stats: CacheStats): number {
  let sum = 0;
  for (const n of Object.values(stats.requests)) sum += n;
  return sum;
}

export function createBrowserStore(api: BrowserApi): BrowserStore {
  /** Bumped by every load; a load whose number is no longer current stops and drops what it gets. */
  let generation = 0;
  /** Keys the current listing returned: the only keys `statKeys` may ask about. */
  let listed = new Set<string>();
  let listedBucket: string | null = null;
  let baseline: CacheStats | null = null;

  const store = createStore<BrowserState & BrowserActions>()((set, get) => {
    /** Numbers answers so a slow, older stats answer never overwrites a newer one. */
    let measureSeq = 0;
    let measureShown = 0;
    async function measure(gen: number): Promise<void> {
      const seq = ++measureSeq;
      const res = await call(() => api.cacheStats({}));
      if (!res.ok || gen !== generation || seq < measureShown) return;
      measureShown = seq;
      if (!baseline) {
        baseline = res.value;
        return;
      }
      set({
        viewStats: {
          requests: totalRequests(res.value) - totalRequests(baseline),
          cacheHits: res.value.hits - baseline.hits,
        },
      });
    }

    async function loadBuckets(gen: number): Promise<void> {
      const connection = get().connection;
      if (!connection) return;
      set({ buckets: { ...get().buckets, status: 'loading', error: null } });
      const res = await call(() => api.listBuckets({ connectionId: connection.id }));
      if (gen !== generation) return;
      set({ buckets: res.ok ? { status: 'ready', buckets: res.value, error: null } : { status: 'error', buckets: [], error: res.error } });
      await measure(gen);
    }

    async function loadFolder(gen: number, bucket: string, prefix: string, refresh: boolean, keepRows: boolean): Promise<void> {
      const connection = get().connection;
      if (!connection) return;
      set({
        listing: keepRows
          ? { ...get().listing, reloading: true, error: null }
          : { ...EMPTY_LISTING, status: 'loading' },
      });
      let rows: Row[] = [];
      const nextListed = new Set<string>();
      let pages = 0;
      const request = (cursor: string | null) =>
        call(() => api.listObjects({ connectionId: connection.id, bucket, prefix, cursor, ...(refresh ? { refresh: true } : {}) }));
      let pending = request(null);
      for (;;) {
        const res = await pending;
        if (gen !== generation) return; // navigated away: the rest of this folder is never requested
        if (!res.ok) {
          // A failed folder is never shown as empty, nor as complete: drop partial rows and say why.
          listed = new Set();
          set({ listing: { ...EMPTY_LISTING, status: 'error', error: res.error }, selection: EMPTY_SELECTION });
          void measure(gen);
          return;
        }
        const cursor = res.value.nextCursor;
        // Ask for the next page before merging and rendering this one, so that work hides behind the network.
        if (cursor !== null) pending = request(cursor);
        pages += 1;
        rows = mergeRows(rows, res.value.entries, nextListed);
        for (const entry of res.value.entries) nextListed.add(entry.key);
        // The first page of a reload replaces the old rows; until then they stay, so nothing flashes.
        listed = nextListed;
        listedBucket = bucket;
        const complete = cursor === null;
        set({
          listing: { status: 'ready', rows, complete, pages, error: null, reloading: !complete && keepRows },
          // Selected keys that the finished listing no longer has are dropped (deleted behind our back).
          ...(complete ? { selection: pruneSelection(get().selection, (key) => nextListed.has(key) || get().extraRows.some((r) => r.key === key)) } : {}),
        });
        void measure(gen);
        if (complete) return;
      }
    }

    /** Start loading whatever `location` shows; returns when that load is done or superseded. */
    async function load(options: { refresh?: boolean; keepRows?: boolean; resetStats?: boolean } = {}): Promise<void> {
      const gen = ++generation;
      const { location } = get();
      if (options.resetStats !== false) {
        baseline = null;
        set({ viewStats: { requests: 0, cacheHits: 0 } });
        // Not awaited: main answers in call order, so this baseline is taken before the listing's requests
        // and the first page is not delayed by a round trip.
        void measure(gen);
      }
      if (location.bucket === null) {
        listed = new Set();
        listedBucket = null;
        return loadBuckets(gen);
      }
      return loadFolder(gen, location.bucket, location.prefix, options.refresh ?? false, options.keepRows ?? false);
    }

    /** Move to a location: reset per-folder view state and load it. History is the caller's business. */
    function go(location: Location): Promise<void> {
      listed = new Set();
      set({
        location,
        filter: '',
        selection: EMPTY_SELECTION,
        info: EMPTY_INFO,
        addressError: null,
        listing: EMPTY_LISTING,
        extraRows: [],
      });
      return load();
    }

    return {
      ...DISCONNECTED,
      back: [],
      forward: [],
      sort: { column: 'name', direction: 'asc' },
      viewStats: { requests: 0, cacheHits: 0 },
      addressError: null,

      async openConnection(connection, bucket) {
        set({ connection, back: [], forward: [], buckets: EMPTY_BUCKETS });
        await go(bucket ? { bucket, prefix: '' } : ROOT);
      },

      async openAt(connection, location, history) {
        set({
          connection,
          back: (history?.back ?? []).slice(-HISTORY_LIMIT),
          forward: (history?.forward ?? []).slice(0, HISTORY_LIMIT),
          buckets: EMPTY_BUCKETS,
        });
        await go(location);
      },

      closeConnection() {
        generation += 1;
        listed = new Set();
        set({ ...DISCONNECTED, back: [], forward: [] });
      },

      async navigate(location) {
        const { location: current, back } = get();
        if (sameLocation(current, location)) return load({ keepRows: get().listing.status === 'ready' });
        set({ back: [...back, current].slice(-HISTORY_LIMIT), forward: [] });
        await go(location);
      },

      openBucket(name) {
        return get().navigate({ bucket: name, prefix: '' });
      },

      async openEntry(key) {
        const { location } = get();
        if (location.bucket === null) return get().openBucket(key);
        if (key.endsWith('/')) return get().navigate({ bucket: location.bucket, prefix: key });
        return get().showInfo(key);
      },

      up() {
        const { location } = get();
        if (location.bucket === null) return Promise.resolve();
        if (location.prefix === '') return get().navigate(ROOT);
        return get().navigate({ bucket: location.bucket, prefix: parentOf(location.prefix) });
      },

      async goBack() {
        const { back, forward, location } = get();
        const target = back[back.length - 1];
        if (!target) return;
        set({ back: back.slice(0, -1), forward: [location, ...forward] });
        await go(target);
      },

      async goForward() {
        const { back, forward, location } = get();
        const target = forward[0];
        if (!target) return;
        set({ back: [...back, location], forward: forward.slice(1) });
        await go(target);
      },

      async goToAddress(text) {
        const trimmed = text.trim();
        if (trimmed === '' || /^(s3:)?\/*$/i.test(trimmed)) {
          await get().navigate(ROOT);
          return true;
        }
        const parsed = parseS3Location(trimmed);
        if (!parsed) {
          set({ addressError: `Not an S3 location: "${trimmed}". Use s3://bucket/folder/` });
          return false;
        }
        await get().navigate(parsed);
        return true;
      },

      clearAddressError() {
        set({ addressError: null });
      },

      refresh() {
        return load({ refresh: true, keepRows: get().listing.status === 'ready' });
      },

      retry() {
        return load({ keepRows: false });
      },

      setSort(column) {
        set({ sort: nextSort(get().sort, column) });
      },

      setFilter(text) {
        set({ filter: text });
      },

      click(keys, index, mods) {
        set({ selection: clickRow(get().selection, keys, index, mods) });
      },

      move(keys, delta, mods) {
        set({ selection: moveFocus(get().selection, keys, delta, mods) });
      },

      toggleFocused() {
        set({ selection: toggleFocused(get().selection) });
      },

      selectAll(keys) {
        set({ selection: selectAll(get().selection, keys) });
      },

      clearSelection() {
        set({ selection: EMPTY_SELECTION });
      },

      async statKeys(keys) {
        const { connection, location } = get();
        if (!connection || location.bucket === null || listedBucket !== location.bucket) {
          return { ok: false, error: localError('InvalidInput', 'Open a folder first: details come from its listing.', 'stat refused: no folder listing is shown') };
        }
        const unlisted = keys.filter((key) => !listed.has(key));
        if (unlisted.length > 0) {
          const detail = `stat refused: ${unlisted.length} key(s) not in the current listing (first: "${unlisted[0]}")`;
          return { ok: false, error: localError('InvalidInput', 'That item is not in this folder’s listing. Refresh the folder.', detail) };
        }
        if (keys.length === 0) return { ok: true, value: [] };
        const bucket = location.bucket;
        return call(() => api.statObjects({ connectionId: connection.id, bucket, keys }));
      },

      async showInfo(key) {
        set({ info: { ...EMPTY_INFO, key } });
        const res = await get().statKeys([key]);
        if (get().info.key !== key) return;
        if (!res.ok) {
          set({ info: { ...get().info, statError: res.error } });
          return;
        }
        const outcome = res.value[0];
        set({
          info: {
            ...get().info,
            stat: outcome?.ok ? outcome.stat : null,
            statError: outcome && !outcome.ok ? localError('NotCached', 'Not in the cache any more. Refresh the folder.') : null,
          },
        });
        void measure(generation);
      },

      closeInfo() {
        set({ info: EMPTY_INFO });
      },

      async loadHead() {
        const { connection, location, info } = get();
        const key = info.key;
        if (!connection || location.bucket === null || key === null || key.endsWith('/')) return;
        set({ info: { ...info, headStatus: 'loading', headError: null } });
        const bucket = location.bucket;
        const res = await call(() => api.headObject({ connectionId: connection.id, bucket, key }));
        if (get().info.key !== key) return;
        set({
          info: res.ok
            ? { ...get().info, headStatus: 'ready', head: res.value }
            : { ...get().info, headStatus: 'error', headError: res.error },
        });
        await measure(generation);
      },

      start() {
        return api.onCacheChanged((event) => {
          const { connection, location } = get();
          if (!connection || event.connectionId !== connection.id || event.bucket !== location.bucket) return;
          if (!event.prefixes.includes(location.prefix)) return;
          // Another feature wrote into this folder; its cache entry is already dropped, so this lists afresh.
          void load({ keepRows: get().listing.status === 'ready', resetStats: false });
        });
      },

      setExtraRows: (rows) => set({ extraRows: rows }),
    };
  });
  return store;
}
