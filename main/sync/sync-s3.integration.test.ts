/**
 * S3 ↔ S3 compare and apply against the lane's real server, counted at the proxy: two prefixes on one
 * connection (multipart objects on both sides, server-side copies), progress and cancel of a comparison, an
 * interrupted run that a second comparison resumes, and — on the RGW lane — a fauxqs connection against an
 * RGW one (streamed copies). Multipart objects are made with lib-storage's 5 MiB parts.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcEvents } from '../../shared/ipc';
import type { CompareResult, SyncGroup } from '../../shared/sync';
import { type CountingProxy, startCountingProxy } from '../../testkit/counting-proxy';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { currentLane, type LaneServer, startLaneServer } from '../../testkit/s3-lane';

const MIB = 1024 * 1024;
const progress: IpcEvents['sync:progress'][] = [];
const copies: IpcEvents['operations:progress'][] = [];
let f: CoreFixture;

beforeAll(async () => {
  f = await startCoreFixture({
    events: (channel, payload) => {
      if (channel === 'sync:progress') progress.push(payload as IpcEvents['sync:progress']);
      if (channel === 'operations:progress') copies.push(payload as IpcEvents['operations:progress']);
    },
  });
});
afterAll(() => f.close());

async function multipartPut(server: LaneServer, bucket: string, key: string, body: Buffer): Promise<void> {
  const client = new S3Client({ endpoint: server.url, region: server.region, forcePathStyle: true, credentials: { ...server.credentials } });
  try {
    await new Upload({ client, params: { Bucket: bucket, Key: key, Body: body }, partSize: 5 * MIB, queueSize: 2 }).done();
  } finally {
    client.destroy();
  }
}

const groupOf = (r: CompareResult) => Object.fromEntries(r.rows.map((row) => [row.key, row.group])) as Record<string, SyncGroup>;
const reasonOf = (r: CompareResult, key: string) => r.rows.find((row) => row.key === key)?.reason ?? '';
const s3 = (connectionId: string, bucket: string, prefix: string) => ({ kind: 's3' as const, connectionId, bucket, prefix });

describe('two prefixes on one connection', () => {
  it('compares multipart objects on both sides by their ETags and copies server-side', async () => {
    const bucket = 'sync-two-prefixes';
    const big = Buffer.alloc(11 * MIB, 1);
    const bigOther = Buffer.from(big);
    bigOther[MIB] = 2;
    await f.server.seed(bucket, [
      ['l/small.txt', 'left'],
      ['r/small.txt', 'rite'],
      ['l/only-left.txt', 'x'],
      ['r/only-right.txt', 'y'],
      ['r/single.bin', big],
    ]);
    await multipartPut(f.server, bucket, 'l/big.bin', big);
    await multipartPut(f.server, bucket, 'r/big.bin', big);
    await multipartPut(f.server, bucket, 'l/big-other.bin', bigOther);
    await multipartPut(f.server, bucket, 'r/big-other.bin', big);
    await multipartPut(f.server, bucket, 'l/single.bin', big);
    const left = s3(f.connectionId, bucket, 'l/');
    const right = s3(f.connectionId, bucket, 'r/');
    f.proxy.reset();
    const cmp = unwrap(await f.core.handlers['sync:compare']({ left, right }));
    expect(groupOf(cmp)).toEqual({
      'big.bin': 'same',
      'big-other.bin': 'unverified',
      'only-left.txt': 'left-only',
      'only-right.txt': 'right-only',
      'single.bin': 'unverified',
      'small.txt': 'different',
    });
    expect(reasonOf(cmp, 'big.bin')).toBe('same size, same multipart ETag (same part digests)');
    expect(reasonOf(cmp, 'single.bin')).toMatch(/^same size, content unverified: the ETags are of different kinds/);
    expect(f.proxy.count('HeadObject') + f.proxy.count('GetObject')).toBe(0);

    const plan = unwrap(await f.core.handlers['sync:plan']({ compareId: cmp.compareId, direction: 'make-right' }));
    expect(plan.actions.map((a) => `${a.kind}:${a.key}`)).toEqual(['copy:only-left.txt', 'copy:small.txt']);
    expect(plan.totals['delete-s3'].count).toBe(0);
    f.proxy.reset();
    const ran = unwrap(await f.core.handlers['sync:run']({ planId: plan.planId, runToken: 'run-two-prefixes' }));
    expect(ran).toMatchObject({ copied: 2, deleted: 0, failed: [], cancelled: false });
    // Server-side: no byte of the objects passed through the app.
    expect(f.proxy.count('CopyObject')).toBe(2);
    expect(f.proxy.count('GetObject') + f.proxy.count('PutObject')).toBe(0);
    expect(copies.filter((c) => c.operationId === 'run-two-prefixes').at(-1)).toMatchObject({ total: 2, done: 2, finished: true });
    expect((await f.server.body(bucket, 'r/small.txt')).toString()).toBe('left');
    expect(await f.server.keys(bucket, 'r/')).toContain('r/only-right.txt');
  }, 120_000);
});

describe('progress and cancel of a comparison', () => {
  it('reports listed objects and ends with "done"', async () => {
    await f.server.seed('sync-progress', Array.from({ length: 1200 }, (_, i) => [`a/${i}`, 'x'] as [string, string]));
    await f.server.seed('sync-progress', Array.from({ length: 1100 }, (_, i) => [`b/${i}`, 'x'] as [string, string]));
    const cmp = unwrap(
      await f.core.handlers['sync:compare']({ left: s3(f.connectionId, 'sync-progress', 'a/'), right: s3(f.connectionId, 'sync-progress', 'b/'), compareToken: 'cmp-progress' }),
    );
    expect(cmp.groups.same.count).toBe(1100);
    const mine = progress.filter((p) => p.compareToken === 'cmp-progress');
    expect(mine[0]?.phase).toBe('listing');
    expect(mine.at(-1)).toMatchObject({ phase: 'done', leftListed: 1200, rightListed: 1100 });
  }, 120_000);

  it('stops on sync:cancel while a listing is on the wire, and says it was cancelled', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let seen!: () => void;
    const arrived = new Promise<void>((r) => (seen = r));
    const remove = f.proxy.addRule((w) => {
      if (w.operation !== 'ListObjectsV2' || w.bucket !== 'sync-progress') return undefined;
      seen();
      return { kind: 'hold', until: held };
    });
    try {
      const comparing = f.core.handlers['sync:compare']({ left: s3(f.connectionId, 'sync-progress', 'a/'), right: s3(f.connectionId, 'sync-progress', 'b/'), compareToken: 'cmp-cancel' });
      await arrived;
      expect(unwrap(await f.core.handlers['sync:cancel']({ token: 'cmp-cancel' }))).toEqual({ cancelled: true });
      const out = await comparing;
      expect(out.ok ? 'ok' : out.error.code).toBe('Cancelled');
      expect(unwrap(await f.core.handlers['sync:cancel']({ token: 'cmp-cancel' }))).toEqual({ cancelled: false });
    } finally {
      release();
      remove();
    }
  }, 120_000);
});

describe('an interrupted sync', () => {
  it('is cancelled mid-run, and comparing again finds exactly what was not copied; a second run finishes it', async () => {
    const bucket = 'sync-resume';
    const n = 30;
    await f.server.seed(bucket, Array.from({ length: n }, (_, i) => [`src/k${String(i).padStart(2, '0')}`, `body ${i}`] as [string, string]));
    const left = s3(f.connectionId, bucket, 'src/');
    const right = s3(f.connectionId, bucket, 'dst/');
    const cmp = unwrap(await f.core.handlers['sync:compare']({ left, right }));
    expect(cmp.groups['left-only'].count).toBe(n);
    const plan = unwrap(await f.core.handlers['sync:plan']({ compareId: cmp.compareId, direction: 'make-right' }));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let seen!: () => void;
    const arrived = new Promise<void>((r) => (seen = r));
    let count = 0;
    const remove = f.proxy.addRule((w) => {
      if (w.operation !== 'CopyObject' || w.bucket !== bucket || ++count !== 10) return undefined;
      seen();
      return { kind: 'hold', until: held };
    });
    let ran;
    try {
      const running = f.core.handlers['sync:run']({ planId: plan.planId, runToken: 'run-resume' });
      await arrived;
      expect(unwrap(await f.core.handlers['sync:cancel']({ token: 'run-resume' }))).toEqual({ cancelled: true });
      release();
      ran = unwrap(await running);
    } finally {
      release();
      remove();
    }
    expect(ran.cancelled).toBe(true);
    expect(ran.copied).toBeGreaterThan(0);
    expect(ran.copied).toBeLessThan(n);
    expect(ran.failed.length).toBe(n - ran.copied);
    const again = unwrap(await f.core.handlers['sync:compare']({ left, right }));
    expect(again.groups.same.count).toBe(ran.copied);
    expect(again.groups['left-only'].count).toBe(n - ran.copied);
    const rest = unwrap(await f.core.handlers['sync:plan']({ compareId: again.compareId, direction: 'make-right' }));
    expect(rest.totals.copy.count).toBe(n - ran.copied);
    expect(unwrap(await f.core.handlers['sync:run']({ planId: rest.planId }))).toMatchObject({ copied: n - ran.copied, failed: [], cancelled: false });
    const last = unwrap(await f.core.handlers['sync:compare']({ left, right }));
    expect(last.groups.same.count).toBe(n);
  }, 120_000);
});

// The other lane's server is started beside this one; fauxqs is in-process, so only the RGW lane can hold both.
describe.runIf(currentLane() === 'rgw')('a fauxqs connection against an RGW connection', () => {
  let faux: LaneServer;
  let proxy: CountingProxy;
  beforeAll(async () => {
    faux = await startLaneServer('fauxqs');
    proxy = await startCountingProxy(faux.url);
  });
  afterAll(async () => {
    await proxy.close();
    await faux.close();
  });

  it('compares by ETags across the two servers and streams the copies', async () => {
    const big = Buffer.alloc(11 * MIB, 4);
    await f.server.seed('sync-rgw-side', [['p/same.txt', 'same'], ['p/changed.txt', 'new!'], ['p/new.txt', 'n']]);
    await multipartPut(f.server, 'sync-rgw-side', 'p/big.bin', big);
    await faux.seed('sync-faux-side', [['q/same.txt', 'same'], ['q/changed.txt', 'old!'], ['q/extra.txt', 'e']]);
    await multipartPut(faux, 'sync-faux-side', 'q/big.bin', big);
    const fauxId = unwrap(
      await f.core.handlers['connections:add']({ name: 'fauxqs', endpoint: proxy.url, region: faux.region, forcePathStyle: true, credentials: faux.credentials }),
    ).id;
    const left = s3(f.connectionId, 'sync-rgw-side', 'p/');
    const right = s3(fauxId, 'sync-faux-side', 'q/');
    const cmp = unwrap(await f.core.handlers['sync:compare']({ left, right }));
    expect(groupOf(cmp)).toEqual({ 'big.bin': 'same', 'changed.txt': 'different', 'extra.txt': 'right-only', 'new.txt': 'left-only', 'same.txt': 'same' });
    const plan = unwrap(await f.core.handlers['sync:plan']({ compareId: cmp.compareId, direction: 'make-right' }));
    proxy.reset();
    expect(unwrap(await f.core.handlers['sync:run']({ planId: plan.planId }))).toMatchObject({ queued: 2, copied: 0, failed: [], cancelled: false });
    await f.core.transfers.queue.whenIdle();
    expect(f.core.transfers.list().items.filter((i) => i.bucket === 'sync-faux-side').map((i) => i.state)).toEqual(['done', 'done']);
    expect(proxy.count('PutObject')).toBe(2);
    const again = unwrap(await f.core.handlers['sync:compare']({ left, right }));
    expect(groupOf(again)).toEqual({ 'big.bin': 'same', 'changed.txt': 'same', 'extra.txt': 'right-only', 'new.txt': 'same', 'same.txt': 'same' });
    expect((await faux.body('sync-faux-side', 'q/changed.txt')).toString()).toBe('new!');
  }, 300_000);
});
