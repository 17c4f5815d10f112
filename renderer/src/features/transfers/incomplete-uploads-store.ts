/**
 * The incomplete-uploads view's store: lists a bucket's unfinished multipart uploads, and aborts one or all
 * in two steps like operations (plan states the exact count and bytes; confirm runs exactly that plan).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Result } from '../../../../shared/errors';
import type { RendererApi } from '../../../../shared/ipc';
import type { AbortUploadsPlan, IncompleteUpload } from '../../../../shared/transfers';
import { call } from '../../lib/call';
import type { BucketLocation } from './transfers-store';

export type IncompleteUploadsApi = Pick<RendererApi, 'listIncompleteUploads' | 'planAbortUploads' | 'runAbortUploads'>;

export interface IncompleteUploadsState {
  readonly location: BucketLocation | null;
  readonly uploads: readonly IncompleteUpload[] | null;
  readonly loading: boolean;
  /** Waiting for the user's confirmation. */
  readonly plan: AbortUploadsPlan | null;
  readonly message: string | null;
}

export interface IncompleteUploadsActions {
  open(location: BucketLocation): Promise<void>;
  close(): void;
  refresh(): Promise<void>;
  /** Plan aborting one upload, or all of them (then confirm() runs it). */
  planAbort(upload?: Pick<IncompleteUpload, 'key' | 'uploadId'>): Promise<void>;
  confirm(): Promise<void>;
  cancelPlan(): void;
}

export type IncompleteUploadsStore = StoreApi<IncompleteUploadsState & IncompleteUploadsActions>;

export function createIncompleteUploadsStore(api: IncompleteUploadsApi): IncompleteUploadsStore {
  return createStore<IncompleteUploadsState & IncompleteUploadsActions>()((set, get) => {
    /** One call through `call`: its value, or undefined with the error's sentence shown. */
    const unwrap = async <T>(run: () => Promise<Result<T>>): Promise<T | undefined> => {
      const result = await call(run);
      if (result.ok) return result.value;
      set({ message: `${result.error.title}: ${result.error.message}` });
      return undefined;
    };
    return {
      location: null,
      uploads: null,
      loading: false,
      plan: null,
      message: null,

      async open(location) {
        set({ location, uploads: null, plan: null, message: null });
        await get().refresh();
      },
      close() {
        set({ location: null, uploads: null, plan: null, message: null });
      },
      async refresh() {
        const location = get().location;
        if (!location) return;
        set({ loading: true });
        const uploads = await unwrap(() => api.listIncompleteUploads(location));
        set({ loading: false, ...(uploads ? { uploads } : {}) });
      },
      async planAbort(upload) {
        const location = get().location;
        if (!location) return;
        const plan = await unwrap(() => api.planAbortUploads({ ...location, ...(upload ? { uploads: [{ key: upload.key, uploadId: upload.uploadId }] } : {}) }));
        if (plan) set({ plan });
      },
      async confirm() {
        const plan = get().plan;
        if (!plan) return;
        set({ plan: null });
        const outcome = await unwrap(() => api.runAbortUploads({ planId: plan.planId }));
        if (outcome) {
          const first = outcome.failed[0];
          set({ message: first ? `${outcome.aborted} aborted, ${outcome.failed.length} failed — ${first.key}: ${first.message}` : `${outcome.aborted} aborted` });
        }
        await get().refresh();
      },
      cancelPlan() {
        set({ plan: null });
      },
    };
  });
}
