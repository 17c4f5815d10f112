import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CoreFixture, listFolder, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import type { IpcEvents } from '../../shared/ipc';
import type { Entry } from '../../shared/types';

let f: CoreFixture;
const events: Array<IpcEvents['cache:changed']> = [];

async function list(bucket: string, prefix: string) {
  return f.core.handlers['objects:list']({ connectionId: f.connectionId, bucket, prefix });
}
const listAll = async (bucket: string, prefix: string): Promise<Entry[]> => (await listFolder(f, bucket, prefix)).entries;
const keysOf = (entries: readonly Entry[]) => entries.map((e) => `${e.kind === 'folder' ? 'D ' : 'F '}${e.key}`).sort();

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

const NFC = 'caf\u00e9.txt';
const NFD = 'cafe\u0301.txt';
const SPECIAL = ['with space.txt', NFC, NFD, 'plus+sign.txt', 'percent%20and%.txt', 'hash#.txt', 'what?.txt', 'amp&x=1.txt', '日本語 ファイル.md', 'emoji-🙂.txt'];

beforeAll(async () => {
  f = await startCoreFixture({
    events: (channel, payload) => {
      if (channel === 'cache:changed') events.push(payload as IpcEvents['cache:changed']);
    },
  });
  await f.server.seed('tree', [
    ['deep/only/a/x.txt', 'x'],
    ['deep/only/b/y.txt', 'y'],
    ['deep/only/b/z/w.txt', 'w'],
  ]);
  await f.server.seed('keys', [
    ...SPECIAL.map((name): [string, string] => [`weird/${name}`, name]),
    ['weird/folder/', ''],
    ['weird/sub dir+é#?/inner.txt', 'inner'],
  ]);
  await f.server.seed('inv', [
    ['a/b/f.txt', 'old'],
    ['a/b/keep.txt', 'keep'],
    ['a/c.txt', 'c'],
    ['top.txt', 'top'],
  ]);
  await f.server.seed('misc', [
    ['h/file.txt', 'hello head'],
    ['slow/one.txt', '1'],
  ]);
});
afterAll(() => f.close());
afterEach(() => {
  f.proxy.clearRules();
  f.proxy.setDelay(0);
});

describe('listing shapes and keys, counted on the wire', () => {
  it('shows folders for prefixes that hold only sub-prefixes', async () => {
    f.proxy.reset();
    expect(keysOf(await listAll('tree', ''))).toEqual(['D deep/']);
    expect(keysOf(await listAll('tree', 'deep/'))).toEqual(['D deep/only/']);
    expect(keysOf(await listAll('tree', 'deep/only/'))).toEqual(['D deep/only/a/', 'D deep/only/b/']);
    expect(keysOf(await listAll('tree', 'deep/only/b/'))).toEqual(['D deep/only/b/z/', 'F deep/only/b/y.txt']);
    expect(f.proxy.count('ListObjectsV2')).toBe(4);
    expect(f.proxy.count()).toBe(4);
    const stats = unwrap(
      await f.core.handlers['objects:stat']({ connectionId: f.connectionId, bucket: 'tree', keys: ['deep/', 'deep/only/', 'deep/only/b/z/'] }),
    );
    expect(stats.map((s) => s.ok && s.stat.kind)).toEqual(['folder', 'folder', 'folder']);
    expect(f.proxy.count()).toBe(4);
  });

  it('lists and stats keys with spaces, unicode (NFC and NFD distinct), +, %, #, ?, & and folder markers with 0 HEAD', async () => {
    f.proxy.reset();
    const entries = await listAll('keys', 'weird/');
    const expected = [
      ...SPECIAL.map((n) => `F weird/${n}`),
      'D weird/folder/',
      'D weird/sub dir+é#?/',
    ].sort();
    expect(keysOf(entries)).toEqual(expected);
    const nfc = entries.find((e) => e.key === `weird/${NFC}`);
    const nfd = entries.find((e) => e.key === `weird/${NFD}`);
    expect(nfc && nfd && nfc !== nfd).toBe(true);
    expect(nfc).toMatchObject({ kind: 'object', size: Buffer.byteLength(NFC) });
    expect(nfd).toMatchObject({ kind: 'object', size: Buffer.byteLength(NFD) });

    const inner = await listAll('keys', 'weird/sub dir+é#?/');
    expect(keysOf(inner)).toEqual(['F weird/sub dir+é#?/inner.txt']);
    expect(keysOf(await listAll('keys', 'weird/folder/'))).toEqual([]);
    expect(f.proxy.count('ListObjectsV2')).toBe(3);

    const all = [...entries, ...inner].map((e) => e.key);
    const stats = unwrap(await f.core.handlers['objects:stat']({ connectionId: f.connectionId, bucket: 'keys', keys: all }));
    expect(stats.filter((s) => !s.ok)).toEqual([]);
    expect(stats.find((s) => s.key === `weird/${NFD}`)).toMatchObject({ ok: true, stat: { key: `weird/${NFD}`, size: Buffer.byteLength(NFD) } });
    expect(stats.find((s) => s.key === 'weird/folder/')).toMatchObject({ ok: true, stat: { kind: 'folder' } });
    expect(f.proxy.count('HeadObject')).toBe(0);
    expect(f.proxy.count()).toBe(3);
    // What the server holds is what we listed, byte for byte.
    expect((await f.server.keys('keys', 'weird/')).filter((k) => !k.slice(6).includes('/'))).toEqual(
      SPECIAL.map((n) => `weird/${n}`).sort(),
    );
  });
});

