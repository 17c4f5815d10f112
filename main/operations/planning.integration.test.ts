/**
 * Planning a copy/move finds every destination key it would overwrite (inside pasted folders too) with
 * listings only; planning a big folder reports its counting and can be cancelled mid-listing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { numberedKeys } from '../../testkit/s3-server';
import type { EventChannel, IpcEvents } from '../../shared/ipc';

const events: Array<{ channel: EventChannel; payload: unknown }> = [];
let f: CoreFixture;

beforeAll(async () => {
  f = await startCoreFixture({ events: (channel, payload) => void events.push({ channel, payload }), operations: { progressIntervalMs: 0 } });
});
afterAll(() => f.close());
afterEach(() => {
  f.proxy.clearRules();
  events.length = 0;
});

const counting = (planningId: string) =>
  events
    .filter((e) => e.channel === 'operations:planning')
    .map((e) => e.payload as IpcEvents['operations:planning'])
    .filter((p) => p.planningId === planningId);

/** The ListObjectsV2 requests on the wire: [prefix, delimiter]. */
const listings = () =>
  f.proxy.log.filter((w) => w.operation === 'ListObjectsV2').map((w) => [w.query.get('prefix') ?? '', w.query.get('delimiter') ?? ''] as const);

describe('paste conflicts', () => {
  it('finds every existing destination key, deep inside pasted folders, with one listing per destination folder and no HEAD', async () => {
    await f.server.seed('cfl', [
      ['src/a/x.txt', 'new x'],
      ['src/a/', ''],
      ['src/a/sub/deep.txt', 'new deep'],
      ['src/a/sub/fresh.txt', 'fresh'],
      ['src/top.txt', 'new top'],
      ['src/lone.txt', 'lone'],
      ['dst/a/', ''],
      ['dst/a/x.txt', 'old x'],
      ['dst/a/sub/deep.txt', 'old deep'],
      ['dst/a/keep.txt', 'keep'],
      ['dst/top.txt', 'old top'],
      ['dst/other/lone.txt', 'not in the way'],
    ]);
    // The user browses the source folder (sizes of the selected files come from this listing); the
    // destination was never listed, so the cache knows nothing about what is there.
    unwrap(await f.core.handlers['objects:list']({ connectionId: f.connectionId, bucket: 'cfl', prefix: 'src/' }));
    f.proxy.reset();
    const plan = unwrap(
      await f.core.handlers['operations:plan']({
        kind: 'copy',
        source: { connectionId: f.connectionId, bucket: 'cfl', keys: ['src/a/', 'src/top.txt', 'src/lone.txt'] },
        target: { connectionId: f.connectionId, bucket: 'cfl', prefix: 'dst/' },
      }),
    );
    expect([...plan.conflicts].sort()).toEqual(['dst/a/sub/deep.txt', 'dst/a/x.txt', 'dst/top.txt']);
    expect(f.proxy.count('HeadObject')).toBe(0);
    expect(f.proxy.count()).toBe(3);
    expect(listings()).toEqual([
      ['src/a/', ''],
      ['dst/', '/'],
      ['dst/a/', ''],
    ]);
    const report = unwrap(await f.core.handlers['operations:run']({ planId: plan.planId }));
    expect(report.status).toBe('done');
    expect((await f.server.body('cfl', 'dst/a/sub/deep.txt')).toString()).toBe('new deep');
    expect((await f.server.body('cfl', 'dst/a/keep.txt')).toString()).toBe('keep');
    expect(await f.server.keys('cfl', 'dst/')).toEqual(
      ['dst/a/', 'dst/a/keep.txt', 'dst/a/sub/deep.txt', 'dst/a/sub/fresh.txt', 'dst/a/x.txt', 'dst/lone.txt', 'dst/other/lone.txt', 'dst/top.txt'].sort(),
    );
  });

  it('finds conflicts in another bucket, both listings running over more than one page', async () => {
    await f.server.seed('cfl-src', numberedKeys('set/', 1200));
    await f.server.seed('cfl-dst', numberedKeys('in/set/', 1200).filter((_, i) => i % 500 === 7));
    await f.server.seed('cfl-dst', numberedKeys('in/set/', 1001, 'other'));
    f.proxy.reset();
    const plan = unwrap(
      await f.core.handlers['operations:plan']({
        kind: 'move',
        source: { connectionId: f.connectionId, bucket: 'cfl-src', keys: ['set/'] },
        target: { connectionId: f.connectionId, bucket: 'cfl-dst', prefix: 'in/' },
      }),
    );
    expect([...plan.conflicts].sort()).toEqual(['in/set/file-000007.txt', 'in/set/file-000507.txt', 'in/set/file-001007.txt']);
    expect(f.proxy.log.filter((w) => w.operation === 'ListObjectsV2').map((w) => w.bucket)).toEqual(['cfl-src', 'cfl-src', 'cfl-dst', 'cfl-dst']);
    expect(f.proxy.count()).toBe(4);
    unwrap(await f.core.handlers['operations:discard']({ planId: plan.planId }));
  });

  it('reports no conflict when the pasted names are free (an existing folder marker is not one)', async () => {
    await f.server.seed('cfl-free', [['s/f/1.txt', '1'], ['s/f/', ''], ['d/f/', ''], ['d/f/2.txt', '2']]);
    const plan = unwrap(
      await f.core.handlers['operations:plan']({
        kind: 'copy',
        source: { connectionId: f.connectionId, bucket: 'cfl-free', keys: ['s/f/'] },
        target: { connectionId: f.connectionId, bucket: 'cfl-free', prefix: 'd/' },
      }),
    );
    expect(plan.conflicts).toEqual([]);
    unwrap(await f.core.handlers['operations:discard']({ planId: plan.planId }));
  });
});

