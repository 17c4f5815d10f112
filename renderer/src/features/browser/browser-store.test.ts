import { describe, expect, it, vi } from 'vitest';
import type { ConnectionSummary } from '../../../../shared/types';
import { createBrowserStore } from './browser-store';
import { createFakeApi, folderEntry, objects } from '../../../../testkit/renderer/fake-browser-api';
import { createSelectors } from './selectors';

const connection: ConnectionSummary = { id: 'c1', name: 'test', endpoint: 'http://127.0.0.1:1', region: 'us-east-1', forcePathStyle: true, accessKeyHint: null };

function setup() {
  const fake = createFakeApi();
  fake.setFolder('bucket', '', [[folderEntry('a/'), folderEntry('b/'), ...objects('', 0, 3)]]);
  fake.setFolder('bucket', 'a/', [[folderEntry('a/deep/'), ...objects('a/', 0, 2)]]);
  fake.setFolder('bucket', 'a/deep/', [objects('a/deep/', 0, 1)]);
  fake.setFolder('bucket', 'b/', [objects('b/', 0, 2)]);
  const store = createBrowserStore(fake.api);
  return { fake, store, s: () => store.getState() };
}

/** Let pending promise chains run (the fake answers in microtasks). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('browser store: navigation', () => {
  it('opens a connection at its bucket list, then a bucket', async () => {
    const { store, s, fake } = setup();
    await s().openConnection(connection);
    expect(s().location).toEqual({ bucket: null, prefix: '' });
    expect(s().buckets.buckets.map((b) => b.name)).toEqual(['bucket']);
    await s().openBucket('bucket');
    expect(s().listing.status).toBe('ready');
    expect(s().listing.complete).toBe(true);
    expect(s().listing.rows.map((r) => r.key)).toEqual(['a/', 'b/', 'f0', 'f1', 'f2']);
    expect(fake.callsOf('listObjects')).toEqual([{ connectionId: 'c1', bucket: 'bucket', prefix: '', cursor: null }]);
    void store;
  });

  it('goes down with openEntry, up to the parent and to the bucket list, back and forward', async () => {
    const { s } = setup();
    await s().openConnection(connection, 'bucket');
    await s().openEntry('a/');
    await s().openEntry('a/deep/');
    expect(s().location.prefix).toBe('a/deep/');
    await s().up();
    expect(s().location.prefix).toBe('a/');
    await s().goBack();
    expect(s().location.prefix).toBe('a/deep/');
    await s().goBack();
    await s().goBack();
    expect(s().location).toEqual({ bucket: 'bucket', prefix: '' });
    await s().goForward();
    expect(s().location.prefix).toBe('a/');
    await s().up();
    await s().up();
    expect(s().location).toEqual({ bucket: null, prefix: '' });
    // A new navigation clears the forward history.
    await s().goBack();
    await s().openEntry('b/');
    expect(s().forward).toEqual([]);
  });

  it('takes s3:// addresses and rejects ones without a bucket', async () => {
    const { s } = setup();
    await s().openConnection(connection);
    expect(await s().goToAddress('s3://bucket/a/deep')).toBe(true);
    expect(s().location).toEqual({ bucket: 'bucket', prefix: 'a/deep/' });
    expect(await s().goToAddress('s3://')).toBe(true);
    expect(s().location.bucket).toBeNull();
    expect(await s().goToAddress('s3:///')).toBe(true);
    expect(await s().goToAddress('bad bucket/x')).toBe(false);
    expect(s().addressError).toMatch(/Not an S3 location/);
    expect(s().location.bucket).toBeNull();
  });

  it('opening an object shows its info instead of navigating', async () => {
    const { s, fake } = setup();
    await s().openConnection(connection, 'bucket');
    await s().openEntry('f1');
    expect(s().location.prefix).toBe('');
    expect(s().info.key).toBe('f1');
    expect(s().info.stat).not.toBeNull();
    expect(fake.callsOf('headObject')).toEqual([]);
    await s().loadHead();
    expect(fake.callsOf('headObject')).toEqual([{ connectionId: 'c1', bucket: 'bucket', key: 'f1' }]);
    expect(s().info.head?.contentType).toBe('text/plain');
  });
});

describe('browser store: streaming', () => {
  it('shows rows per page with a not-complete flag until the last page', async () => {
    const { s, fake } = setup();
    fake.setFolder('bucket', 'big/', [objects('big/', 0, 3), objects('big/', 3, 6), objects('big/', 6, 9)]);
    const release = fake.hold('bucket', 'big/', 2);
    await s().openConnection(connection, 'bucket');
    const done = s().navigate({ bucket: 'bucket', prefix: 'big/' });
    await vi.waitFor(() => expect(s().listing.pages).toBe(2));
    expect(s().listing.status).toBe('ready');
    expect(s().listing.complete).toBe(false);
    expect(s().listing.rows).toHaveLength(6);
    release();
    await done;
    expect(s().listing.complete).toBe(true);
    expect(s().listing.rows).toHaveLength(9);
  });

  it('navigating away stops the old folder: no further pages asked, late answers dropped', async () => {
    const { s, fake } = setup();
    fake.setFolder('bucket', 'big/', [objects('big/', 0, 3), objects('big/', 3, 6), objects('big/', 6, 9)]);
    const release = fake.hold('bucket', 'big/', 1);
    await s().openConnection(connection, 'bucket');
    void s().navigate({ bucket: 'bucket', prefix: 'big/' });
    await vi.waitFor(() => expect(s().listing.pages).toBe(1));
    await s().navigate({ bucket: 'bucket', prefix: 'b/' });
    release();
    await settle();
    await settle();
    expect(s().location.prefix).toBe('b/');
    expect(s().listing.rows.map((r) => r.key)).toEqual(['b/f0', 'b/f1']);
    const bigPages = fake.callsOf('listObjects').filter((r) => (r as { prefix: string }).prefix === 'big/');
    expect(bigPages.map((r) => (r as { cursor: string | null }).cursor)).toEqual([null, '1']);
  });

  it('Refresh passes refresh: true on every page and keeps rows visible meanwhile', async () => {
    const { s, fake } = setup();
    fake.setFolder('bucket', 'big/', [objects('big/', 0, 3), objects('big/', 3, 6)]);
    await s().openConnection(connection, 'bucket');
    await s().navigate({ bucket: 'bucket', prefix: 'big/' });
    fake.calls.length = 0;
    fake.setFolder('bucket', 'big/', [objects('big/', 0, 3), objects('big/', 3, 7)]);
    const release = fake.hold('bucket', 'big/', 0);
    const done = s().refresh();
    await settle();
    expect(s().listing.rows).toHaveLength(6);
    expect(s().listing.reloading).toBe(true);
    release();
    await done;
    expect(s().listing.rows).toHaveLength(7);
    expect(fake.callsOf('listObjects')).toEqual([
      { connectionId: 'c1', bucket: 'bucket', prefix: 'big/', cursor: null, refresh: true },
      { connectionId: 'c1', bucket: 'bucket', prefix: 'big/', cursor: '1', refresh: true },
    ]);
  });
});

describe('browser store: errors', () => {
  it('a failed folder is an error with no rows, never an empty folder; Retry lists again', async () => {
    const { s, fake } = setup();
    fake.failFolder('bucket', 'a/', { code: 'AccessDenied', message: 'objects:list: access denied' });
    await s().openConnection(connection, 'bucket');
    await s().openEntry('a/');
    expect(s().listing.status).toBe('error');
    expect(s().listing.error?.code).toBe('AccessDenied');
    expect(s().listing.rows).toEqual([]);
    fake.failFolder('bucket', 'a/', { code: 'AccessDenied', message: '' }, -1);
    await s().retry();
    expect(s().listing.status).toBe('ready');
    expect(s().listing.rows).toHaveLength(3);
  });

  it('a failure on a later page drops the partial rows', async () => {
    const { s, fake } = setup();
    fake.setFolder('bucket', 'big/', [objects('big/', 0, 3), objects('big/', 3, 6)]);
    fake.failFolder('bucket', 'big/', { code: 'Network', message: 'cannot reach the server' }, 1);
    await s().openConnection(connection, 'bucket');
    await s().navigate({ bucket: 'bucket', prefix: 'big/' });
    expect(s().listing.status).toBe('error');
    expect(s().listing.error?.code).toBe('Network');
    expect(s().listing.rows).toEqual([]);
  });
});

describe('browser store: stat discipline', () => {
  it('asks main only about keys the current listing returned', async () => {
    const { s, fake } = setup();
    await s().openConnection(connection, 'bucket');
    const refused = await s().statKeys(['f0', 'not-listed.txt']);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('InvalidInput');
    expect(fake.callsOf('statObjects')).toEqual([]);

    const allowed = await s().statKeys(['f0', 'a/']);
    expect(allowed.ok).toBe(true);
    expect(fake.callsOf('statObjects')).toEqual([{ connectionId: 'c1', bucket: 'bucket', keys: ['f0', 'a/'] }]);
  });

  it('forgets the old folder’s keys as soon as the user navigates', async () => {
    const { s, fake } = setup();
    await s().openConnection(connection, 'bucket');
    await s().openEntry('a/');
    expect((await s().statKeys(['f0'])).ok).toBe(false);
    expect((await s().statKeys(['a/f0'])).ok).toBe(true);
    await s().up();
    await s().up();
    expect((await s().statKeys(['f0'])).ok).toBe(false);
    expect(fake.callsOf('statObjects')).toHaveLength(1);
  });

  it('refuses while the new folder is still loading', async () => {
    const { s, fake } = setup();
    await s().openConnection(connection, 'bucket');
    const release = fake.hold('bucket', 'a/', 0);
    const done = s().openEntry('a/');
    await settle();
    expect((await s().statKeys(['f0'])).ok).toBe(false);
    expect((await s().statKeys(['a/f0'])).ok).toBe(false);
    release();
    await done;
    expect((await s().statKeys(['a/f0'])).ok).toBe(true);
  });
});

describe('browser store: cache changes and stats', () => {
  it('re-lists the current folder when main says its prefix changed, and only then', async () => {
    const { s, fake } = setup();
    const stop = s().start();
    await s().openConnection(connection, 'bucket');
    await s().openEntry('a/');
    const before = fake.callsOf('listObjects').length;
    fake.emit({ connectionId: 'c1', bucket: 'bucket', prefixes: ['b/', ''] });
    fake.emit({ connectionId: 'c1', bucket: 'other', prefixes: ['a/'] });
    fake.emit({ connectionId: 'c9', bucket: 'bucket', prefixes: ['a/'] });
    await settle();
    expect(fake.callsOf('listObjects')).toHaveLength(before);
    fake.setFolder('bucket', 'a/', [[folderEntry('a/deep/'), ...objects('a/', 0, 3)]]);
    fake.emit({ connectionId: 'c1', bucket: 'bucket', prefixes: ['a/', ''] });
    await vi.waitFor(() => expect(s().listing.rows).toHaveLength(4));
    expect(fake.callsOf('listObjects')).toHaveLength(before + 1);
    stop();
    fake.emit({ connectionId: 'c1', bucket: 'bucket', prefixes: ['a/'] });
    await settle();
    expect(fake.callsOf('listObjects')).toHaveLength(before + 1);
  });

  it('counts this view’s requests and cache hits from cache:stats deltas', async () => {
    const { s, fake } = setup();
    fake.requests = 40;
    fake.hits = 7;
    await s().openConnection(connection, 'bucket');
    await vi.waitFor(() => expect(s().viewStats).toEqual({ requests: 1, cacheHits: 0 }));
    await s().showInfo('f0');
    await s().loadHead();
    expect(s().viewStats).toEqual({ requests: 2, cacheHits: 1 });
    await s().openEntry('a/');
    await vi.waitFor(() => expect(s().viewStats).toEqual({ requests: 1, cacheHits: 0 }));
  });
});

describe('browser store: sort, filter, selection through the selectors', () => {
  it('sorts folders first, filters, and Ctrl+A selects what is visible', async () => {
    const { s } = setup();
    await s().openConnection(connection, 'bucket');
    const { selectVisible, selectSummary } = createSelectors();
    s().setSort('size');
    s().setSort('size');
    expect(selectVisible(s()).keys).toEqual(['a/', 'b/', 'f2', 'f1', 'f0']);
    s().setFilter('F');
    expect(selectVisible(s()).keys).toEqual(['f2', 'f1', 'f0']);
    s().selectAll(selectVisible(s()).keys);
    expect(selectSummary(s())).toMatchObject({ folders: 2, files: 3, totalBytes: 3, selectedCount: 3, selectedBytes: 3 });
    // Same inputs, same object: components do not re-render for nothing.
    expect(selectVisible(s())).toBe(selectVisible(s()));
  });

  it('drops selected keys that a re-list no longer returns', async () => {
    const { s, fake } = setup();
    await s().openConnection(connection, 'bucket');
    s().selectAll(['a/', 'f0', 'f1']);
    fake.setFolder('bucket', '', [[folderEntry('a/'), ...objects('', 1, 3)]]);
    await s().refresh();
    expect([...s().selection.selected].sort()).toEqual(['a/', 'f1']);
  });
});

describe('browser store: a transport failure', () => {
  it('shows a specific error with Retry instead of loading forever, the transport’s words kept as detail', async () => {
    const { s, fake } = setup();
    await s().openConnection(connection, 'bucket');
    fake.rejectFolder('bucket', 'a/', new Error('IPC channel closed'));
    await s().openEntry('a/');
    expect(s().listing.status).toBe('error');
    expect(s().listing.error).toMatchObject({ code: 'Unknown', title: 'The app stopped answering', detail: 'IPC channel closed' });
    expect(s().listing.error?.message).toMatch(/restart the app/);
    expect(s().listing.error?.message).not.toMatch(/IPC/);
    fake.rejectFolder('bucket', 'a/', null);
    await s().retry();
    expect(s().listing.status).toBe('ready');
  });

  it('shows a failed envelope as the code’s sentence, without the channel prefix', async () => {
    const { s, fake } = setup();
    await s().openConnection(connection, 'bucket');
    fake.failFolder('bucket', 'a/', { code: 'AccessDenied', message: 'objects:list: Access Denied' });
    await s().openEntry('a/');
    expect(s().listing.error).toMatchObject({ code: 'AccessDenied', title: 'Access denied', detail: 'Access Denied' });
    expect(s().listing.error?.message).not.toMatch(/objects:list/);
  });
});
