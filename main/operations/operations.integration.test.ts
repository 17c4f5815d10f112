import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CoreFixture, listFolder, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { numberedKeys } from '../../testkit/s3-server';
import { currentLane } from '../../testkit/s3-lane';
import type { EventChannel, IpcEvents } from '../../shared/ipc';
import type { OperationProgress, PlanRequest } from '../../shared/operations';
import type { Entry } from '../../shared/types';

const MiB = 1024 * 1024;
const events: Array<{ channel: EventChannel; payload: unknown }> = [];
let f: CoreFixture;

beforeAll(async () => {
  f = await startCoreFixture({
    events: (channel, payload) => void events.push({ channel, payload }),
    // Small objects take the multipart UploadPartCopy path; parts stay at fauxqs' (and S3's) 5 MiB minimum.
    operations: { copy: { multipartThreshold: 6 * MiB, copyPartSize: 5 * MiB, partConcurrency: 2 }, progressIntervalMs: 0 },
  });
});
afterAll(() => f.close());
afterEach(() => {
  f.proxy.clearRules();
  events.length = 0;
});

const list = async (bucket: string, prefix: string): Promise<Entry[]> => (await listFolder(f, bucket, prefix)).entries;
const names = async (bucket: string, prefix: string) => (await list(bucket, prefix)).map((e) => e.key).sort();

async function planAndRun(req: PlanRequest) {
  const plan = unwrap(await f.core.handlers['operations:plan'](req));
  const report = unwrap(await f.core.handlers['operations:run']({ planId: plan.planId }));
  return { plan, report };
}

function progressOf(operationId: string): OperationProgress[] {
  return events
    .filter((e) => e.channel === 'operations:progress')
    .map((e) => e.payload as IpcEvents['operations:progress'])
    .filter((p) => p.operationId === operationId);
}

describe('new folder', () => {
  it('creates a nested a/b/new/ marker that appears in a/b/ at once, with 1 List + 1 Put and no HEAD', async () => {
    await f.server.seed('nf-bucket', [['a/b/x.txt', 'x']]);
    expect(await names('nf-bucket', 'a/')).toEqual(['a/b/']);
    expect(await names('nf-bucket', 'a/b/')).toEqual(['a/b/x.txt']);
    f.proxy.reset();
    const created = unwrap(
      await f.core.handlers['operations:create-folder']({ connectionId: f.connectionId, bucket: 'nf-bucket', prefix: 'a/b/', name: 'new' }),
    );
    expect(created.key).toBe('a/b/new/');
    expect(f.proxy.count('PutObject')).toBe(1);
    expect(f.proxy.count('ListObjectsV2')).toBe(1);
    expect(f.proxy.count('HeadObject')).toBe(0);
    expect(await f.server.keys('nf-bucket')).toEqual(['a/b/new/', 'a/b/x.txt']);
    expect(await names('nf-bucket', 'a/b/')).toEqual(['a/b/new/', 'a/b/x.txt']);
    const stat = unwrap(await f.core.handlers['objects:stat']({ connectionId: f.connectionId, bucket: 'nf-bucket', keys: ['a/b/new/'] }));
    expect(stat[0]).toMatchObject({ ok: true, stat: { kind: 'folder' } });
    expect(events.some((e) => e.channel === 'cache:changed')).toBe(true);
  });

  it('refuses bad names without a request and an existing folder with Conflict', async () => {
    await f.server.seed('nf2', [['here/x', 'x']]);
    f.proxy.reset();
    for (const name of ['', 'a/b', '.', '..', 'x'.repeat(1021)]) {
      const r = await f.core.handlers['operations:create-folder']({ connectionId: f.connectionId, bucket: 'nf2', prefix: 'ab/', name });
      expect(r.ok ? 'ok' : r.error.code).toBe('InvalidInput');
    }
    expect(f.proxy.count()).toBe(0);
    const dup = await f.core.handlers['operations:create-folder']({ connectionId: f.connectionId, bucket: 'nf2', prefix: '', name: 'here' });
    expect(dup.ok ? 'ok' : dup.error.code).toBe('Conflict');
    expect(await f.server.keys('nf2')).toEqual(['here/x']);
  });
});

