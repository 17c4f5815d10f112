import { describe, expect, it } from 'vitest';
import { ok } from '../../../../shared/errors';
import type { CompareResult, SyncPlan } from '../../../../shared/sync';
import { createSyncStore, type SyncApi, visibleRows } from './sync-store';

const groups = { 'left-only': { count: 1, bytes: 1 }, 'right-only': { count: 0, bytes: 0 }, different: { count: 1, bytes: 3 }, same: { count: 0, bytes: 0 }, unverified: { count: 0, bytes: 0 }, excluded: { count: 0, bytes: 0 } };
const result: CompareResult = {
  compareId: 'c1',
  mode: 'content',
  rows: [
    { key: 'a.txt', group: 'left-only', reason: 'only on the left', left: { size: 1, lastModified: 0 }, right: null },
    { key: 'B.txt', group: 'different', reason: 'size differs', left: { size: 3, lastModified: 0 }, right: { size: 2, lastModified: 0 } },
  ],
  groups,
  hashing: { files: 0, bytes: 0, ms: 0 },
  checksumRequests: 0,
  comparedAt: 1,
};
const plan: SyncPlan = {
  planId: 'p1',
  direction: 'make-right',
  deleteExtras: false,
  actions: [{ kind: 'upload', toward: 'right', key: 'a.txt', bytes: 1, reason: 'only on the left' }],
  totals: { upload: { count: 1, bytes: 1 }, download: { count: 0, bytes: 0 }, copy: { count: 0, bytes: 0 }, 'delete-local': { count: 0, bytes: 0 }, 'delete-s3': { count: 0, bytes: 0 } },
  skipped: [],
};

function fakeApi(calls: string[]): SyncApi {
  return {
    compareLocations: async () => (calls.push('compare'), ok(result)),
    planSync: async (req) => (calls.push(`plan:${req.direction}:${String(req.deleteExtras)}`), ok(plan)),
    runSync: async () => (calls.push('run'), ok({ planId: 'p1', queued: 1, copied: 0, deleted: 0, failed: [], cancelled: false })),
    listSyncPairs: async () => ok([]),
    saveSyncPair: async (req) => ok({ id: 'pair1', ...req, last: null }),
    deleteSyncPair: async () => ok({ deleted: true }),
    pickDownloadFolder: async () => ok({ path: '/tmp/here' }),
    listConnections: async () => ok([]),
    cancelSync: async (req) => (calls.push(`cancel:${req.token.slice(0, 5)}`), ok({ cancelled: true })),
    onSyncProgress: () => () => {},
    onOperationProgress: () => () => {},
  };
}

describe('sync store', () => {
  it('plans without deletes by default and runs only once the dry run is turned off', async () => {
    const calls: string[] = [];
    const store = createSyncStore(fakeApi(calls));
    store.getState().openFor({ kind: 's3', connectionId: 'c', bucket: 'b', prefix: '' });
    await store.getState().pickLeft();
    await store.getState().compare();
    await store.getState().makePlan();
    await store.getState().run();
    expect(calls).toEqual(['compare', 'plan:make-right:false']);
    store.getState().setDryRun(false);
    await store.getState().run();
    expect(calls.at(-1)).toBe('run');
    expect(store.getState().outcome?.queued).toBe(1);
  });

  it('filters rows by group and by key text', async () => {
    const store = createSyncStore(fakeApi([]));
    store.getState().openFor({ kind: 's3', connectionId: 'c', bucket: 'b', prefix: '' });
    store.getState().setLeftPath('/tmp/x');
    await store.getState().compare();
    store.getState().setGroup('different');
    expect(visibleRows(store.getState()).map((r) => r.key)).toEqual(['B.txt']);
    store.getState().setGroup('all');
    store.getState().setText('a.');
    expect(visibleRows(store.getState()).map((r) => r.key)).toEqual(['a.txt']);
  });

  it('takes an s3:// left side on the chosen connection, and cancels the comparison it started by its token', async () => {
    const calls: string[] = [];
    const requests: unknown[] = [];
    let release!: () => void;
    const api: SyncApi = {
      ...fakeApi(calls),
      compareLocations: async (req) => {
        requests.push(req);
        await new Promise<void>((r) => (release = r));
        return ok(result);
      },
    };
    const store = createSyncStore(api);
    store.getState().openFor({ kind: 's3', connectionId: 'c', bucket: 'b', prefix: 'p/' });
    store.getState().setLeftPath('s3://other/q');
    expect(store.getState().left).toEqual({ kind: 's3', connectionId: 'c', bucket: 'other', prefix: 'q/' });
    store.getState().setLeftConnection('c2');
    expect(store.getState().left).toEqual({ kind: 's3', connectionId: 'c2', bucket: 'other', prefix: 'q/' });
    const comparing = store.getState().compare();
    const token = store.getState().token;
    expect(token).toMatch(/^sync-/);
    expect(requests[0]).toMatchObject({ compareToken: token });
    await store.getState().cancel();
    expect(calls).toEqual(['cancel:sync-']);
    release();
    await comparing;
    expect(store.getState().token).toBeNull();
  });
});
