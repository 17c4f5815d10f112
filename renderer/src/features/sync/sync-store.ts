/**
 * The compare-and-sync feature's state: two locations (the left one a local folder or an s3:// prefix on any
 * connection), the comparison's progress, groups and rows, a plan in the chosen direction, and saved pairs.
 * A dry run is the default: the plan is shown with its exact counts and bytes, and running it needs the
 * dry-run box cleared first. A comparison and an S3→S3 run each carry a token: their progress events are
 * matched by it and Cancel names it. Every call goes through `call`.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RendererApi } from '../../../../shared/ipc';
import { parseS3Location } from '../../../../shared/keys';
import type { OperationProgress } from '../../../../shared/operations';
import type { ConnectionSummary } from '../../../../shared/types';
import type { CompareMode, CompareProgress, CompareResult, SyncDirection, SyncGroup, SyncLocation, SyncPair, SyncPlan, SyncRow, SyncRunOutcome } from '../../../../shared/sync';
import { call, type UserError } from '../../lib/call';

export type SyncApi = Pick<
  RendererApi,
  | 'compareLocations'
  | 'planSync'
  | 'runSync'
  | 'cancelSync'
  | 'listSyncPairs'
  | 'saveSyncPair'
  | 'deleteSyncPair'
  | 'pickDownloadFolder'
  | 'listConnections'
  | 'onSyncProgress'
  | 'onOperationProgress'
>;

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
  /** What the left field holds as typed (a local path or an s3:// URI). */
  readonly leftText: string;
  /** The connection an s3:// left side uses (the right side's by default). */
  readonly leftConnectionId: string | null;
  readonly connections: readonly ConnectionSummary[];
  /** The running comparison's or S3→S3 run's token (for Cancel). */
  readonly token: string | null;
  readonly progress: CompareProgress | null;
  readonly applyProgress: OperationProgress | null;

  openFor(right: SyncLocation): void;
  close(): void;
  pickLeft(): Promise<void>;
  /** A local folder's absolute path, or s3://bucket/prefix on the chosen connection. */
  setLeftPath(text: string): void;
  setLeftConnection(id: string): void;
  cancel(): Promise<void>;
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

/** The left location a typed text names: an s3:// URI on a connection, or a local path. */
export function leftLocation(text: string, connectionId: string | null): SyncLocation | null {
  const t = text.trim();
  if (t === '') return null;
  if (/^s3:\/\//i.test(t)) {
    const at = parseS3Location(t);
    return at && connectionId ? { kind: 's3', connectionId, bucket: at.bucket, prefix: at.prefix } : null;
  }
  return { kind: 'local', path: t };
}

const textOf = (loc: SyncLocation) => (loc.kind === 'local' ? loc.path : `s3://${loc.bucket}/${loc.prefix}`);

const newToken = () => `sync-${crypto.randomUUID()}`;

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
    leftText: '',
    leftConnectionId: null,
    connections: [],
    token: null,
    progress: null,
    applyProgress: null,

    openFor: (right) => {
      const leftConnectionId = get().leftConnectionId ?? (right.kind === 's3' ? right.connectionId : null);
      set({ open: true, right, result: null, plan: null, outcome: null, error: null, pairId: null, progress: null, applyProgress: null, leftConnectionId });
      void get().loadPairs();
      void call(() => api.listConnections({})).then((r) => {
        if (r.ok) set({ connections: r.value });
      });
    },
    close: () => set({ open: false }),
    pickLeft: async () => {
      const r = await call(() => api.pickDownloadFolder({}));
      if (!r.ok) return set({ error: r.error });
      if (r.value.path !== null) set({ left: { kind: 'local', path: r.value.path }, leftText: r.value.path, result: null, plan: null, pairId: null });
    },
    setLeftPath: (text) => set({ leftText: text, left: leftLocation(text, get().leftConnectionId), result: null, plan: null, pairId: null }),
    setLeftConnection: (id) => set({ leftConnectionId: id, left: leftLocation(get().leftText, id), result: null, plan: null, pairId: null }),
    cancel: async () => {
      const token = get().token;
      if (token === null) return;
      const r = await call(() => api.cancelSync({ token }));
      if (!r.ok) set({ error: r.error });
    },
    setMode: (mode) => set({ mode, result: null, plan: null }),
    compare: async () => {
      const { left, right, mode, pairId } = get();
      if (!left || !right) return;
      const token = newToken();
      set({ busy: 'compare', error: null, plan: null, outcome: null, token, progress: null });
      const stop = api.onSyncProgress((p) => {
        if (p.compareToken === token) set({ progress: p });
      });
      const r = await call(() => api.compareLocations({ left, right, mode, compareToken: token, ...(pairId ? { pairId } : {}) }));
      stop();
      set(r.ok ? { busy: null, token: null, result: r.value } : { busy: null, token: null, error: r.error });
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
      const token = newToken();
      set({ busy: 'run', error: null, token, applyProgress: null });
      const stop = api.onOperationProgress((p) => {
        if (p.operationId === token) set({ applyProgress: p });
      });
      const r = await call(() => api.runSync({ planId: plan.planId, runToken: token }));
      stop();
      set(r.ok ? { busy: null, token: null, outcome: r.value, plan: null } : { busy: null, token: null, error: r.error });
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
      set({
        left: pair.left,
        leftText: textOf(pair.left),
        leftConnectionId: pair.left.kind === 's3' ? pair.left.connectionId : get().leftConnectionId,
        right: pair.right,
        mode: pair.mode,
        pairId: pair.id,
        result: null,
        plan: null,
      });
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