describe('invalidation through core.context.invalidate', () => {
  it('refreshes a/b/ after a new marker a/b/new/ and a changed a/b/f.txt, with one request, and says so', async () => {
    await listAll('inv', '');
    await listAll('inv', 'a/');
    await listAll('inv', 'a/b/');
    await f.server.seed('inv', [
      ['a/b/new/', ''],
      ['a/b/f.txt', 'a longer body'],
    ]);
    f.proxy.reset();
    events.length = 0;
    f.core.context.invalidate(f.connectionId, 'inv', [
      { key: 'a/b/new/', change: 'put' },
      { key: 'a/b/f.txt', change: 'put' },
    ]);
    expect(events).toEqual([{ connectionId: f.connectionId, bucket: 'inv', prefixes: ['a/b/'] }]);

    const after = await listAll('inv', 'a/b/');
    expect(f.proxy.count('ListObjectsV2')).toBe(1);
    expect(f.proxy.log[0]?.query.get('prefix')).toBe('a/b/');
    expect(keysOf(after)).toEqual(['D a/b/new/', 'F a/b/f.txt', 'F a/b/keep.txt']);
    expect(after.find((e) => e.key === 'a/b/f.txt')).toMatchObject({ size: 'a longer body'.length });
    const [stat] = unwrap(await f.core.handlers['objects:stat']({ connectionId: f.connectionId, bucket: 'inv', keys: ['a/b/f.txt'] }));
    expect(stat).toMatchObject({ ok: true, stat: { size: 'a longer body'.length } });

    // Nothing above a/b/ changed: a/ and the root still come from the cache.
    await listAll('inv', 'a/');
    await listAll('inv', '');
    expect(f.proxy.count()).toBe(1);
  });

  it('refreshes the root for a top-level key, and only the root', async () => {
    await listAll('inv', '');
    await listAll('inv', 'a/');
    await f.server.seed('inv', [['new-top.txt', 'n']]);
    f.proxy.reset();
    events.length = 0;
    f.core.context.invalidate(f.connectionId, 'inv', [{ key: 'new-top.txt', change: 'put' }]);
    expect(events).toEqual([{ connectionId: f.connectionId, bucket: 'inv', prefixes: [''] }]);
    expect(keysOf(await listAll('inv', ''))).toEqual(['D a/', 'F new-top.txt', 'F top.txt']);
    await listAll('inv', 'a/');
    expect(f.proxy.count('ListObjectsV2')).toBe(1);
    expect(f.proxy.log[0]?.query.get('prefix')).toBeNull();
  });

  it('does not cache a listing that was in flight when its folder was invalidated', async () => {
    await f.server.seed('inv', [['race/one.txt', '1']]);
    f.proxy.reset();
    // The listing waits at the proxy until the folder has been invalidated.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    f.proxy.addRule((w) => (w.operation === 'ListObjectsV2' ? { kind: 'hold', until: gate } : undefined));
    const inFlight = listAll('inv', 'race/');
    await expect.poll(() => f.proxy.count('ListObjectsV2')).toBe(1);
    await f.server.seed('inv', [['race/two.txt', '2']]);
    f.core.context.invalidate(f.connectionId, 'inv', [{ key: 'race/two.txt', change: 'put' }]);
    release();
    await inFlight;
    f.proxy.clearRules();
    expect(keysOf(await listAll('inv', 'race/'))).toEqual(['F race/one.txt', 'F race/two.txt']);
    expect(f.proxy.count('ListObjectsV2')).toBe(2);
  });
});