describe('delete', () => {
  it('deletes a 2,500-object folder with 3 ListObjectsV2 + 3 DeleteObjects, exactly the planned keys, and the folder vanishes from its parent', async () => {
    await f.server.seed('del', numberedKeys('top/big/', 2500));
    await f.server.seed('del', [['top/keep.txt', 'keep'], ['top/big/deep/er.txt', 'deeper']]);
    expect(await names('del', 'top/')).toEqual(['top/big/', 'top/keep.txt']);
    await list('del', 'top/big/');
    f.proxy.reset();
    const plan = unwrap(await f.core.handlers['operations:plan']({ kind: 'delete', connectionId: f.connectionId, bucket: 'del', keys: ['top/big/'] }));
    expect(plan.objects).toBe(2501);
    expect(plan.bytes).toBe(numberedKeys('', 2500).reduce((n, [, b]) => n + b.length, 0) + 'deeper'.length);
    expect(f.proxy.count('ListObjectsV2')).toBe(3);
    // Written after the confirmation: not part of what the user agreed to delete.
    await f.server.seed('del', [['top/big/late.txt', 'late']]);
    f.proxy.reset();
    const report = unwrap(await f.core.handlers['operations:run']({ planId: plan.planId }));
    expect(report).toMatchObject({ status: 'done', total: 2501, failed: [], skipped: [] });
    expect(report.succeeded).toHaveLength(2501);
    expect(f.proxy.count('DeleteObjects')).toBe(3);
    expect(f.proxy.count()).toBe(3);
    expect(await f.server.keys('del')).toEqual(['top/big/late.txt', 'top/keep.txt']);
    const last = progressOf(plan.planId).at(-1);
    expect(last).toMatchObject({ finished: true, done: 2501, total: 2501, failed: 0, bytesDone: plan.bytes });

    await f.server.deleteObject('del', 'top/big/late.txt');
    expect(await names('del', 'top/')).toEqual(['top/keep.txt']);
    const stats = unwrap(
      await f.core.handlers['objects:stat']({ connectionId: f.connectionId, bucket: 'del', keys: ['top/big/', 'top/big/file-000001.txt'] }),
    );
    expect(stats.map((s) => s.ok)).toEqual([false, false]);
    // A used plan cannot run again.
    const again = await f.core.handlers['operations:run']({ planId: plan.planId });
    expect(again.ok).toBe(false);
  });

  // fauxqs only: the proxy's delete-errors rule rewrites the DeleteObjects body, which on a server that checks
  // signatures (RGW) no longer matches the signed payload. On RGW a bucket policy could refuse keys for real.
  it.runIf(currentLane() === 'fauxqs')('reports per-key DeleteObjects errors and keeps exactly those keys', async () => {
    await f.server.seed('delp', numberedKeys('d/', 10));
    await list('delp', 'd/');
    f.proxy.addRule((r) => (r.operation === 'DeleteObjects' ? { kind: 'delete-errors', fails: (k) => /00000[37]/.test(k), code: 'AccessDenied' } : undefined));
    const { report } = await planAndRun({ kind: 'delete', connectionId: f.connectionId, bucket: 'delp', keys: ['d/'] });
    expect(report.status).toBe('partial');
    expect(report.failed.map((x) => [x.key, x.stage, x.code])).toEqual([
      ['d/file-000003.txt', 'delete', 'AccessDenied'],
      ['d/file-000007.txt', 'delete', 'AccessDenied'],
    ]);
    expect(report.succeeded).toHaveLength(8);
    expect(await f.server.keys('delp')).toEqual(['d/file-000003.txt', 'd/file-000007.txt']);
    expect(await names('delp', 'd/')).toEqual(['d/file-000003.txt', 'd/file-000007.txt']);
  });

  it('reports a wholly refused batch as failed keys, deleting nothing', async () => {
    await f.server.seed('deld', numberedKeys('d/', 3));
    f.proxy.addRule((r) => (r.operation === 'DeleteObjects' ? { kind: 'deny' } : undefined));
    const { report } = await planAndRun({ kind: 'delete', connectionId: f.connectionId, bucket: 'deld', keys: ['d/'] });
    expect(report.status).toBe('failed');
    expect(report.failed.map((x) => x.code)).toEqual(['AccessDenied', 'AccessDenied', 'AccessDenied']);
    expect(await f.server.keys('deld')).toHaveLength(3);
  });

  it('cancels between batches: the running batch completes, the rest is reported skipped and still exists', async () => {
    await f.server.seed('delc', numberedKeys('c/', 2500));
    const plan = unwrap(await f.core.handlers['operations:plan']({ kind: 'delete', connectionId: f.connectionId, bucket: 'delc', keys: ['c/'] }));
    f.proxy.addRule((r) => {
      if (r.operation === 'DeleteObjects') void f.core.handlers['operations:cancel']({ operationId: plan.planId });
      return undefined;
    });
    const report = unwrap(await f.core.handlers['operations:run']({ planId: plan.planId }));
    expect(report.status).toBe('cancelled');
    expect(report.succeeded).toHaveLength(1000);
    expect(report.skipped).toHaveLength(1500);
    expect(await f.server.keys('delc')).toEqual(report.skipped.slice().sort());
  });
});

