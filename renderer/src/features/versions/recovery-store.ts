/**
 * Recovery in one view (tab): Show deleted (the folder's deleted files and folders, with the ListObjectVersions
 * it cost), View as of (the folder at an instant, read-only), and the two plans — undelete and restore folder —
 * each counted exactly in main before the user confirms, then run, with a report of what was and wasn't done.
 * Off means off: with Show deleted and View as of both off this store sends nothing.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RendererApi } from '../../../../shared/ipc';
import type { OperationProgress } from '../../../../shared/operations';
import type { AsOfEntry, DeletedEntry, RestorePlan, UndeletePlan, VersionsRunReport } from '../../../../shared/versions';
import { call, type UserError } from '../../lib/call';

export type RecoveryApi = Pick<
  RendererApi,
  | 'listDeleted'
  | 'listAsOf'
  | 'planUndelete'
  | 'planRestore'
  | 'runVersionsPlan'
  | 'cancelVersionsPlan'
  | 'discardVersionsPlan'
  | 'cacheStats'
  | 'onOperationProgress'
>;

export interface Place {
  readonly connectionId: string;
  readonly bucket: string;
  readonly prefix: string;
}

export type Status = 'idle' | 'loading' | 'ready' | 'error';

export interface DeletedView {
  readonly place: Place | null;
  readonly status: Status;
  readonly entries: readonly DeletedEntry[];
  readonly error: UserError | null;
}

export interface AsOfView {
  readonly at: number;
  readonly place: Place;
  readonly status: Status;
  readonly entries: readonly AsOfEntry[];
  readonly error: UserError | null;
}

export type PlanStage = 'planning' | 'ready' | 'running' | 'done' | 'error';

export interface PlanView {
  readonly kind: 'undelete' | 'restore';
  readonly place: Place;
  readonly stage: PlanStage;
  /** Undelete: what was selected. */
  readonly items: readonly { readonly key: string; readonly kind: 'object' | 'folder' }[];
  /** Restore: hide keys created since (off by default). */
  readonly hideNewer: boolean;
  readonly plan: UndeletePlan | RestorePlan | null;
  readonly report: VersionsRunReport | null;
  /** Live counts of the run (main's `operations:progress` under the plan id). */
  readonly progress: OperationProgress | null;
  /** Cancel was pressed: the run stops after the batch or copies in flight. */
  readonly cancelling: boolean;
  readonly error: UserError | null;
}

export interface RecoveryState {
  readonly showDeleted: boolean;
  readonly deleted: DeletedView;
  /** ListObjectVersions this view sent for Show deleted (main's wire counter, before and after each load). */
  readonly listRequests: number;
  readonly asOfPicker: Place | null;
  readonly asOf: AsOfView | null;
  readonly plan: PlanView | null;
}

export interface RecoveryActions {
  toggleShowDeleted(place: Place): Promise<void>;
  /** The browser moved: reload whatever is on for the new folder. */
  placeChanged(place: Place | null): Promise<void>;
  loadDeleted(place: Place, refresh?: boolean): Promise<void>;
  openAsOfPicker(place: Place): void;
  closeAsOfPicker(): void;
  viewAsOf(place: Place, at: number): Promise<void>;
  backToNow(): void;
  planUndelete(place: Place, keys: readonly string[]): Promise<void>;
  planRestore(place: Place, at: number, hideNewer?: boolean): Promise<void>;
  setHideNewer(hide: boolean): Promise<void>;
  runPlan(): Promise<void>;
  cancelPlan(): Promise<void>;
  closePlan(): void;
}

export type RecoveryStore = StoreApi<RecoveryState & RecoveryActions>;

const EMPTY_DELETED: DeletedView = { place: null, status: 'idle', entries: [], error: null };
const samePlace = (a: Place | null, b: Place | null) =>
  a !== null && b !== null && a.connectionId === b.connectionId && a.bucket === b.bucket && a.prefix === b.prefix;

