/**
 * The app shell's state: tabs, bookmarks, recent places and the sidebar's bucket lists.
 *
 * One browser store per tab (not one store keyed by tab): a browser store keeps per-load state in its closure
 * (the load generation, the set of listed keys that stat discipline checks), so separate stores keep tabs from
 * ever cancelling or confusing each other's loads, and the browser feature stays unchanged. The shell only
 * reads each tab's connection, location and history to persist them through `workspace:set`.
 *
 * Restored tabs open lazily: a tab that was not active before the restart starts listing when first shown, so a
 * restart costs the S3 requests of one tab, not of all of them.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RendererApi } from '../../../../shared/ipc';
import type { ConnectionSummary } from '../../../../shared/types';
import {
  addRecent,
  type Bookmark,
  type PlaceRef,
  type RecentPlace,
  samePlace,
  TABS_LIMIT,
  type Workspace,
  type WorkspaceTab,
} from '../../../../shared/workspace';
import type { BrowserStore } from '../browser';
import { call, type UserError } from '../../lib/call';
import { placeLabel } from './place-label';

export type ShellApi = Pick<RendererApi, 'getWorkspace' | 'setWorkspace' | 'listConnections' | 'listBuckets'>;

export interface ShellTab {
  readonly id: string;
  readonly browser: BrowserStore;
  /** A restored tab not shown yet: opened from this when first activated. */
  readonly pending: WorkspaceTab | null;
}

export interface SidebarBuckets {
  readonly status: 'loading' | 'ready' | 'error';
  readonly names: readonly string[];
  readonly error: UserError | null;
}

export interface ShellState {
  readonly status: 'idle' | 'loading' | 'ready';
  readonly tabs: readonly ShellTab[];
  readonly activeTabId: string;
  readonly bookmarks: readonly Bookmark[];
  readonly recents: readonly RecentPlace[];
  /** The workspace file's problem (moved aside, not writable), or a failed load/save. */
  readonly problem: string | null;
  readonly connections: readonly ConnectionSummary[];
  /** Bucket names per connection id, for the sidebar tree. */
  readonly buckets: Readonly<Record<string, SidebarBuckets>>;
}

export interface ShellActions {
  /** Read the workspace and the connections, restore the tabs, open the active one. */
  load(): Promise<void>;
  reloadConnections(): Promise<void>;
  newTab(): void;
  closeTab(id: string): void;
  activate(id: string): void;
  /** Ctrl+1…8 pick that tab, Ctrl+9 the last one. */
  activateNumber(n: number): void;
  /** Ctrl+Tab / Ctrl+Shift+Tab, wrapping. */
  cycle(delta: 1 | -1): void;
  moveTab(id: string, toIndex: number): void;
  /** Ctrl+Shift+PageUp/PageDown. */
  moveActive(delta: 1 | -1): void;
  /** Open a connection in the active tab (at its bucket list or `bucket`). */
  openConnection(connection: ConnectionSummary, bucket?: string): Promise<void>;
  /** Open a bookmark, a recent place or a sidebar bucket in the active tab. */
  openPlace(place: PlaceRef): Promise<void>;
  /** Bookmark the active tab's folder; false when it shows no folder or it is bookmarked already. */
  addBookmark(): boolean;
  removeBookmark(id: string): void;
  /** The sidebar's bucket list of a connection: from what a tab already listed, else one ListBuckets. */
  loadBuckets(connectionId: string): Promise<void>;
}

export type ShellStore = StoreApi<ShellState & ShellActions>;

export interface ShellOptions {
  readonly createBrowser: () => BrowserStore;
  readonly newId?: () => string;
  readonly now?: () => number;
}

/** The active tab's place, or null when it shows no connection. */
export function activePlace(state: ShellState): PlaceRef | null {
  const tab = state.tabs.find((t) => t.id === state.activeTabId);
  if (!tab) return null;
  if (tab.pending) return tab.pending.connectionId === null ? null : { connectionId: tab.pending.connectionId, ...tab.pending.location };
  const { connection, location } = tab.browser.getState();
  return connection ? { connectionId: connection.id, ...location } : null;
}