const TRICKY = ['sp ace.txt', 'ünï cødé ✓.txt', 'plus+sign.txt', 'per%25cent.txt', 'hash#tag.txt', 'what?.txt', 'amp&lt;.txt'];

describe('rename and move', () => {
  it('renames a file with awkward characters: 1 HEAD (no-overwrite check) + 1 CopyObject + 1 DeleteObjects; old gone, new present', async () => {
    await f.server.seed('ren', [['r/old +%#?.txt', 'payload'], ['r/other.txt', 'o']]);
    expect(await names('ren', 'r/')).toEqual(['r/old +%#?.txt', 'r/other.txt']);
    f.proxy.reset();
    const { plan, report } = await planAndRun({
      kind: 'rename',
      connectionId: f.connectionId,
      bucket: 'ren',
      key: 'r/old +%#?.txt',
      newName: 'néw +%#?.txt',
    });
    expect(plan.objects).toBe(1);
    expect(report.status).toBe('done');
    expect(f.proxy.count('CopyObject')).toBe(1);
    expect(f.proxy.count('DeleteObjects')).toBe(1);
    expect(f.proxy.count('HeadObject')).toBe(1);
    expect(f.proxy.count('GetObject')).toBe(0);
    expect(await f.server.keys('ren')).toEqual(['r/néw +%#?.txt', 'r/other.txt']);
    expect((await f.server.body('ren', 'r/néw +%#?.txt')).toString()).toBe('payload');
    expect(await names('ren', 'r/')).toEqual(['r/néw +%#?.txt', 'r/other.txt']);
  });

  it('refuses an invalid new name before any request', async () => {
    f.proxy.reset();
    for (const newName of ['', 'a/b', '..', '.']) {
      const r = await f.core.handlers['operations:plan']({ kind: 'rename', connectionId: f.connectionId, bucket: 'ren', key: 'r/x.txt', newName });
      expect(r.ok ? 'ok' : r.error.code).toBe('InvalidInput');
    }
    const long = await f.core.handlers['operations:plan']({ kind: 'rename', connectionId: f.connectionId, bucket: 'ren', key: 'r/x.txt', newName: 'y'.repeat(1023) });
    expect(long.ok ? 'ok' : long.error.code).toBe('InvalidInput');
    expect(f.proxy.count()).toBe(0);
  });

  it('refuses to rename onto an existing name', async () => {
    await f.server.seed('ren2', [['a.txt', 'a'], ['b.txt', 'b']]);
    const r = await f.core.handlers['operations:plan']({ kind: 'rename', connectionId: f.connectionId, bucket: 'ren2', key: 'a.txt', newName: 'b.txt' });
    expect(r.ok ? 'ok' : r.error.code).toBe('Conflict');
    expect((await f.server.body('ren2', 'b.txt')).toString()).toBe('b');
  });

  it('moves a file between folders: gone from the old folder, present in the new, both listings right at once', async () => {
    await f.server.seed('mv-bucket', [['x/f.txt', 'f'], ['x/stay.txt', 's'], ['y/g.txt', 'g']]);
    await list('mv-bucket', 'x/');
    await list('mv-bucket', 'y/');
    await list('mv-bucket', '');
    const { report } = await planAndRun({
      kind: 'move',
      source: { connectionId: f.connectionId, bucket: 'mv-bucket', keys: ['x/f.txt'] },
      target: { connectionId: f.connectionId, bucket: 'mv-bucket', prefix: 'y/' },
    });
    expect(report.status).toBe('done');
    expect(await f.server.keys('mv-bucket')).toEqual(['x/stay.txt', 'y/f.txt', 'y/g.txt']);
    // The renderer hears that both folders changed, so the one it shows re-lists without a manual refresh.
    const changed = events.filter((e) => e.channel === 'cache:changed').flatMap((e) => (e.payload as IpcEvents['cache:changed']).prefixes);
    expect(changed).toEqual(expect.arrayContaining(['x/', 'y/']));
    expect(await names('mv-bucket', 'x/')).toEqual(['x/stay.txt']);
    expect(await names('mv-bucket', 'y/')).toEqual(['y/f.txt', 'y/g.txt']);
  });

  it('renames a folder; copies that fail leave their sources, nothing of theirs is deleted, and the report says which keys moved', async () => {
    await f.server.seed('mvf', numberedKeys('p/src/', 10));
    await f.server.seed('mvf', [['p/src/', ''], ['p/src/sub/z.txt', 'z']]);
    expect(await names('mvf', 'p/')).toEqual(['p/src/']);
    f.proxy.addRule((r) => (r.operation === 'CopyObject' && /00000[37]\.txt$/.test(r.copySource ?? '') ? { kind: 'deny' } : undefined));
    f.proxy.reset();
    const { report } = await planAndRun({ kind: 'rename', connectionId: f.connectionId, bucket: 'mvf', key: 'p/src/', newName: 'dst' });
    expect(report.status).toBe('partial');
    expect(report.failed.map((x) => [x.key, x.stage, x.code])).toEqual([
      ['p/src/file-000003.txt', 'copy', 'AccessDenied'],
      ['p/src/file-000007.txt', 'copy', 'AccessDenied'],
    ]);
    expect(report.succeeded).toHaveLength(10);
    expect(await f.server.keys('mvf', 'p/src/')).toEqual(['p/src/file-000003.txt', 'p/src/file-000007.txt']);
    expect(await f.server.keys('mvf', 'p/dst/')).toEqual(
      ['p/dst/', 'p/dst/sub/z.txt', ...numberedKeys('p/dst/', 10).map(([k]) => k).filter((k) => !/00000[37]/.test(k))].sort(),
    );
    // Every DeleteObjects came after every CopyObject of the keys it deleted (one batch, after all copies).
    const ops = f.proxy.log.map((r) => r.operation).filter((o) => o === 'CopyObject' || o === 'DeleteObjects');
    expect(ops.lastIndexOf('CopyObject')).toBeLessThan(ops.indexOf('DeleteObjects'));
    expect(f.proxy.count('DeleteObjects')).toBe(1);
    expect(f.proxy.count('HeadObject')).toBe(0);
    expect(await names('mvf', 'p/')).toEqual(['p/dst/', 'p/src/']);
    expect(await names('mvf', 'p/src/')).toEqual(['p/src/file-000003.txt', 'p/src/file-000007.txt']);
  });

  // fauxqs only: the proxy's delete-errors rule rewrites the DeleteObjects body, which on a server that checks
  // signatures (RGW) no longer matches the signed payload. On RGW a bucket policy could refuse keys for real.
  it.runIf(currentLane() === 'fauxqs')('reports a copied key whose source delete was refused with stage "delete" (it exists twice, nothing lost)', async () => {
    await f.server.seed('mvd', [['s/a.txt', 'a'], ['s/b.txt', 'b']]);
    f.proxy.addRule((r) => (r.operation === 'DeleteObjects' ? { kind: 'delete-errors', fails: (k) => k === 's/b.txt', code: 'AccessDenied' } : undefined));
    const { report } = await planAndRun({
      kind: 'move',
      source: { connectionId: f.connectionId, bucket: 'mvd', keys: ['s/'] },
      target: { connectionId: f.connectionId, bucket: 'mvd', prefix: 't/' },
    });
    expect(report.status).toBe('partial');
    expect(report.succeeded).toEqual(['s/a.txt']);
    expect(report.failed).toMatchObject([{ key: 's/b.txt', stage: 'delete', code: 'AccessDenied' }]);
    expect(await f.server.keys('mvd')).toEqual(['s/b.txt', 't/s/a.txt', 't/s/b.txt']);
  });

  it('cancels a folder move: every key ends either moved or untouched, as the report says', async () => {
    await f.server.seed('mvc', numberedKeys('from/', 40));
    const plan = unwrap(
      await f.core.handlers['operations:plan']({
        kind: 'move',
        source: { connectionId: f.connectionId, bucket: 'mvc', keys: ['from/'] },
        target: { connectionId: f.connectionId, bucket: 'mvc', prefix: 'to/' },
      }),
    );
    f.proxy.addRule((r) => {
      if (r.operation === 'CopyObject') void f.core.handlers['operations:cancel']({ operationId: plan.planId });
      return undefined;
    });
    const report = unwrap(await f.core.handlers['operations:run']({ planId: plan.planId }));
    expect(report.status).toBe('cancelled');
    expect(report.failed).toEqual([]);
    expect(report.succeeded.length).toBeGreaterThan(0);
    expect(report.skipped.length).toBeGreaterThan(0);
    expect(report.succeeded.length + report.skipped.length).toBe(40);
    const moved = report.succeeded.map((k) => k.replace('from/', 'to/from/')).sort();
    expect(await f.server.keys('mvc', 'to/')).toEqual(moved);
    expect(await f.server.keys('mvc', 'from/')).toEqual([...report.skipped].sort());
  });

  it('refuses moving a folder into itself and a move that would overwrite one of its own sources', async () => {
    await f.server.seed('mvx', [['a/b/c.txt', 'c'], ['a/b/q/c.txt', 'inner']]);
    const into = await f.core.handlers['operations:plan']({
      kind: 'move',
      source: { connectionId: f.connectionId, bucket: 'mvx', keys: ['a/'] },
      target: { connectionId: f.connectionId, bucket: 'mvx', prefix: 'a/b/' },
    });
    expect(into.ok ? 'ok' : into.error.code).toBe('InvalidInput');
    const same = await f.core.handlers['operations:plan']({
      kind: 'copy',
      source: { connectionId: f.connectionId, bucket: 'mvx', keys: ['a/b/c.txt'] },
      target: { connectionId: f.connectionId, bucket: 'mvx', prefix: 'a/b' },
    });
    expect(same.ok ? 'ok' : same.error.code).toBe('InvalidInput');
    expect(await f.server.keys('mvx')).toEqual(['a/b/c.txt', 'a/b/q/c.txt']);
  });

  it('copies an object above the threshold with multipart UploadPartCopy, byte for byte', async () => {
    const body = Buffer.alloc(12 * MiB + 123);
    for (let i = 0; i < body.length; i += 4096) body.writeUInt32LE(i, i);
    await f.server.seed('mp-bucket', [['big.bin', body]]);
    f.proxy.reset();
    const { report } = await planAndRun({
      kind: 'copy',
      source: { connectionId: f.connectionId, bucket: 'mp-bucket', keys: ['big.bin'] },
      target: { connectionId: f.connectionId, bucket: 'mp-bucket', prefix: 'copy/' },
    });
    expect(report.status).toBe('done');
    expect(f.proxy.count('UploadPartCopy')).toBe(3);
    expect(f.proxy.count('CreateMultipartUpload')).toBe(1);
    expect(f.proxy.count('CompleteMultipartUpload')).toBe(1);
    expect(f.proxy.count('CopyObject')).toBe(0);
    expect(f.proxy.count('GetObject')).toBe(0);
    expect((await f.server.body('mp-bucket', 'copy/big.bin')).equals(body)).toBe(true);
    expect(await f.server.keys('mp-bucket')).toEqual(['big.bin', 'copy/big.bin']);
  });
});

