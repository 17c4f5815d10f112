import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../shared/errors';
import type { ObjectVersion, VersioningState } from '../../../../shared/versions';
import { createVersioningStore, stateOf, versionUri, type VersioningApi } from './versioning-store';

const PLACE = { connectionId: 'c1', bucket: 'b' };
const v = (versionId: string, over: Partial<ObjectVersion> = {}): ObjectVersion => ({
  key: 'a.txt', versionId, isLatest: false, isDeleteMarker: false, size: 3, etag: '"e"', lastModified: 1_000, storageClass: 'STANDARD', ...over,
});

function fake(calls: string[], initial: VersioningState = 'enabled') {
  let state = initial;
  let versions = [v('v2', { isLatest: true }), v('v1')];
  const api: VersioningApi = {
    versioningState: async () => (calls.push('state'), ok({ state })),
    setVersioning: async (r) => {
      calls.push(`set:${String(r.enabled)}`);
      state = r.enabled ? 'enabled' : 'suspended';
      return ok({ state });
    },
    listVersions: async (r) => (calls.push(`list:${r.key}:${String(r.refresh ?? false)}`), ok({ key: r.key, versions })),
    restoreVersion: async (r) => {
      calls.push(`restore:${r.versionId}`);
      versions = [v('v3', { isLatest: true }), ...versions.map((x) => ({ ...x, isLatest: false }))];
      return ok({ restored: true as const });
    },
    deleteVersion: async (r) => (calls.push(`delete:${r.versionId}`), fail('NoSuchVersion', `a.txt has no version ${r.versionId} any more`)),
    previewObject: async (r) => {
      calls.push(`preview:${r.key}:${r.versionId ?? 'current'}`);
      return ok({ kind: 'text', text: `bytes of ${r.versionId ?? 'current'}`, truncated: false, size: 11, contentType: null });
    },
  };
  return api;
}

describe('versioning store', () => {
  it('asks a bucket its state once, and again only on refresh', async () => {
    const calls: string[] = [];
    const store = createVersioningStore(fake(calls, 'never'), { writeClipboard: async () => {} });
    expect(await store.getState().ensureState(PLACE)).toBe('never');
    expect(await store.getState().ensureState(PLACE)).toBe('never');
    expect(calls).toEqual(['state']);
    expect(stateOf(store.getState().states, PLACE)).toBe('never');
    expect(stateOf(store.getState().states, { connectionId: 'c1', bucket: 'other' })).toBeNull();
    await store.getState().ensureState(PLACE, true);
    expect(calls).toEqual(['state', 'state']);
  });

  it('enables or suspends only after the confirmation', async () => {
    const calls: string[] = [];
    const store = createVersioningStore(fake(calls, 'enabled'), { writeClipboard: async () => {} });
    await store.getState().openDialog(PLACE);
    store.getState().askChange('suspend');
    expect(calls).toEqual(['state']);
    expect(store.getState().dialog?.confirm).toBe('suspend');
    await store.getState().confirmChange();
    expect(calls).toEqual(['state', 'set:false']);
    expect(stateOf(store.getState().states, PLACE)).toBe('suspended');
    expect(store.getState().dialog?.confirm).toBeNull();
  });

  it('restores a version as current after confirming, then lists afresh', async () => {
    const calls: string[] = [];
    const store = createVersioningStore(fake(calls), { writeClipboard: async () => {} });
    await store.getState().openPanel(PLACE, 'a.txt');
    expect(store.getState().panel?.versions.map((x) => x.versionId)).toEqual(['v2', 'v1']);
    const old = store.getState().panel!.versions[1]!;
    store.getState().ask('restore', old);
    expect(calls).toEqual(['list:a.txt:false']);
    await store.getState().confirmAsk();
    expect(calls).toEqual(['list:a.txt:false', 'restore:v1', 'list:a.txt:true']);
    const panel = store.getState().panel!;
    expect(panel.versions.map((x) => x.versionId)).toEqual(['v3', 'v2', 'v1']);
    expect(panel.notice).toMatch(/new current version; no version was deleted/);
  });

  it('previews an old version by its id, not the current one', async () => {
    const calls: string[] = [];
    const store = createVersioningStore(fake(calls), { writeClipboard: async () => {} });
    await store.getState().openPanel(PLACE, 'a.txt');
    await store.getState().previewVersion(store.getState().panel!.versions[1]!);
    expect(calls).toEqual(['list:a.txt:false', 'preview:a.txt:v1']);
    const preview = store.getState().panel!.preview!;
    expect(preview.status).toBe('ready');
    expect(preview.version.versionId).toBe('v1');
    expect(preview.value).toMatchObject({ kind: 'text', text: 'bytes of v1' });
    store.getState().closePreview();
    expect(store.getState().panel!.preview).toBeNull();
  });

  it('names a version deleted behind the app’s back', async () => {
    const store = createVersioningStore(fake([]), { writeClipboard: async () => {} });
    await store.getState().openPanel(PLACE, 'a.txt');
    store.getState().ask('delete', store.getState().panel!.versions[1]!);
    await store.getState().confirmAsk();
    expect(store.getState().panel?.error).toMatchObject({ code: 'NoSuchVersion', title: 'Version gone' });
    expect(store.getState().panel?.error?.detail).toContain('no version v1');
  });

  it('copies a version URI the CLI accepts', async () => {
    const copied: string[] = [];
    const store = createVersioningStore(fake([]), { writeClipboard: async (t) => void copied.push(t) });
    await store.getState().openPanel(PLACE, 'a.txt');
    await store.getState().copyText(versionUri('b', 'dir/a b.txt', 'x+y'), 'version URI');
    expect(copied).toEqual(['s3://b/dir/a b.txt?versionId=x%2By']);
    expect(store.getState().panel?.notice).toBe('Copied the version URI.');
  });
});