export function createShellStore(api: ShellApi, options: ShellOptions): ShellStore {
  const newId = options.newId ?? (() => crypto.randomUUID());
  const now = options.now ?? Date.now;
  const unsubscribers = new Map<string, () => void>();
  let saving = false;
  let dirty = false;

  const store = createStore<ShellState & ShellActions>()((set, get) => {
    function snapshot(): Workspace {
      const { tabs, activeTabId, bookmarks, recents } = get();
      return {
        tabs: tabs.map((tab) => {
          if (tab.pending) return tab.pending;
          const b = tab.browser.getState();
          return { id: tab.id, connectionId: b.connection?.id ?? null, location: b.location, back: b.back, forward: b.forward };
        }),
        activeTabId,
        bookmarks,
        recents,
      };
    }

    /** Coalesced: while one write is in flight, later changes make exactly one more write with the newest state. */
    async function save(): Promise<void> {
      if (get().status !== 'ready') return;
      if (saving) {
        dirty = true;
        return;
      }
      saving = true;
      try {
        do {
          dirty = false;
          const res = await call(() => api.setWorkspace({ workspace: snapshot() }));
          set({ problem: res.ok ? res.value.problem : res.error.message });
        } while (dirty);
      } finally {
        saving = false;
      }
    }

    function watch(tab: ShellTab): void {
      const off = tab.browser.subscribe((state, prev) => {
        const { connection, location, buckets } = state;
        if (connection && buckets !== prev.buckets && buckets.status === 'ready') {
          // What a tab listed fills the sidebar for free.
          set({ buckets: { ...get().buckets, [connection.id]: { status: 'ready', names: buckets.buckets.map((b) => b.name), error: null } } });
        }
        if (connection === prev.connection && location === prev.location) return;
        if (connection && location.bucket !== null) {
          set({ recents: addRecent(get().recents, { connectionId: connection.id, ...location, at: now() }) });
        }
        void save();
      });
      unsubscribers.set(tab.id, off);
    }

    function makeTab(id: string, pending: WorkspaceTab | null): ShellTab {
      const tab = { id, browser: options.createBrowser(), pending };
      watch(tab);
      return tab;
    }

    function connectionOf(id: string | null): ConnectionSummary | undefined {
      return id === null ? undefined : get().connections.find((c) => c.id === id);
    }

    /** Opens a restored tab the first time it is shown; shows a live tab's folder afresh (from main's cache). */
    function show(id: string): void {
      const tab = get().tabs.find((t) => t.id === id);
      if (!tab) return;
      if (tab.pending) {
        const saved = tab.pending;
        set({ tabs: get().tabs.map((t) => (t.id === id ? { ...t, pending: null } : t)) });
        const connection = connectionOf(saved.connectionId);
        // A tab whose connection was deleted meanwhile becomes an empty tab.
        if (connection) void tab.browser.getState().openAt(connection, saved.location, { back: saved.back, forward: saved.forward });
        return;
      }
      const b = tab.browser.getState();
      // A hidden tab heard no cache-changed events; re-listing comes from main's cache unless something changed.
      if (b.connection && b.location.bucket !== null) void b.navigate(b.location);
    }

    function activateId(id: string): void {
      if (id === get().activeTabId) return;
      set({ activeTabId: id });
      show(id);
      void save();
    }

    return {
      status: 'idle',
      tabs: [],
      activeTabId: '',
      bookmarks: [],
      recents: [],
      problem: null,
      connections: [],
      buckets: {},

      async load() {
        set({ status: 'loading' });
        const [ws, conns] = await Promise.all([call(() => api.getWorkspace({})), call(() => api.listConnections({}))]);
        const connections = conns.ok ? conns.value : [];
        const saved = ws.ok ? ws.value.workspace : null;
        const tabs = saved && saved.tabs.length > 0 ? saved.tabs.map((t) => makeTab(t.id, t)) : [makeTab(newId(), null)];
        const activeTabId = tabs.some((t) => t.id === saved?.activeTabId) ? (saved?.activeTabId as string) : tabs[0]!.id;
        set({
          status: 'ready',
          tabs,
          activeTabId,
          bookmarks: saved?.bookmarks ?? [],
          recents: saved?.recents ?? [],
          connections,
          problem: ws.ok ? ws.value.problem : ws.error.message,
        });
        show(activeTabId);
      },

      async reloadConnections() {
        const res = await call(() => api.listConnections({}));
        if (res.ok) set({ connections: res.value });
      },

      newTab() {
        if (get().tabs.length >= TABS_LIMIT) return;
        const tab = makeTab(newId(), null);
        const { tabs, activeTabId } = get();
        const at = tabs.findIndex((t) => t.id === activeTabId) + 1;
        set({ tabs: [...tabs.slice(0, at), tab, ...tabs.slice(at)], activeTabId: tab.id });
        void save();
      },

      closeTab(id) {
        const { tabs, activeTabId } = get();
        const index = tabs.findIndex((t) => t.id === id);
        if (index < 0) return;
        const closing = tabs[index]!;
        unsubscribers.get(id)?.();
        unsubscribers.delete(id);
        // Stops its listing: a closed tab makes no more requests.
        closing.browser.getState().closeConnection();
        let rest = tabs.filter((t) => t.id !== id);
        if (rest.length === 0) rest = [makeTab(newId(), null)];
        const nextActive = id === activeTabId ? (rest[Math.min(index, rest.length - 1)]!.id) : activeTabId;
        set({ tabs: rest, activeTabId: nextActive });
        if (nextActive !== activeTabId) show(nextActive);
        void save();
      },

      activate: activateId,

      activateNumber(n) {
        const { tabs } = get();
        const tab = n >= 9 ? tabs[tabs.length - 1] : tabs[n - 1];
        if (tab) activateId(tab.id);
      },

      cycle(delta) {
        const { tabs, activeTabId } = get();
        if (tabs.length < 2) return;
        const index = tabs.findIndex((t) => t.id === activeTabId);
        activateId(tabs[(index + delta + tabs.length) % tabs.length]!.id);
      },

      moveTab(id, toIndex) {
        const { tabs } = get();
        const from = tabs.findIndex((t) => t.id === id);
        const to = Math.max(0, Math.min(tabs.length - 1, toIndex));
        if (from < 0 || from === to) return;
        const next = tabs.filter((t) => t.id !== id);
        next.splice(to, 0, tabs[from]!);
        set({ tabs: next });
        void save();
      },

      moveActive(delta) {
        const { tabs, activeTabId } = get();
        get().moveTab(activeTabId, tabs.findIndex((t) => t.id === activeTabId) + delta);
      },

      async openConnection(connection, bucket) {
        const tab = get().tabs.find((t) => t.id === get().activeTabId);
        if (!tab) return;
        if (!get().connections.some((c) => c.id === connection.id)) set({ connections: [...get().connections, connection] });
        await tab.browser.getState().openConnection(connection, bucket);
      },

      async openPlace(place) {
        const tab = get().tabs.find((t) => t.id === get().activeTabId);
        const connection = connectionOf(place.connectionId);
        if (!tab || !connection) return;
        const b = tab.browser.getState();
        const location = { bucket: place.bucket, prefix: place.prefix };
        // Within the tab's own connection a place is a step in its history (Back returns); otherwise it opens fresh.
        if (b.connection?.id === connection.id) await b.navigate(location);
        else await b.openAt(connection, location);
      },

      addBookmark() {
        const place = activePlace(get());
        if (!place || place.bucket === null || get().bookmarks.some((m) => samePlace(m, place))) return false;
        set({ bookmarks: [...get().bookmarks, { id: newId(), label: placeLabel(place), ...place }] });
        void save();
        return true;
      },

      removeBookmark(id) {
        set({ bookmarks: get().bookmarks.filter((m) => m.id !== id) });
        void save();
      },

      async loadBuckets(connectionId) {
        const known = get().buckets[connectionId];
        if (known && known.status !== 'error') return;
        set({ buckets: { ...get().buckets, [connectionId]: { status: 'loading', names: [], error: null } } });
        const res = await call(() => api.listBuckets({ connectionId }));
        set({
          buckets: {
            ...get().buckets,
            [connectionId]: res.ok
              ? { status: 'ready', names: res.value.map((b) => b.name), error: null }
              : { status: 'error', names: [], error: res.error },
          },
        });
      },
    };
  });
  return store;
}
