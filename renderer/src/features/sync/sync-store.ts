/**
 * The compare-and-sync feature's state: two locations, the comparison's groups and rows, a plan in the
 * chosen direction, and saved pairs. A dry run is the default: the plan is shown with its exact counts and
 * bytes, and running it needs the dry-run box cleared first. Every call goes through `call`.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RendererApi } from '../../../../shared/ipc';
import type { CompareMode, CompareResult, SyncDirection, SyncGroup, SyncLocation, SyncPair, SyncPlan, SyncRow, SyncRunOutcome } from '../../../../shared/sync';
import { call, type UserError } from '../../lib/call';

export type SyncApi = Pick<RendererApi, 'compareLocations' | 'planSync' | 'runSync' | 'listSyncPairs' | 'saveSyncPair' | 'deleteSyncPair' | 'pickDownloadFolder'>;

export interface SyncState {
  readonly open: boolean;
  readonly left: SyncLocation | null;
  readonly right: SyncLocation | null;
  readonly mode: CompareMode;
  readonly pairId: string | null;
  readonly result: CompareResult | null;
  readonly group: SyncGroup | 'all';
  readonly text: string;
  readonly direction: SyncDirection;
  readonly deleteExtras: boolean;
  readonly dryRun: boolean;
  readonly plan: SyncPlan | null;
  readonly outcome: SyncRunOutcome | null;
  readonly pairs: readonly SyncPair[];
  readonly busy: 'compare' | 'plan' | 'run' | null;
  readonly error: UserError | null;

  openFor(right: SyncLocation): void;
  close(): void;
  pickLeft(): Promise<void>;
  setLeftPath(path: string): void;
  setMode(mode: CompareMode): void;
  compare(): Promise<void>;
  setGroup(group: SyncGroup | 'all'): void;
  setText(text: string): void;
  setDirection(direction: SyncDirection): void;
  setDeleteExtras(on: boolean): void;
  setDryRun(on: boolean): void;
  makePlan(): Promise<void>;
  run(): Promise<void>;
  loadPairs(): Promise<void>;
  savePair(name: string): Promise<void>;
  usePair(pair: SyncPair): Promise<void>;
  deletePair(id: string): Promise<void>;
}

export type SyncStore = StoreApi<SyncState>;

/** Rows shown: the chosen group, then a case-insensitive key filter. */
export function visibleRows(s: Pick<SyncState, 'result' | 'group' | 'text'>): readonly SyncRow[] {
  const rows = s.result?.rows ?? [];
  const needle = s.text.trim().toLowerCase();
  return rows.filter((r) => (s.group === 'all' || r.group === s.group) && (needle === '' || r.key.toLowerCase().includes(needle)));
}

export function createSyncStore(api: SyncApi): SyncStore {
  const store = createStore<SyncState>()((set, get) => ({
    open: false,
    left: null,
    right: null,
    mode: 'content',
    pairId: null,
    result: null,
    group: 'all',
    text: '',
    direction: 'make-right',
    deleteExtras: false,
    dryRun: true,
    plan: null,
    outcome: null,
    pairs: [],
    busy: null,
    error: null,

    openFor: (right) => {
      set({ open: true, right, result: null, plan: null, outcome: null, error: null, pairId: null });
      void get().loadPairs();
    },
    close: () => set({ open: false }),
    pickLeft: async () => {
      const r = await call(() => api.pickDownloadFolder({}));
      if (!r.ok) return set({ error: r.error });
      if (r.value.path !== null) set({ left: { kind: 'local', path: r.value.path }, result: null, plan: null, pairId: null });
    },
    setLeftPath: (path) => set({ left: path === '' ? null : { kind: 'local', path }, result: null, plan: null, pairId: null }),
    setMode: (mode) => set({ mode, result: null, plan: null }),
    compare: async () => {
      const { left, right, mode, pairId } = get();
      if (!left || !right) return;
      set({ busy: 'compare', error: null, plan: null, outcome: null });
      const r = await call(() => api.compareLocations({ left, right, mode, ...(pairId ? { pairId } : {}) }));
      set(r.ok ? { busy: null, result: r.value } : { busy: null, error: r.error });
      if (r.ok && pairId) void get().loadPairs();
    },
    setGroup: (group) => set({ group }),
    setText: (text) => set({ text }),
    setDirection: (direction) => set({ direction, plan: null }),
    setDeleteExtras: (deleteExtras) => set({ deleteExtras, plan: null }),
    setDryRun: (dryRun) => set({ dryRun }),
    makePlan: async () => {
      const { result, direction, deleteExtras } = get();
      if (!result) return;
      set({ busy: 'plan', error: null });
      const r = await call(() => api.planSync({ compareId: result.compareId, direction, deleteExtras }));
      set(r.ok ? { busy: null, plan: r.value } : { busy: null, error: r.error });
    },
    run: async () => {
      const { plan, dryRun } = get();
      if (!plan || dryRun) return;
      set({ busy: 'run', error: null });
      const r = await call(() => api.runSync({ planId: plan.planId }));
      set(r.ok ? { busy: null, outcome: r.value, plan: null } : { busy: null, error: r.error });
    },
    loadPairs: async () => {
      const r = await call(() => api.listSyncPairs({}));
      if (r.ok) set({ pairs: r.value });
    },
    savePair: async (name) => {
      const { left, right, mode } = get();
      if (!left || !right || name.trim() === '') return;
      const r = await call(() => api.saveSyncPair({ name: name.trim(), left, right, mode }));
      if (!r.ok) return set({ error: r.error });
      set({ pairId: r.value.id, pairs: [...get().pairs, r.value] });
    },
    usePair: async (pair) => {
      set({ left: pair.left, right: pair.right, mode: pair.mode, pairId: pair.id, result: null, plan: null });
      await get().compare();
    },
    deletePair: async (id) => {
      const r = await call(() => api.deleteSyncPair({ id }));
      if (!r.ok) return set({ error: r.error });
      set({ pairs: get().pairs.filter((p) => p.id !== id), pairId: get().pairId === id ? null : get().pairId });
    },
  }));
  return store;
}