describe('errors are never an empty folder', () => {
  it('a 403 from the server is AccessDenied and caches nothing', async () => {
    f.proxy.reset();
    f.proxy.addRule((r) => (r.operation === 'ListObjectsV2' ? { kind: 'deny' } : undefined));
    const denied = await list('misc', 'h/');
    expect(denied).toMatchObject({ ok: false, error: { code: 'AccessDenied' } });
    expect(f.proxy.count('ListObjectsV2')).toBe(1);
    f.proxy.clearRules();
    expect(keysOf(await listAll('misc', 'h/'))).toEqual(['F h/file.txt']);
    expect(f.proxy.count('ListObjectsV2')).toBe(2);
  });

  it('a 403 on HEAD is AccessDenied', async () => {
    f.proxy.addRule((r) => (r.operation === 'HeadObject' ? { kind: 'deny' } : undefined));
    const denied = await f.core.handlers['objects:head']({ connectionId: f.connectionId, bucket: 'misc', key: 'h/file.txt' });
    expect(denied).toMatchObject({ ok: false, error: { code: 'AccessDenied' } });
  });

  it('a missing bucket is NoSuchBucket', async () => {
    expect(await list('no-such-bucket', '')).toMatchObject({ ok: false, error: { code: 'NoSuchBucket' } });
  });

  it('a closed port is Network', async () => {
    const port = await closedPort();
    const added = unwrap(
      await f.core.handlers['connections:add']({
        name: 'closed',
        endpoint: `http://127.0.0.1:${port}`,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { ...f.server.credentials },
      }),
    );
    const result = await f.core.handlers['objects:list']({ connectionId: added.id, bucket: 'misc', prefix: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'Network' } });
  });

  it('503 SlowDown every time is Throttled after the SDK retries (4 attempts on the wire)', async () => {
    f.proxy.reset();
    f.proxy.addRule((r) => (r.operation === 'ListObjectsV2' ? { kind: 'slowdown' } : undefined));
    const result = await list('misc', 'slow/');
    expect(result).toMatchObject({ ok: false, error: { code: 'Throttled' } });
    expect(f.proxy.count('ListObjectsV2')).toBe(4);
    expect(f.proxy.log.every((r) => r.status === 503)).toBe(true);
  });

  it('503 SlowDown once, then OK, is a success', async () => {
    f.proxy.reset();
    let denied = 0;
    f.proxy.addRule((r) => (r.operation === 'ListObjectsV2' && denied++ === 0 ? { kind: 'slowdown' } : undefined));
    expect(keysOf(await listAll('misc', 'slow/'))).toEqual(['F slow/one.txt']);
    expect(f.proxy.log.map((r) => r.status)).toEqual([503, 200]);
  });
});

describe('request economy', () => {
  it('two concurrent identical list calls make one request', async () => {
    await f.server.seed('misc', [['twice/a.txt', 'a']]);
    f.proxy.reset();
    const [one, two] = await Promise.all([list('misc', 'twice/'), list('misc', 'twice')]);
    expect(unwrap(one).entries).toEqual(unwrap(two).entries);
    expect(unwrap(one).entries).toHaveLength(1);
    expect(f.proxy.count()).toBe(1);
  });

  it('objects:head makes one HeadObject, then answers from the cache and feeds stat', async () => {
    await f.server.seed('misc', [['headonly/doc.txt', 'hello head']]);
    f.proxy.reset();
    const first = unwrap(await f.core.handlers['objects:head']({ connectionId: f.connectionId, bucket: 'misc', key: 'headonly/doc.txt' }));
    expect(first).toMatchObject({ key: 'headonly/doc.txt', size: 'hello head'.length });
    const second = unwrap(await f.core.handlers['objects:head']({ connectionId: f.connectionId, bucket: 'misc', key: 'headonly/doc.txt' }));
    expect(second).toEqual(first);
    const [stat] = unwrap(await f.core.handlers['objects:stat']({ connectionId: f.connectionId, bucket: 'misc', keys: ['headonly/doc.txt'] }));
    expect(stat).toMatchObject({ ok: true, stat: { kind: 'object', size: 'hello head'.length, etag: first.etag } });
    expect(f.proxy.count('HeadObject')).toBe(1);
    expect(f.proxy.count()).toBe(1);
  });
});
