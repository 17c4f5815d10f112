/**
 * Buckets of one tab (issue 15): the New bucket dialog (name checked as typed with shared/buckets.ts, region
 * defaulting to the connection's) and Bucket info (region, versioning, default encryption, public access
 * block, each shown or its own error) with Delete bucket for an empty bucket, confirmed first. Built from a
 * narrow Pick of the API; after a create or delete `onChanged` reloads what the browser shows.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { bucketNameProblem, type BucketDetails } from '../../../../shared/buckets';
import type { RendererApi } from '../../../../shared/ipc';
import { call, type UserError } from '../../lib/call';

export type BucketsApi = Pick<RendererApi, 'createBucket' | 'deleteBucket' | 'bucketInfo'>;

export interface NewBucketDialog {
  readonly connectionId: string;
  readonly name: string;
  readonly region: string;
  readonly problem: string | null;
  readonly busy: boolean;
  readonly error: UserError | null;
}

export interface BucketInfoDialog {
  readonly connectionId: string;
  readonly bucket: string;
  readonly status: 'loading' | 'ready' | 'error';
  readonly details: BucketDetails | null;
  readonly confirmDelete: boolean;
  readonly busy: boolean;
  readonly error: UserError | null;
}

export interface BucketsActions {
  openNew(connectionId: string, region: string): void;
  setName(name: string): void;
  setRegion(region: string): void;
  submitNew(): Promise<void>;
  openInfo(connectionId: string, bucket: string): Promise<void>;
  askDelete(ask: boolean): void;
  confirmDelete(): Promise<void>;
  close(): void;
}

export type BucketsStore = StoreApi<{ readonly create: NewBucketDialog | null; readonly info: BucketInfoDialog | null } & BucketsActions>;

export interface BucketsDeps {
  readonly onCreated: (connectionId: string, bucket: string) => void;
  readonly onDeleted: (connectionId: string, bucket: string) => void;
}

const nameProblem = (name: string) => (name === '' ? null : bucketNameProblem(name));

export function createBucketsStore(api: BucketsApi, deps: BucketsDeps): BucketsStore {
  return createStore<{ readonly create: NewBucketDialog | null; readonly info: BucketInfoDialog | null } & BucketsActions>()((set, get) => ({
    create: null,
    info: null,

    openNew: (connectionId, region) => set({ create: { connectionId, name: '', region, problem: null, busy: false, error: null }, info: null }),
    setName(name) {
      const d = get().create;
      if (d) set({ create: { ...d, name, problem: nameProblem(name), error: null } });
    },
    setRegion(region) {
      const d = get().create;
      if (d) set({ create: { ...d, region, error: null } });
    },
    async submitNew() {
      const d = get().create;
      if (!d || d.busy || d.name === '' || d.problem) return;
      set({ create: { ...d, busy: true, error: null } });
      const region = d.region.trim();
      const res = await call(() => api.createBucket({ connectionId: d.connectionId, name: d.name, ...(region ? { region } : {}) }));
      if (get().create !== null && !res.ok) set({ create: { ...d, busy: false, error: res.error } });
      if (res.ok) {
        set({ create: null });
        deps.onCreated(d.connectionId, res.value.name);
      }
    },

    async openInfo(connectionId, bucket) {
      set({ info: { connectionId, bucket, status: 'loading', details: null, confirmDelete: false, busy: false, error: null }, create: null });
      const res = await call(() => api.bucketInfo({ connectionId, bucket }));
      const now = get().info;
      if (!now || now.bucket !== bucket) return;
      set({ info: res.ok ? { ...now, status: 'ready', details: res.value } : { ...now, status: 'error', error: res.error } });
    },
    askDelete(ask) {
      const d = get().info;
      if (d) set({ info: { ...d, confirmDelete: ask, error: null } });
    },
    async confirmDelete() {
      const d = get().info;
      if (!d || !d.confirmDelete || d.busy) return;
      set({ info: { ...d, busy: true } });
      const res = await call(() => api.deleteBucket({ connectionId: d.connectionId, bucket: d.bucket }));
      if (!res.ok) {
        set({ info: { ...d, busy: false, confirmDelete: false, error: res.error } });
        return;
      }
      set({ info: null });
      deps.onDeleted(d.connectionId, d.bucket);
    },
    close: () => set({ create: null, info: null }),
  }));
}