describe('copy / paste', () => {
  it('pastes into another bucket of the same connection with server-side CopyObject, keys with any characters intact', async () => {
    await f.server.seed('src', TRICKY.map((k) => [`in/${k}`, `body of ${k}`]));
    await f.server.seed('src', [['in/sub/deep.txt', 'deep']]);
    await f.server.createBucket('dst');
    await list('dst', 'out/');
    await list('dst', '');
    f.proxy.reset();
    const { plan, report } = await planAndRun({
      kind: 'copy',
      source: { connectionId: f.connectionId, bucket: 'src', keys: ['in/'] },
      target: { connectionId: f.connectionId, bucket: 'dst', prefix: 'out/' },
    });
    expect(plan.method).toBe('server');
    expect(report.status).toBe('done');
    expect(f.proxy.count('CopyObject')).toBe(TRICKY.length + 1);
    expect(f.proxy.count('GetObject')).toBe(0);
    expect(f.proxy.count('HeadObject')).toBe(0);
    expect(await f.server.keys('dst')).toEqual([...TRICKY.map((k) => `out/in/${k}`), 'out/in/sub/deep.txt'].sort());
    for (const k of TRICKY) expect((await f.server.body('dst', `out/in/${k}`)).toString()).toBe(`body of ${k}`);
    expect(await f.server.keys('src')).toHaveLength(TRICKY.length + 1);
    expect(await names('dst', 'out/')).toEqual(['out/in/']);
    expect((await names('dst', 'out/in/')).length).toBe(TRICKY.length + 1);
  });

  it('reports conflicts the cache knows of in the destination folder', async () => {
    await f.server.seed('cf-bucket', [['a/x.txt', 'new'], ['b/x.txt', 'old']]);
    await list('cf-bucket', 'b/');
    const plan = unwrap(
      await f.core.handlers['operations:plan']({
        kind: 'copy',
        source: { connectionId: f.connectionId, bucket: 'cf-bucket', keys: ['a/x.txt'] },
        target: { connectionId: f.connectionId, bucket: 'cf-bucket', prefix: 'b/' },
      }),
    );
    expect(plan.conflicts).toEqual(['b/x.txt']);
    unwrap(await f.core.handlers['operations:discard']({ planId: plan.planId }));
  });

  it('pastes across connections by streaming GetObject into an upload on the other server', async () => {
    const other = await startCoreFixtureServer();
    try {
      const big = Buffer.alloc(12 * MiB, 3);
      big.write('start', 0);
      big.write('end', big.length - 3);
      await f.server.seed('xs-bucket', [['a/one.txt', 'one'], ['a/two +#.txt', 'two'], ['a/big.bin', big]]);
      f.proxy.reset();
      const { plan, report } = await planAndRun({
        kind: 'move',
        source: { connectionId: f.connectionId, bucket: 'xs-bucket', keys: ['a/'] },
        target: { connectionId: other.connectionId, bucket: 'remote', prefix: 'in/' },
      });
      expect(plan.method).toBe('stream');
      expect(report.status).toBe('done');
      expect(f.proxy.count('GetObject')).toBe(3);
      expect(f.proxy.count('DeleteObjects')).toBe(1);
      expect(f.proxy.count('CopyObject')).toBe(0);
      // Small objects in one PUT; the 12 MiB one streamed as a multipart upload (5 MiB parts).
      expect(other.proxy.count('PutObject')).toBe(2);
      expect(other.proxy.count('UploadPart')).toBe(3);
      expect(other.proxy.count('CompleteMultipartUpload')).toBe(1);
      expect(await other.server.keys('remote')).toEqual(['in/a/big.bin', 'in/a/one.txt', 'in/a/two +#.txt']);
      expect((await other.server.body('remote', 'in/a/big.bin')).equals(big)).toBe(true);
      expect((await other.server.body('remote', 'in/a/two +#.txt')).toString()).toBe('two');
      expect(await f.server.keys('xs-bucket')).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

async function startCoreFixtureServer() {
  const { startLaneServer } = await import('../../testkit/s3-lane');
  const { startCountingProxy } = await import('../../testkit/counting-proxy');
  // On rgw: another tenant user, so truly another account's namespace behind another connection.
  const server = await startLaneServer();
  await server.createBucket('remote');
  const proxy = await startCountingProxy(server.url);
  const added = unwrap(
    await f.core.handlers['connections:add']({ name: 'other', endpoint: proxy.url, region: server.region, forcePathStyle: true, credentials: server.credentials }),
  );
  return {
    server,
    proxy,
    connectionId: added.id,
    close: async () => {
      await proxy.close();
      await server.close();
    },
  };
}
