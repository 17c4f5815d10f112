/**
 * The incomplete-uploads view's store: lists a bucket's unfinished multipart uploads, and aborts one or all
 * in two steps like operations (plan states the exact uploads, parts and bytes; confirm runs exactly that plan).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Result } from '../../../../shared/errors';
import type { RendererApi } from '../../../../shared/ipc';
import type { AbortUploadsPlan, IncompleteUpload } from '../../../../shared/transfers';
import { call } from '../../lib/call';
import { plural } from '../../lib/format';
import { formatBytes } from '../../lib/transfer-format';
import type { BucketLocation } from './transfers-store';

export type IncompleteUploadsApi = Pick<RendererApi, 'listIncompleteUploads' | 'planAbortUploads' | 'runAbortUploads'>;

export interface IncompleteUploadsState {
  readonly location: BucketLocation | null;
  readonly uploads: readonly IncompleteUpload[] | null;
  /** What is under way, for the dialog's status line ("Listing…", "Aborting 3 uploads…"); null when idle. */
  readonly busy: string | null;
  /** Waiting for the user's confirmation. */
  readonly plan: AbortUploadsPlan | null;
  readonly message: string | null;
  /** The last message was a failure (shown as an alert). */
  readonly failed: boolean;
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

/** "1 upload (2 parts, 10 MB)". */
export function describeUploads(uploads: readonly Pick<IncompleteUpload, 'parts' | 'bytes'>[]): string {
  const parts = uploads.reduce((n, u) => n + u.parts, 0);
  const bytes = uploads.reduce((n, u) => n + u.bytes, 0);
  return `${plural(uploads.length, 'upload')} (${plural(parts, 'part')}, ${formatBytes(bytes)})`;
}

export function createIncompleteUploadsStore(api: IncompleteUploadsApi): IncompleteUploadsStore {
  return createStore<IncompleteUploadsState & IncompleteUploadsActions>()((set, get) => {
    /** One call through `call`: its value, or undefined with the error's sentence shown. */
    const unwrap = async <T>(run: () => Promise<Result<T>>): Promise<T | undefined> => {
      const result = await call(run);
      if (result.ok) return result.value;
      set({ message: `${result.error.title}: ${result.error.message}`, failed: true });
      return undefined;
    };
    /** Answers for a bucket the view no longer shows (closed, or opened on another) are dropped. */
    const still = (location: BucketLocation) => get().location === location;
    return {
      location: null,
      uploads: null,
      busy: null,
      plan: null,
      message: null,
      failed: false,

      async open(location) {
        set({ location, uploads: null, plan: null, message: null, failed: false });
        await get().refresh();
      },
      close() {
        set({ location: null, uploads: null, plan: null, message: null, failed: false, busy: null });
      },
      async refresh() {
        const location = get().location;
        if (!location) return;
        set({ busy: `Listing incomplete uploads in ${location.bucket}…` });
        const uploads = await unwrap(() => api.listIncompleteUploads(location));
        if (!still(location)) return;
        set({ busy: null, ...(uploads ? { uploads } : {}) });
      },
      async planAbort(upload) {
        const location = get().location;
        if (!location) return;
        set({ busy: 'Checking what is there to abort…', message: null, failed: false });
        const plan = await unwrap(() => api.planAbortUploads({ ...location, ...(upload ? { uploads: [{ key: upload.key, uploadId: upload.uploadId }] } : {}) }));
        if (!still(location)) return;
        set({ busy: null });
        if (!plan) return;
        if (plan.count > 0) {
          set({ plan });
          return;
        }
        // The plan is the server's list now: what was shown may have been completed or aborted meanwhile.
        set({ message: upload ? `Nothing to abort: the upload of “${upload.key}” is no longer open.` : 'Nothing to abort: the bucket has no incomplete uploads now.' });
        await get().refresh();
      },
      async confirm() {
        const { plan, location } = get();
        if (!plan || !location) return;
        set({ plan: null, busy: `Aborting ${plural(plan.count, 'upload')}…`, message: null, failed: false });
        const outcome = await unwrap(() => api.runAbortUploads({ planId: plan.planId }));
        if (!still(location)) return;
        set({ busy: null });
        if (outcome) {
          const first = outcome.failed[0];
          set(
            first
              ? {
                  message: `Aborted ${outcome.aborted} of ${plural(plan.count, 'upload')}; ${outcome.failed.length} failed — ${first.key}: ${first.message}`,
                  failed: true,
                }
              : { message: `Aborted ${describeUploads(plan.uploads)}: those parts are deleted and no longer billed.`, failed: false },
          );
        }
        await get().refresh();
      },
      cancelPlan() {
        set({ plan: null });
      },
    };
  });
}
