/**
 * Buckets of one tab (issue 15): the New bucket dialog (name checked as typed with shared/buckets.ts, region
 * defaulting to the connection's) and Bucket info (region, versioning, default encryption, public access
 * block, object lock, owner, each shown or its own error) with versioning Enable / Suspend (confirmed, saying
 * what it does), Delete bucket for an empty bucket, confirmed first, the setting editors (config-editor.ts)
 * and Empty and delete (empty-bucket.ts). Built from a narrow Pick of the API; after a create or delete the
 * deps reload what the browser shows.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { CONFIG_LABELS } from '../../../../shared/bucket-config';
import { bucketNameProblem, type BucketDetails } from '../../../../shared/buckets';
import type { RendererApi } from '../../../../shared/ipc';
import { call, type UserError } from '../../lib/call';
import { type ConfigEditor, type EditorActions, type EditorApi, editorSlice } from './config-editor';
import { type EmptyActions, type EmptyApi, type EmptyDialog, emptySlice } from './empty-bucket';

export type BucketsApi = Pick<RendererApi, 'createBucket' | 'deleteBucket' | 'bucketInfo' | 'setVersioning'> & EditorApi & EmptyApi;

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
  /** A versioning change waiting for its confirmation. */
  readonly confirmVersioning: 'enable' | 'suspend' | null;
  readonly busy: boolean;
  readonly error: UserError | null;
  /** What the last change did, in a sentence. */
  readonly notice: string | null;
}

export interface BucketsActions extends EditorActions, EmptyActions {
  openNew(connectionId: string, region: string): void;
  setName(name: string): void;
  setRegion(region: string): void;
  submitNew(): Promise<void>;
  openInfo(connectionId: string, bucket: string): Promise<void>;
  askDelete(ask: boolean): void;
  confirmDelete(): Promise<void>;
  askVersioning(change: 'enable' | 'suspend' | null): void;
  confirmVersioning(): Promise<void>;
  close(): void;
}

export interface BucketsData {
  readonly create: NewBucketDialog | null;
  readonly info: BucketInfoDialog | null;
  readonly editor: ConfigEditor | null;
  readonly empty: EmptyDialog | null;
}

export type BucketsStore = StoreApi<BucketsData & BucketsActions>;

export interface BucketsDeps {
  readonly onCreated: (connectionId: string, bucket: string) => void;
  readonly onDeleted: (connectionId: string, bucket: string) => void;
  /** Versioning changed here: whoever else shows the state asks again. */
  readonly onVersioningChanged?: (connectionId: string, bucket: string) => void;
}

const nameProblem = (name: string) => (name === '' ? null : bucketNameProblem(name));

export function createBucketsStore(api: BucketsApi, deps: BucketsDeps): BucketsStore {
  return createStore<BucketsData & BucketsActions>()((set, get) => {
    const reloadInfo = async (notice: string | null) => {
      const d = get().info;
      if (!d) return;
      const res = await call(() => api.bucketInfo({ connectionId: d.connectionId, bucket: d.bucket }));
      const now = get().info;
      if (now?.bucket === d.bucket) set({ info: res.ok ? { ...now, details: res.value, notice } : { ...now, error: res.error, notice } });
    };
    return {
    create: null,
    info: null,
    ...editorSlice(api, set, get, (_c, _b, kind) => void reloadInfo(`${CONFIG_LABELS[kind]} saved.`)),
    ...emptySlice(api, set, get, (connectionId, bucket) => {
      set({ info: null });
      deps.onDeleted(connectionId, bucket);
    }),

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
      set({ info: { connectionId, bucket, status: 'loading', details: null, confirmDelete: false, confirmVersioning: null, busy: false, error: null, notice: null }, create: null });
      const res = await call(() => api.bucketInfo({ connectionId, bucket }));
      const now = get().info;
      if (!now || now.bucket !== bucket) return;
      set({ info: res.ok ? { ...now, status: 'ready', details: res.value } : { ...now, status: 'error', error: res.error } });
    },
    askDelete(ask) {
      const d = get().info;
      if (d) set({ info: { ...d, confirmDelete: ask, confirmVersioning: null, error: null } });
    },
    askVersioning(change) {
      const d = get().info;
      if (d) set({ info: { ...d, confirmVersioning: change, confirmDelete: false, error: null, notice: null } });
    },
    async confirmVersioning() {
      const d = get().info;
      if (!d || !d.confirmVersioning || d.busy) return;
      const enabled = d.confirmVersioning === 'enable';
      set({ info: { ...d, busy: true } });
      const res = await call(() => api.setVersioning({ connectionId: d.connectionId, bucket: d.bucket, enabled }));
      const now = get().info;
      if (!now || now.bucket !== d.bucket) return;
      if (!res.ok) {
        set({ info: { ...now, busy: false, confirmVersioning: null, error: res.error } });
        return;
      }
      set({ info: { ...now, busy: false, confirmVersioning: null } });
      deps.onVersioningChanged?.(d.connectionId, d.bucket);
      await reloadInfo(enabled ? 'Versioning enabled.' : 'Versioning suspended.');
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
    };
  });
}