export function createRecoveryStore(api: RecoveryApi): RecoveryStore {
  return createStore<RecoveryState & RecoveryActions>()((set, get) => {
    const listedVersions = async () => {
      const res = await call(() => api.cacheStats({}));
      return res.ok ? (res.value.requests['ListObjectVersions'] ?? 0) : null;
    };
    const discard = (plan: PlanView | null) => {
      if (plan?.plan && plan.stage === 'ready') void call(() => api.discardVersionsPlan({ planId: (plan.plan as UndeletePlan).planId }));
    };
    const patchPlan = (patch: Partial<PlanView>) => {
      const p = get().plan;
      if (p) set({ plan: { ...p, ...patch } });
    };

    const actions: RecoveryActions = {
      async toggleShowDeleted(place) {
        if (get().showDeleted) {
          set({ showDeleted: false, deleted: EMPTY_DELETED });
          return;
        }
        set({ showDeleted: true });
        await actions.loadDeleted(place);
      },

      async placeChanged(place) {
        const { showDeleted, asOf } = get();
        if (!place) {
          set({ deleted: EMPTY_DELETED, asOf: null });
          return;
        }
        if (asOf && !samePlace(asOf.place, place)) await actions.viewAsOf(place, asOf.at);
        if (showDeleted && !samePlace(get().deleted.place, place)) await actions.loadDeleted(place);
      },

      async loadDeleted(place, refresh = false) {
        set({ deleted: { place, status: 'loading', entries: [], error: null } });
        const before = await listedVersions();
        const res = await call(() => api.listDeleted({ connectionId: place.connectionId, bucket: place.bucket, prefix: place.prefix, refresh }));
        const after = await listedVersions();
        if (before !== null && after !== null) set({ listRequests: get().listRequests + (after - before) });
        if (!get().showDeleted || !samePlace(get().deleted.place, place)) return; // off, or moved on meanwhile
        set({ deleted: res.ok ? { place, status: 'ready', entries: res.value, error: null } : { place, status: 'error', entries: [], error: res.error } });
      },

      openAsOfPicker: (place) => set({ asOfPicker: place }),
      closeAsOfPicker: () => set({ asOfPicker: null }),

      async viewAsOf(place, at) {
        set({ asOfPicker: null, asOf: { at, place, status: 'loading', entries: [], error: null }, showDeleted: false, deleted: EMPTY_DELETED });
        const res = await call(() => api.listAsOf({ connectionId: place.connectionId, bucket: place.bucket, prefix: place.prefix, at }));
        const now = get().asOf;
        if (!now || now.at !== at || !samePlace(now.place, place)) return;
        set({ asOf: res.ok ? { ...now, status: 'ready', entries: res.value } : { ...now, status: 'error', error: res.error } });
      },
      backToNow: () => set({ asOf: null }),

      async planUndelete(place, keys) {
        discard(get().plan);
        const items = keys.map((key) => ({ key, kind: key.endsWith('/') ? ('folder' as const) : ('object' as const) }));
        set({ plan: { kind: 'undelete', place, stage: 'planning', items, hideNewer: false, plan: null, report: null, progress: null, cancelling: false, error: null } });
        const res = await call(() => api.planUndelete({ connectionId: place.connectionId, bucket: place.bucket, items }));
        if (get().plan?.place !== place) return;
        patchPlan(res.ok ? { stage: 'ready', plan: res.value } : { stage: 'error', error: res.error });
      },

      async planRestore(place, at, hideNewer = false) {
        discard(get().plan);
        set({ plan: { kind: 'restore', place, stage: 'planning', items: [], hideNewer, plan: null, report: null, progress: null, cancelling: false, error: null } });
        const res = await call(() => api.planRestore({ connectionId: place.connectionId, bucket: place.bucket, prefix: place.prefix, at, hideNewer }));
        const p = get().plan;
        if (p?.place !== place || p.hideNewer !== hideNewer) return;
        patchPlan(res.ok ? { stage: 'ready', plan: res.value } : { stage: 'error', error: res.error });
      },

      async setHideNewer(hide) {
        const p = get().plan;
        if (p?.kind !== 'restore' || p.stage === 'running' || p.stage === 'done') return;
        // Another option is another plan: count it again, so the dialog never shows stale numbers.
        await actions.planRestore(p.place, (p.plan as RestorePlan | null)?.at ?? get().asOf?.at ?? Date.now(), hide);
      },

      async runPlan() {
        const p = get().plan;
        if (p?.stage !== 'ready' || !p.plan) return;
        const planId = (p.plan as UndeletePlan).planId;
        patchPlan({ stage: 'running', progress: null, cancelling: false });
        const stop = api.onOperationProgress((progress) => {
          if (progress.operationId === planId && get().plan?.stage === 'running') patchPlan({ progress });
        });
        const res = await call(() => api.runVersionsPlan({ planId }));
        stop();
        patchPlan(res.ok ? { stage: 'done', report: res.value } : { stage: 'error', error: res.error });
        // What changed is gone from main's cache (the one invalidation path); list it afresh.
        if (get().showDeleted) await actions.loadDeleted(p.place, true);
        const asOf = get().asOf;
        if (asOf) await actions.viewAsOf(asOf.place, asOf.at);
      },

      async cancelPlan() {
        const p = get().plan;
        if (p?.stage !== 'running' || !p.plan) return;
        patchPlan({ cancelling: true });
        await call(() => api.cancelVersionsPlan({ planId: (p.plan as UndeletePlan).planId }));
      },

      closePlan() {
        discard(get().plan);
        set({ plan: null });
      },
    };

    return { showDeleted: false, deleted: EMPTY_DELETED, listRequests: 0, asOfPicker: null, asOf: null, plan: null, ...actions };
  });
}

/** The sentence a finished run ends with: what was done, what failed, what never ran. */
export function reportSentence(kind: PlanView['kind'], report: VersionsRunReport): string {
  const noun = kind === 'undelete' ? 'delete marker' : 'step';
  const parts = [`${report.done} ${noun}${report.done === 1 ? '' : 's'} done`];
  if (report.failed.length > 0) parts.push(`${report.failed.length} failed`);
  if (report.notRun > 0) parts.push(`${report.notRun} not run (${report.cancelled ? 'cancelled before them' : 'the run stopped before them'})`);
  return `${parts.join(', ')}.`;
}
