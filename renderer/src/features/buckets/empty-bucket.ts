/**
 * "Empty and delete" in the buckets store (a slice): count (ListObjectVersions in main, with live counts and a
 * Cancel), show the plan — exact objects, older versions, delete markers, incomplete uploads, the requests the
 * run sends and its cost — and run it only after the user typed the bucket's name, with progress and Cancel,
 * ending in a report that lists every version the server refused.
 */
import type { EmptyBucketPlan, EmptyBucketReport } from '../../../../shared/buckets';
import type { RendererApi } from '../../../../shared/ipc';
import type { OperationProgress, PlanningProgress } from '../../../../shared/operations';
import { call, type UserError } from '../../lib/call';

export type EmptyApi = Pick<
  RendererApi,
  'planEmptyBucket' | 'runEmptyBucket' | 'cancelEmptyBucket' | 'discardEmptyBucket' | 'onOperationProgress' | 'onPlanningProgress'
>;

export interface EmptyDialog {
  readonly connectionId: string;
  readonly bucket: string;
  readonly status: 'counting' | 'ready' | 'running' | 'done' | 'error';
  readonly planningId: string;
  readonly counted: PlanningProgress | null;
  readonly plan: EmptyBucketPlan | null;
  /** What the user typed to confirm (must equal the bucket's name). */
  readonly typed: string;
  readonly progress: OperationProgress | null;
  readonly cancelling: boolean;
  readonly report: EmptyBucketReport | null;
  readonly error: UserError | null;
}

export interface EmptyActions {
  openEmpty(connectionId: string, bucket: string): Promise<void>;
  setTyped(text: string): void;
  runEmpty(): Promise<void>;
  cancelEmpty(): Promise<void>;
  closeEmpty(): void;
}

let counter = 0;
const newId = () => `empty-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export function emptySlice(
  api: EmptyApi,
  set: (patch: { empty: EmptyDialog | null }) => void,
  get: () => { empty: EmptyDialog | null },
  onDeleted: (connectionId: string, bucket: string) => void,
): { readonly empty: EmptyDialog | null } & EmptyActions {
  const patch = (p: Partial<EmptyDialog>) => {
    const d = get().empty;
    if (d) set({ empty: { ...d, ...p } });
  };
  return {
    empty: null,
    async openEmpty(connectionId, bucket) {
      const planningId = newId();
      set({
        empty: { connectionId, bucket, status: 'counting', planningId, counted: null, plan: null, typed: '', progress: null, cancelling: false, report: null, error: null },
      });
      const stop = api.onPlanningProgress((p) => {
        if (p.planningId === get().empty?.planningId) patch({ counted: p });
      });
      const res = await call(() => api.planEmptyBucket({ connectionId, bucket, planningId }));
      stop();
      const d = get().empty;
      if (!d || d.planningId !== planningId) {
        if (res.ok) void api.discardEmptyBucket({ planId: res.value.planId });
        return;
      }
      patch(res.ok ? { status: 'ready', plan: res.value } : { status: 'error', error: res.error });
    },
    setTyped: (typed) => patch({ typed }),
    async runEmpty() {
      const d = get().empty;
      if (!d || d.status !== 'ready' || !d.plan || d.typed !== d.bucket) return;
      const planId = d.plan.planId;
      patch({ status: 'running' });
      const stop = api.onOperationProgress((p) => {
        if (p.operationId === planId) patch({ progress: p });
      });
      const res = await call(() => api.runEmptyBucket({ planId }));
      stop();
      if (!get().empty) return;
      patch(res.ok ? { status: 'done', report: res.value, cancelling: false } : { status: 'error', error: res.error, cancelling: false });
      if (res.ok && res.value.status === 'deleted') onDeleted(d.connectionId, d.bucket);
    },
    async cancelEmpty() {
      const d = get().empty;
      if (!d) return;
      if (d.status === 'counting') {
        await api.cancelEmptyBucket({ id: d.planningId });
        set({ empty: null });
      } else if (d.status === 'running' && d.plan) {
        patch({ cancelling: true });
        await api.cancelEmptyBucket({ id: d.plan.planId });
      }
    },
    closeEmpty() {
      const d = get().empty;
      if (!d || d.status === 'running') return;
      if (d.status === 'ready' && d.plan) void api.discardEmptyBucket({ planId: d.plan.planId });
      if (d.status === 'counting') void api.cancelEmptyBucket({ id: d.planningId });
      set({ empty: null });
    },
  };
}