describe('counting while planning', () => {
  it('reports objects and bytes counted after each listing page, ending at the plan’s own numbers', async () => {
    await f.server.seed('cnt', numberedKeys('big/', 2500));
    const plan = unwrap(
      await f.core.handlers['operations:plan']({ kind: 'delete', connectionId: f.connectionId, bucket: 'cnt', keys: ['big/'], planningId: 'count-1' }),
    );
    const seen = counting('count-1');
    expect(seen.map((p) => p.objects)).toEqual([1000, 2000, 2500]);
    const bytesOf = (n: number) => numberedKeys('big/', n).reduce((sum, [, body]) => sum + body.length, 0);
    expect(seen.map((p) => p.bytes)).toEqual([bytesOf(1000), bytesOf(2000), bytesOf(2500)]);
    expect(seen.at(-1)).toMatchObject({ objects: plan.objects, bytes: plan.bytes });
    unwrap(await f.core.handlers['operations:discard']({ planId: plan.planId }));
  });

  it('cancel stops the recursive listing: no further page is asked for, the plan fails Cancelled, nothing is deleted', async () => {
    await f.server.seed('cnc', numberedKeys('big/', 3500));
    let cancelled: ReturnType<(typeof f.core.handlers)['operations:cancel']> | null = null;
    f.proxy.addRule((w) => {
      // The second page of the listing: the user presses Cancel while it is on the way.
      if (w.operation === 'ListObjectsV2' && w.query.has('continuation-token') && !cancelled) {
        cancelled = f.core.handlers['operations:cancel']({ operationId: 'count-2' });
      }
      return undefined;
    });
    f.proxy.reset();
    const result = await f.core.handlers['operations:plan']({ kind: 'delete', connectionId: f.connectionId, bucket: 'cnc', keys: ['big/'], planningId: 'count-2' });
    expect(result.ok ? 'planned' : result.error.code).toBe('Cancelled');
    expect(cancelled).not.toBeNull();
    expect(unwrap(await (cancelled as unknown as NonNullable<typeof cancelled>))).toEqual({ cancelled: true });
    expect(f.proxy.count('ListObjectsV2')).toBe(2);
    expect(counting('count-2').map((p) => p.objects)).toEqual([1000]);
    expect(await f.server.keys('cnc')).toHaveLength(3500);
    // The id is free again; an unknown id cancels nothing.
    expect(unwrap(await f.core.handlers['operations:cancel']({ operationId: 'count-2' }))).toEqual({ cancelled: false });
  });
});
