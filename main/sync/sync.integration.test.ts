/**
 * Compare and sync against the lane's real server: local ↔ S3 and S3 ↔ S3 over two connections, counted at
 * the proxy. Multipart objects are made with lib-storage's 5 MiB parts, the size the comparer must infer.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareResult, SyncGroup } from '../../shared/sync';
import { bareListings, type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';

const MIB = 1024 * 1024;
let f: CoreFixture;
let dir: string;

beforeAll(async () => {
  f = await startCoreFixture();
  dir = await mkdtemp(path.join(tmpdir(), 's3desk-sync-'));
});
afterAll(async () => {
  await f.close();
  await rm(dir, { recursive: true, force: true });
});

async function multipartPut(bucket: string, key: string, body: Buffer): Promise<void> {
  const client = new S3Client({ endpoint: f.server.url, region: f.server.region, forcePathStyle: true, credentials: { ...f.server.credentials } });
  try {
    await new Upload({ client, params: { Bucket: bucket, Key: key, Body: body }, partSize: 5 * MIB, queueSize: 2 }).done();
  } finally {
    client.destroy();
  }
}

const groupOf = (r: CompareResult) => Object.fromEntries(r.rows.map((row) => [row.key, row.group])) as Record<string, SyncGroup>;
const reasonOf = (r: CompareResult, key: string) => r.rows.find((row) => row.key === key)?.reason ?? '';

async function writeLocal(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [rel, body] of Object.entries(files)) {
    const full = path.join(root, ...rel.split('/'));
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, body);
  }
}

describe('compare a local folder with a prefix', () => {
  const bucket = 'sync-local';
  const big = Buffer.alloc(11 * MIB, 7);
  const bigChanged = Buffer.from(big);
  bigChanged[6 * MIB] = 8;
  let root: string;

  beforeAll(async () => {
    root = path.join(dir, 'local');
    await f.server.seed(bucket, [
      ['p/same.txt', 'hello'],
      ['p/sub/same2.txt', 'world'],
      ['p/changed.txt', 'aaaa'],
      ['p/size.txt', 'short'],
      ['p/remote-only.txt', 'r'],
      ['p/bad\u0001name.txt', 'hostile'],
      ['p/folder-marker/', ''],
    ]);
    await multipartPut(bucket, 'p/big.bin', big);
    await multipartPut(bucket, 'p/big-changed.bin', big);
    await writeLocal(root, {
      'same.txt': 'hello',
      'sub/same2.txt': 'world',
      'changed.txt': 'bbbb',
      'size.txt': 'longer body',
      'local-only.txt': 'l',
      'big.bin': big,
      'big-changed.bin': bigChanged,
    });
  });

  it('puts every key in its group with the rule, using listings only', async () => {
    const heads = f.proxy.count('HeadObject');
    const result = unwrap(
      await f.core.handlers['sync:compare']({ left: { kind: 'local', path: root }, right: { kind: 's3', connectionId: f.connectionId, bucket, prefix: 'p/' } }),
    );
    const groups = groupOf(result);
    expect(groups).toEqual({
      'big-changed.bin': 'unverified',
      'big.bin': 'same',
      'changed.txt': 'different',
      'local-only.txt': 'left-only',
      'remote-only.txt': 'right-only',
      'same.txt': 'same',
      'size.txt': 'different',
      'sub/same2.txt': 'same',
      'bad\u0001name.txt': 'excluded',
    });
    expect(reasonOf(result, 'big.bin')).toMatch(/multipart ETag recomputed with 5 MiB parts/);
    expect(reasonOf(result, 'changed.txt')).toMatch(/MD5 differs/);
    expect(reasonOf(result, 'size.txt')).toMatch(/size differs/);
    expect(reasonOf(result, 'bad\u0001name.txt')).toMatch(/cannot be a local file name/);
    expect(result.groups.same).toEqual({ count: 3, bytes: 11 * MIB + 10 });
    // Hashing was skipped where sizes differ: size.txt was never read.
    expect(result.hashing.files).toBe(5);
    expect(f.proxy.count('HeadObject') - heads).toBe(0);
  });

  it('plans uploads without deletes unless asked, runs them, and compares again as same', async () => {
    const right = { kind: 's3' as const, connectionId: f.connectionId, bucket, prefix: 'p/' };
    const left = { kind: 'local' as const, path: root };
    const first = unwrap(await f.core.handlers['sync:compare']({ left, right }));
    const keep = unwrap(await f.core.handlers['sync:plan']({ compareId: first.compareId, direction: 'make-right' }));
    expect(keep.totals['delete-s3'].count).toBe(0);
    expect(keep.skipped.map((s) => s.key)).toContain('remote-only.txt');
    const plan = unwrap(await f.core.handlers['sync:plan']({ compareId: first.compareId, direction: 'make-right', deleteExtras: true }));
    expect(plan.actions.map((a) => `${a.kind}:${a.key}`).sort()).toEqual(
      ['delete-s3:remote-only.txt', 'upload:changed.txt', 'upload:local-only.txt', 'upload:size.txt'].sort(),
    );
    // The unverified multipart object is not overwritten: nothing proves it differs.
    expect(plan.skipped.map((s) => s.key)).toContain('big-changed.bin');
    const ran = unwrap(await f.core.handlers['sync:run']({ planId: plan.planId }));
    expect(ran).toMatchObject({ queued: 3, deleted: 1, failed: [] });
    await f.core.transfers.queue.whenIdle();
    const again = unwrap(await f.core.handlers['sync:compare']({ left, right }));
    const groups = groupOf(again);
    expect(Object.entries(groups).filter(([, g]) => g !== 'same' && g !== 'unverified' && g !== 'excluded')).toEqual([]);
    expect(groups['changed.txt']).toBe('same');
  });

  it('downloads only inside the chosen folder', async () => {
    const root2 = path.join(dir, 'down');
    await mkdir(root2);
    const left = { kind: 'local' as const, path: root2 };
    const right = { kind: 's3' as const, connectionId: f.connectionId, bucket, prefix: 'p/' };
    const cmp = unwrap(await f.core.handlers['sync:compare']({ left, right }));
    const plan = unwrap(await f.core.handlers['sync:plan']({ compareId: cmp.compareId, direction: 'make-left' }));
    expect(plan.actions.every((a) => a.kind === 'download')).toBe(true);
    expect(plan.skipped.find((s) => s.key === 'bad\u0001name.txt')?.reason).toMatch(/local file name/);
    unwrap(await f.core.handlers['sync:run']({ planId: plan.planId }));
    await f.core.transfers.queue.whenIdle();
    expect(await readFile(path.join(root2, 'sub', 'same2.txt'), 'utf8')).toBe('world');
    const again = unwrap(await f.core.handlers['sync:compare']({ left, right }));
    expect(again.groups['right-only'].count + again.groups.different.count + again.groups['left-only'].count).toBe(0);
  });

  it('refuses a local folder that cannot be read', async () => {
    const out = await f.core.handlers['sync:compare']({
      left: { kind: 'local', path: path.join(dir, 'missing') },
      right: { kind: 's3', connectionId: f.connectionId, bucket, prefix: 'p/' },
    });
    expect(out.ok).toBe(false);
  });
});

describe('compare two prefixes across two connections', () => {
  it('uses ETags only and copies what differs', async () => {
    await f.server.seed('sync-a', [['x/1', 'one'], ['x/2', 'two'], ['x/3', 'three']]);
    await f.server.seed('sync-b', [['y/1', 'one'], ['y/2', 'TWO'], ['y/4', 'four']]);
    const second = unwrap(
      await f.core.handlers['connections:add']({
        name: 'second',
        endpoint: f.proxy.url,
        region: f.server.region,
        forcePathStyle: true,
        credentials: f.server.credentials,
      }),
    ).id;
    const left = { kind: 's3' as const, connectionId: f.connectionId, bucket: 'sync-a', prefix: 'x/' };
    const right = { kind: 's3' as const, connectionId: second, bucket: 'sync-b', prefix: 'y/' };
    const heads = f.proxy.count('HeadObject');
    const cmp = unwrap(await f.core.handlers['sync:compare']({ left, right }));
    expect(groupOf(cmp)).toEqual({ '1': 'same', '2': 'different', '3': 'left-only', '4': 'right-only' });
    expect(reasonOf(cmp, '2')).toMatch(/MD5 differs \(single-part ETags\)/);
    const plan = unwrap(await f.core.handlers['sync:plan']({ compareId: cmp.compareId, direction: 'make-right' }));
    expect(plan.actions.map((a) => `${a.kind}:${a.key}`)).toEqual(['copy:2', 'copy:3']);
    // Across connections the bytes pass through the app: transfer-queue items (progress, cancel, retry).
    expect(unwrap(await f.core.handlers['sync:run']({ planId: plan.planId }))).toMatchObject({ queued: 2, copied: 0, deleted: 0, failed: [] });
    await f.core.transfers.queue.whenIdle();
    const items = f.core.transfers.list().items.filter((i) => i.bucket === 'sync-b');
    expect(items.map((i) => [i.key, i.state, i.direction, i.transferred, i.note]).sort()).toEqual([
      ['y/2', 'done', 'upload', 3, 'copy of s3://sync-a/x/2'],
      ['y/3', 'done', 'upload', 5, 'copy of s3://sync-a/x/3'],
    ]);
    const again = unwrap(await f.core.handlers['sync:compare']({ left, right }));
    expect(groupOf(again)).toEqual({ '1': 'same', '2': 'same', '3': 'same', '4': 'right-only' });
    expect(f.proxy.count('HeadObject') - heads).toBe(0);
  });

  it('a cross-connection copy is a transfer item: cancelled from the queue it writes nothing, retried it completes', async () => {
    await f.server.seed('sync-c', [['x/held.txt', 'held bytes']]);
    await f.server.seed('sync-d', [['y/other.txt', 'o']]);
    const second = unwrap(
      await f.core.handlers['connections:add']({ name: 'third', endpoint: f.proxy.url, region: f.server.region, forcePathStyle: true, credentials: f.server.credentials }),
    ).id;
    const left = { kind: 's3' as const, connectionId: f.connectionId, bucket: 'sync-c', prefix: 'x/' };
    const right = { kind: 's3' as const, connectionId: second, bucket: 'sync-d', prefix: 'y/' };
    const cmp = unwrap(await f.core.handlers['sync:compare']({ left, right }));
    const plan = unwrap(await f.core.handlers['sync:plan']({ compareId: cmp.compareId, direction: 'make-right' }));
    unwrap(await f.core.handlers['transfers:clear']({ includeFailed: true }));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const remove = f.proxy.addRule((w) => {
      if (w.operation !== 'GetObject' || w.key !== 'x/held.txt') return undefined;
      arrived();
      return { kind: 'hold', until: held };
    });
    try {
      expect(unwrap(await f.core.handlers['sync:run']({ planId: plan.planId }))).toMatchObject({ queued: 1, copied: 0 });
      await reached;
      expect(unwrap(await f.core.handlers['transfers:cancel']({})).count).toBe(1);
      await f.core.transfers.queue.whenIdle();
    } finally {
      release();
      remove();
    }
    expect(f.core.transfers.list().items.map((i) => [i.key, i.state])).toEqual([['y/held.txt', 'cancelled']]);
    expect(await f.server.keys('sync-d', 'y/')).toEqual(['y/other.txt']);
    expect(unwrap(await f.core.handlers['transfers:retry']({})).count).toBe(1);
    await f.core.transfers.queue.whenIdle();
    expect(f.core.transfers.list().items.map((i) => [i.key, i.state, i.transferred])).toEqual([['y/held.txt', 'done', 10]]);
    expect((await f.server.body('sync-d', 'y/held.txt')).toString()).toBe('held bytes');
  });
});

describe('a 10,000-object compare', () => {
  it('sends no HeadObject and only the listing requests a bare paginator needs', async () => {
    // Seeding 10,000 PUTs on RGW takes about a minute here, and over 5 when the shared machine is busy.
    const n = 10_000;
    const objects: [string, string][] = [];
    const local = path.join(dir, 'ten-k');
    for (let i = 0; i < n; i++) objects.push([`t/d${i % 20}/f${i}.txt`, `body ${i}`]);
    await f.server.seed('sync-10k', objects);
    for (let d = 0; d < 20; d++) await mkdir(path.join(local, `d${d}`), { recursive: true });
    // One in a hundred differs in content at the same size.
    await Promise.all(objects.map(([k, b], i) => writeFile(path.join(local, ...k.slice(2).split('/')), i % 100 === 0 ? b.replace('body', 'BODY') : b)));
    const heads = f.proxy.count('HeadObject');
    const lists = f.proxy.count('ListObjectsV2');
    const cmp = unwrap(
      await f.core.handlers['sync:compare']({ left: { kind: 'local', path: local }, right: { kind: 's3', connectionId: f.connectionId, bucket: 'sync-10k', prefix: 't/' } }),
    );
    const listed = f.proxy.count('ListObjectsV2') - lists;
    expect(cmp.groups.same.count).toBe(n - n / 100);
    expect(cmp.groups.different.count).toBe(n / 100);
    expect(f.proxy.count('HeadObject') - heads).toBe(0);
    expect(listed).toBe(await bareListings(f, 'sync-10k', 't/'));
  }, 600_000);
});
