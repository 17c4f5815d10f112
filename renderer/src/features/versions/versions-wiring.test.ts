import { describe, expect, it } from 'vitest';
import { ok } from '../../../../shared/errors';
import type { ConnectionSummary } from '../../../../shared/types';
import type { VersioningState } from '../../../../shared/versions';
import { createFakeApi, objects } from '../../../../testkit/renderer/fake-browser-api';
import { createBrowserStore, createSelectors } from '../browser';
import { createVersionsWiring, followBrowser, type VersionsApi } from './versions-wiring';

const connection: ConnectionSummary = { id: 'c1', name: 'test', endpoint: 'http://127.0.0.1:1', region: 'us-east-1', forcePathStyle: true, accessKeyHint: null };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function versionsApi(calls: string[], state: VersioningState): VersionsApi {
  return {
    versioningState: async () => (calls.push('state'), ok({ state })),
    setVersioning: async () => ok({ state: 'enabled' }),
    listVersions: async (r) => ok({ key: r.key, versions: [] }),
    restoreVersion: async () => ok({ restored: true as const }),
    deleteVersion: async () => ok({ deleted: true as const }),
    previewObject: async () => ok({ kind: 'text', text: '', truncated: false, size: 0, contentType: null }),
    cacheStats: async () => ok({ hits: 0, misses: 0, entries: 0, approxBytes: 0, requests: {} }),
    listDeleted: async (r) => (calls.push(`deleted:${r.prefix}`), ok([{ kind: 'object', key: `${r.prefix}gone.txt`, deletedAt: 9 }])),
    listAsOf: async () => ok([]),
    planUndelete: async () => ok({ planId: 'u', kind: 'undelete', markers: 0, sample: [] }),
    planRestore: async (r) => ok({ planId: 'r', kind: 'restore', at: r.at, copies: 0, bytes: 0, hides: 0, sample: [] }),
    runVersionsPlan: async (r) => ok({ planId: r.planId, done: 0, failed: [], notRun: 0, cancelled: false }),
    discardVersionsPlan: async () => ok({ discarded: true }),
    cancelVersionsPlan: async () => ok({ cancelled: false }),
    onOperationProgress: () => () => {},
  };
}

function setup(state: VersioningState = 'enabled') {
  const fake = createFakeApi();
  fake.setFolder('bucket', '', [objects('', 0, 2)]);
  fake.setFolder('bucket', 'sub/', [objects('sub/', 0, 1)]);
  const browser = createBrowserStore(fake.api);
  const calls: string[] = [];
  const wiring = createVersionsWiring(versionsApi(calls, state), { writeClipboard: async () => {} });
  const stop = followBrowser(browser, wiring);
  const keys = () => createSelectors().selectVisible(browser.getState()).rows.map((r) => `${r.key}${r.deleted ? ' (deleted)' : ''}`);
  return { browser, wiring, calls, stop, keys };
}

describe('versions wiring', () => {
  it('shows deleted files as greyed rows of the browser’s own table, per folder, and none once off', async () => {
    const { browser, wiring, calls, keys, stop } = setup();
    await browser.getState().openConnection(connection, 'bucket');
    const place = { connectionId: 'c1', bucket: 'bucket', prefix: '' };
    await wiring.whenVersioned(place, 'Show deleted', () => wiring.recovery.getState().toggleShowDeleted(place));
    expect(keys()).toEqual(['f0', 'f1', 'gone.txt (deleted)']);
    await browser.getState().navigate({ bucket: 'bucket', prefix: 'sub/' });
    await settle();
    expect(keys()).toEqual(['sub/f0', 'sub/gone.txt (deleted)']);
    expect(calls).toEqual(['state', 'deleted:', 'deleted:sub/']);
    await wiring.recovery.getState().toggleShowDeleted({ ...place, prefix: 'sub/' });
    expect(keys()).toEqual(['sub/f0']);
    stop();
  });

  it('on a bucket that never had versioning, explains in the versioning dialog instead of acting', async () => {
    const { wiring, calls } = setup('never');
    let ran = false;
    await wiring.whenVersioned({ connectionId: 'c1', bucket: 'bucket' }, 'Show deleted', async () => void (ran = true));
    expect(ran).toBe(false);
    expect(wiring.versioning.getState().dialog?.why).toBe('Show deleted needs versioning, and this bucket has never had it.');
    expect(calls).toEqual(['state', 'state']);
  });
});
