import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CoreFixture, listFolder, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { numberedKeys } from '../../testkit/s3-server';
import { currentLane } from '../../testkit/s3-lane';
import { createManualClock } from '../cache/clock';

const listAll = listFolder;

const clock = createManualClock();
let f: CoreFixture;

beforeAll(async () => {
  f = await startCoreFixture({ cache: { clock } });
  await f.server.seed('big', numberedKeys('folder/', 2500));
  await f.server.seed('big', [
    ['folder/sub-a/x.txt', 'x'],
    ['folder/sub-b/', ''],
  ]);
  if (currentLane() === 'fauxqs') await f.server.seed('huge', numberedKeys('many/', 20_000));
});
afterAll(() => f.close());
afterEach(() => f.proxy.clearRules());

describe('listing and stat through the cache, counted on the wire', () => {
  it('lists 2,500 objects in 3 ListObjectsV2 and then stats every key and sub-folder with 0 requests', async () => {
    f.proxy.reset();
    const { entries, pages } = await listAll(f, 'big', 'folder/');
    expect(pages).toBe(3);
    expect(f.proxy.count('ListObjectsV2')).toBe(3);
    expect(f.proxy.count()).toBe(3);
    const objects = entries.filter((e) => e.kind === 'object');
    const folders = entries.filter((e) => e.kind === 'folder').map((e) => e.key);
    expect(objects).toHaveLength(2500);
    expect(folders.sort()).toEqual(['folder/sub-a/', 'folder/sub-b/']);

    f.proxy.reset();
    const stats = unwrap(
      await f.core.handlers['objects:stat']({ connectionId: f.connectionId, bucket: 'big', keys: entries.map((e) => e.key) }),
    );
    expect(stats.every((s) => s.ok)).toBe(true);
    const first = stats.find((s) => s.key === 'folder/file-000000.txt');
    expect(first).toMatchObject({ ok: true, stat: { kind: 'object', size: 'body 0'.length } });
    expect(stats.find((s) => s.key === 'folder/sub-b/')).toMatchObject({ ok: true, stat: { kind: 'folder' } });
    expect(f.proxy.count()).toBe(0);
    expect(f.proxy.count('HeadObject')).toBe(0);
  });

  it('answers a revisit within the TTL from the cache and refetches after it', async () => {
    await listAll(f, 'big', 'folder/');
    f.proxy.reset();
    const again = await listAll(f, 'big', 'folder/');
    expect(again.entries).toHaveLength(2502);
    expect(f.proxy.count()).toBe(0);

    clock.advance(5 * 60_000 + 1);
    const later = await listAll(f, 'big', 'folder/');
    expect(later.entries).toHaveLength(2502);
    expect(f.proxy.count('ListObjectsV2')).toBe(3);
  });

  // fauxqs only: it needs 20,000 objects seeded in an instant (fauxqs' store); over HTTP, RGW takes about a
  // minute of the shared cores, and what is tested here is the cache's bounds, not the server.
  it.runIf(currentLane() === 'fauxqs')('keeps a 20,000-object folder fully cached with default bounds', async () => {
    f.proxy.reset();
    const first = await listAll(f, 'huge', 'many/');
    expect(first.entries).toHaveLength(20_000);
    expect(f.proxy.count('ListObjectsV2')).toBe(20);
    f.proxy.reset();
    const second = await listAll(f, 'huge', 'many/');
    expect(second.entries).toHaveLength(20_000);
    expect(f.proxy.count()).toBe(0);
    const stats = unwrap(
      await f.core.handlers['objects:stat']({ connectionId: f.connectionId, bucket: 'huge', keys: first.entries.map((e) => e.key) }),
    );
    expect(stats.filter((s) => !s.ok)).toHaveLength(0);
    expect(f.proxy.count()).toBe(0);
  });

  it('answers NotCached for a never-listed key without a request', async () => {
    f.proxy.reset();
    const [outcome] = unwrap(
      await f.core.handlers['objects:stat']({ connectionId: f.connectionId, bucket: 'big', keys: ['folder/never-listed.txt'] }),
    );
    expect(outcome).toEqual({ key: 'folder/never-listed.txt', ok: false, code: 'NotCached' });
    expect(f.proxy.count()).toBe(0);
  });
});
