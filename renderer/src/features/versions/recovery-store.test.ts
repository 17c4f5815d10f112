import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../shared/errors';
import type { OperationProgress } from '../../../../shared/operations';
import type { CacheStats } from '../../../../shared/types';
import { createRecoveryStore, type RecoveryApi, reportSentence } from './recovery-store';

const HERE = { connectionId: 'c1', bucket: 'b', prefix: 'docs/' };

/** A fake main whose wire counter moves by one ListObjectVersions per version listing, as the real one does. */
function fake(calls: string[], over: Partial<RecoveryApi> = {}) {
  let listVersions = 0;
  const stats = (): CacheStats => ({ hits: 0, misses: 0, entries: 0, approxBytes: 0, requests: { ListObjectsV2: 7, ListObjectVersions: listVersions } });
  const api: RecoveryApi = {
    cacheStats: async () => ok(stats()),
    listDeleted: async (r) => {
      calls.push(`deleted:${r.prefix}:${String(r.refresh ?? false)}`);
      listVersions += 1;
      return ok([{ kind: 'object', key: `${r.prefix}gone.txt`, deletedAt: 5 }, { kind: 'folder', key: `${r.prefix}old/` }]);
    },
    listAsOf: async (r) => (calls.push(`as-of:${r.prefix}:${r.at}`), ok([{ kind: 'object', key: `${r.prefix}a.txt`, changedSince: true }])),
    planUndelete: async (r) => (calls.push(`plan-undelete:${r.items.map((i) => `${i.kind}:${i.key}`).join(',')}`), ok({ planId: 'u1', kind: 'undelete', markers: 3, sample: ['docs/gone.txt'] })),
    planRestore: async (r) =>
      (calls.push(`plan-restore:${r.at}:${String(r.hideNewer)}`), ok({ planId: `r-${String(r.hideNewer)}`, kind: 'restore', at: r.at, copies: 2, bytes: 10, hides: r.hideNewer ? 1 : 0, sample: [] })),
    runVersionsPlan: async (r) => (calls.push(`run:${r.planId}`), ok({ planId: r.planId, done: 2, failed: [{ key: 'docs/x', versionId: 'm', code: 'AccessDenied', message: 'denied' }], notRun: 0, cancelled: false })),
    cancelVersionsPlan: async (r) => (calls.push(`cancel:${r.planId}`), ok({ cancelled: true })),
    onOperationProgress: () => () => {},
    discardVersionsPlan: async (r) => (calls.push(`discard:${r.planId}`), ok({ discarded: true })),
    ...over,
  };
  return api;
}

