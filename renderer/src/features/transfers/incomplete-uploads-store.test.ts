import { describe, expect, it } from 'vitest';
import { ok } from '../../../../shared/errors';
import type { IncompleteUpload } from '../../../../shared/transfers';
import { createIncompleteUploadsStore } from './incomplete-uploads-store';

const upload = (key: string, bytes: number): IncompleteUpload => ({ key, uploadId: `id-${key}`, initiated: null, ageSeconds: 60, initiator: 'me', parts: 1, bytes });

function fakeApi() {
  const calls: Array<[string, unknown]> = [];
  let listed = [upload('a', 10), upload('b', 20)];
  const api = {
    listIncompleteUploads: async (r: unknown) => (calls.push(['list', r]), ok(listed)),
    planAbortUploads: async (r: { readonly uploads?: ReadonlyArray<{ readonly key: string }> }) => {
      calls.push(['plan', r]);
      const chosen = r.uploads ? listed.filter((u) => r.uploads!.some((x) => x.key === u.key)) : listed;
      return ok({ planId: 'p1', count: chosen.length, bytes: chosen.reduce((n, u) => n + u.bytes, 0), uploads: chosen });
    },
    runAbortUploads: async (r: unknown) => {
      calls.push(['run', r]);
      listed = listed.filter((u) => u.key !== 'a');
      return ok({ aborted: 1, failed: [] });
    },
  };
  return { api, calls };
}

describe('incomplete uploads store', () => {
  it('lists, plans one abort, runs it only on confirm, and lists again', async () => {
    const f = fakeApi();
    const store = createIncompleteUploadsStore(f.api);
    await store.getState().open({ connectionId: 'c', bucket: 'bk' });
    expect(store.getState().uploads?.map((u) => u.key)).toEqual(['a', 'b']);
    await store.getState().planAbort({ key: 'a', uploadId: 'id-a' });
    expect(store.getState().plan).toMatchObject({ count: 1, bytes: 10 });
    expect(f.calls.some(([name]) => name === 'run')).toBe(false);
    await store.getState().confirm();
    expect(store.getState().plan).toBeNull();
    expect(store.getState().message).toBe('Aborted 1 upload (1 part, 10 B): those parts are deleted and no longer billed.');
    expect(store.getState().busy).toBeNull();
    expect(store.getState().uploads?.map((u) => u.key)).toEqual(['b']);
    expect(f.calls.map(([name]) => name)).toEqual(['list', 'plan', 'run', 'list']);
    expect(f.calls[1]![1]).toEqual({ connectionId: 'c', bucket: 'bk', uploads: [{ key: 'a', uploadId: 'id-a' }] });
  });

  it('plans all without a list, and a cancelled plan runs nothing', async () => {
    const f = fakeApi();
    const store = createIncompleteUploadsStore(f.api);
    await store.getState().open({ connectionId: 'c', bucket: 'bk' });
    await store.getState().planAbort();
    expect(store.getState().plan).toMatchObject({ count: 2, bytes: 30 });
    store.getState().cancelPlan();
    await store.getState().confirm();
    expect(f.calls.map(([name]) => name)).toEqual(['list', 'plan']);
  });

  it('says so when the plan finds nothing left to abort, and lists again', async () => {
    const f = fakeApi();
    const store = createIncompleteUploadsStore(f.api);
    await store.getState().open({ connectionId: 'c', bucket: 'bk' });
    await store.getState().planAbort({ key: 'gone', uploadId: 'id-gone' });
    expect(store.getState().plan).toBeNull();
    expect(store.getState().message).toBe('Nothing to abort: the upload of “gone” is no longer open.');
    expect(f.calls.map(([name]) => name)).toEqual(['list', 'plan', 'list']);
  });

  it('names a failed abort and drops answers for a view closed meanwhile', async () => {
    const f = fakeApi();
    const store = createIncompleteUploadsStore({
      ...f.api,
      runAbortUploads: async () => ok({ aborted: 1, failed: [{ key: 'b', uploadId: 'id-b', message: 'Access denied' }] }),
    });
    await store.getState().open({ connectionId: 'c', bucket: 'bk' });
    await store.getState().planAbort();
    await store.getState().confirm();
    expect(store.getState()).toMatchObject({ failed: true, message: 'Aborted 1 of 2 uploads; 1 failed — b: Access denied' });

    const listing = store.getState().refresh();
    store.getState().close();
    await listing;
    expect(store.getState()).toMatchObject({ location: null, uploads: null, busy: null });
  });
});