describe('recovery store', () => {
  it('sends nothing while Show deleted and View as of are off', async () => {
    const calls: string[] = [];
    const store = createRecoveryStore(fake(calls));
    await store.getState().placeChanged(HERE);
    await store.getState().placeChanged({ ...HERE, prefix: 'other/' });
    expect(calls).toEqual([]);
    expect(store.getState().listRequests).toBe(0);
  });

  it('Show deleted lists each folder it visits and counts the ListObjectVersions it cost', async () => {
    const calls: string[] = [];
    const store = createRecoveryStore(fake(calls));
    await store.getState().toggleShowDeleted(HERE);
    expect(store.getState().deleted.entries.map((e) => e.key)).toEqual(['docs/gone.txt', 'docs/old/']);
    await store.getState().placeChanged({ ...HERE, prefix: 'docs/old/' });
    expect(calls).toEqual(['deleted:docs/:false', 'deleted:docs/old/:false']);
    expect(store.getState().listRequests).toBe(2);
    await store.getState().toggleShowDeleted(HERE);
    expect(store.getState().showDeleted).toBe(false);
    expect(store.getState().deleted.entries).toEqual([]);
    await store.getState().placeChanged(HERE);
    expect(calls).toHaveLength(2);
  });

  it('a denied version listing is an error of Show deleted only, with main’s words kept', async () => {
    const store = createRecoveryStore(
      fake([], { listDeleted: async () => fail('AccessDenied', 'these credentials may not list versions (s3:ListBucketVersions); browsing is not affected') }),
    );
    await store.getState().toggleShowDeleted(HERE);
    const { deleted } = store.getState();
    expect(deleted.status).toBe('error');
    expect(deleted.error?.code).toBe('AccessDenied');
    expect(deleted.error?.detail).toContain('s3:ListBucketVersions');
  });

  it('undelete plans the selected files and folders, runs only when asked, and reports what failed', async () => {
    const calls: string[] = [];
    const store = createRecoveryStore(fake(calls));
    await store.getState().toggleShowDeleted(HERE);
    await store.getState().planUndelete(HERE, ['docs/gone.txt', 'docs/old/']);
    expect(store.getState().plan).toMatchObject({ stage: 'ready', plan: { markers: 3 } });
    expect(calls.at(-1)).toBe('plan-undelete:object:docs/gone.txt,folder:docs/old/');
    await store.getState().runPlan();
    const plan = store.getState().plan!;
    expect(plan.stage).toBe('done');
    expect(reportSentence('undelete', plan.report!)).toBe('2 delete markers done, 1 failed.');
    // What changed was dropped from main's cache: Show deleted lists the folder afresh.
    expect(calls.slice(-2)).toEqual(['run:u1', 'deleted:docs/:true']);
  });

  it('shows the run’s live counts from main, and cancels it', async () => {
    const calls: string[] = [];
    let listener: ((p: OperationProgress) => void) | null = null;
    let finish!: () => void;
    const store = createRecoveryStore(
      fake(calls, {
        onOperationProgress: (l) => {
          listener = l;
          return () => (listener = null);
        },
        runVersionsPlan: (r) =>
          new Promise((resolve) => {
            finish = () => resolve(ok({ planId: r.planId, done: 1000, failed: [], notRun: 1500, cancelled: true }));
          }),
      }),
    );
    await store.getState().planUndelete(HERE, ['docs/old/']);
    const running = store.getState().runPlan();
    expect(store.getState().plan?.stage).toBe('running');
    const tick = { kind: 'undelete' as const, total: 2500, done: 1000, failed: 0, bytesTotal: 0, bytesDone: 0, finished: false };
    listener!({ ...tick, operationId: 'another-run', done: 7 });
    expect(store.getState().plan?.progress).toBeNull();
    listener!({ ...tick, operationId: 'u1' });
    expect(store.getState().plan?.progress).toMatchObject({ done: 1000, total: 2500 });
    await store.getState().cancelPlan();
    expect(calls.at(-1)).toBe('cancel:u1');
    expect(store.getState().plan?.cancelling).toBe(true);
    finish();
    await running;
    expect(listener).toBeNull();
    const plan = store.getState().plan!;
    expect(plan.stage).toBe('done');
    expect(reportSentence('undelete', plan.report!)).toBe('1000 delete markers done, 1500 not run (cancelled before them).');
  });

  it('View as of shows the past, follows folders at the same instant, and returns to now', async () => {
    const calls: string[] = [];
    const store = createRecoveryStore(fake(calls));
    store.getState().openAsOfPicker(HERE);
    await store.getState().viewAsOf(HERE, 1234);
    expect(store.getState().asOfPicker).toBeNull();
    expect(store.getState().asOf).toMatchObject({ at: 1234, status: 'ready' });
    await store.getState().placeChanged({ ...HERE, prefix: 'docs/sub/' });
    expect(calls).toEqual(['as-of:docs/:1234', 'as-of:docs/sub/:1234']);
    store.getState().backToNow();
    expect(store.getState().asOf).toBeNull();
  });

  it('restore counts again when "hide keys created since" changes, and discards the plan it replaces', async () => {
    const calls: string[] = [];
    const store = createRecoveryStore(fake(calls));
    await store.getState().viewAsOf(HERE, 99);
    await store.getState().planRestore(HERE, 99);
    expect(store.getState().plan).toMatchObject({ hideNewer: false, plan: { copies: 2, hides: 0 } });
    await store.getState().setHideNewer(true);
    expect(store.getState().plan).toMatchObject({ hideNewer: true, plan: { hides: 1 } });
    expect(calls).toEqual(['as-of:docs/:99', 'plan-restore:99:false', 'discard:r-false', 'plan-restore:99:true']);
    store.getState().closePlan();
    expect(calls.at(-1)).toBe('discard:r-true');
  });
});
