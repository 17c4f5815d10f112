/**
 * Versions and recovery against a real S3 (issue 13). fauxqs has no versioning at all (no
 * PutBucketVersioning, no version ids), so every test here runs on the RGW lane only.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  type ListObjectVersionsCommandOutput,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OperationProgress } from '../../shared/operations';
import { currentLane } from '../../testkit/s3-lane';
import { type CoreFixture, listFolder, startCoreFixture, unwrap } from '../../testkit/core-fixture';

interface RawVersion {
  key: string;
  versionId: string;
  marker: boolean;
  latest: boolean;
  at: number;
}

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe.skipIf(currentLane() === 'fauxqs')('versions on a versioned bucket (RGW; fauxqs has no versioning)', () => {
  let f: CoreFixture;
  let direct: S3Client;
  const bucket = 'versioned';
  /** Every `operations:progress` event the core sent. */
  const progress: OperationProgress[] = [];

  /** Every version under a prefix, listed with the SDK straight at the server (not through the app or proxy). */
  async function rawVersions(prefix: string, client: S3Client = direct): Promise<RawVersion[]> {
    const out: RawVersion[] = [];
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    for (;;) {
      const page: ListObjectVersionsCommandOutput = await client.send(
        new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }),
      );
      for (const v of page.Versions ?? []) out.push({ key: v.Key!, versionId: v.VersionId!, marker: false, latest: v.IsLatest!, at: v.LastModified!.getTime() });
      for (const m of page.DeleteMarkers ?? []) out.push({ key: m.Key!, versionId: m.VersionId!, marker: true, latest: m.IsLatest!, at: m.LastModified!.getTime() });
      if (!page.IsTruncated) return out;
      keyMarker = page.NextKeyMarker;
      versionIdMarker = page.NextVersionIdMarker;
    }
  }

  async function deleteKeys(keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      await direct.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })) } }));
    }
  }

  const ref = () => ({ connectionId: f.connectionId, bucket });

  beforeAll(async () => {
    f = await startCoreFixture({
      events: (channel, payload) => {
        if (channel === 'operations:progress') progress.push(payload as OperationProgress);
      },
    });
    direct = new S3Client({
      endpoint: f.server.url,
      region: f.server.region,
      forcePathStyle: true,
      credentials: { ...f.server.credentials },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      maxAttempts: 5,
    });
    await f.server.createBucket(bucket);
    expect(unwrap(await f.core.handlers['versions:state'](ref())).state).toBe('never');
    expect(unwrap(await f.core.handlers['versions:set-state']({ ...ref(), enabled: true })).state).toBe('enabled');
  });

  afterAll(async () => {
    direct?.destroy();
    await f?.close();
  });

  // Seeding on RGW takes most of these tests' time; the machine may be shared, hence the long timeouts.
  it('lists 1,200 versions of one key past the 1,000 page, exact key only', { timeout: 240_000 }, async () => {
    const bodies = Array.from({ length: 1200 }, (_, i) => [`big/k.txt`, `v${i}`] as [string, string]);
    await f.server.seed(bucket, [...bodies, ['big/k.txt.bak', 'sibling']]);
    f.proxy.reset();
    const markers: string[] = [];
    const stop = f.proxy.addRule((req) => {
      if (req.operation === 'ListObjectVersions') markers.push(req.query.get('version-id-marker') ?? '');
      return undefined;
    });
    const list = unwrap(await f.core.handlers['versions:list']({ ...ref(), key: 'big/k.txt' }));
    stop();
    expect(list.versions).toHaveLength(1200);
    expect(new Set(list.versions.map((v) => v.versionId)).size).toBe(1200);
    expect(list.versions.filter((v) => v.isLatest)).toHaveLength(1);
    expect(list.versions[0]?.isLatest).toBe(true);
    // RGW answers MaxKeys=1000 with pages of its own size (300–650 seen, varying run to run), so no fixed
    // count: each page asked once, from the marker of the one before, the first from the start.
    const listed = f.proxy.count('ListObjectVersions');
    expect(listed).toBeGreaterThanOrEqual(2);
    expect(markers).toHaveLength(listed);
    expect(markers[0]).toBe('');
    expect(new Set(markers).size).toBe(listed);
    // Cached: a second look sends nothing.
    unwrap(await f.core.handlers['versions:list']({ ...ref(), key: 'big/k.txt' }));
    expect(f.proxy.count('ListObjectVersions')).toBe(listed);
  });

  it('restores an old version as a new current one with the old bytes; deletes a version for good', async () => {
    await direct.send(new PutObjectCommand({ Bucket: bucket, Key: 'r/doc.txt', Body: 'first draft' }));
    await direct.send(new PutObjectCommand({ Bucket: bucket, Key: 'r/doc.txt', Body: 'second draft' }));
    const before = unwrap(await f.core.handlers['versions:list']({ ...ref(), key: 'r/doc.txt' }));
    const oldest = before.versions[before.versions.length - 1]!;
    unwrap(await f.core.handlers['versions:restore-version']({ ...ref(), key: 'r/doc.txt', versionId: oldest.versionId }));
    expect(sha(await f.server.body(bucket, 'r/doc.txt'))).toBe(sha('first draft'));
    // The restore dropped the cached versions: the list shows the new current version on top.
    const after = unwrap(await f.core.handlers['versions:list']({ ...ref(), key: 'r/doc.txt' }));
    expect(after.versions).toHaveLength(3);
    expect(after.versions.filter((v) => v.isDeleteMarker)).toHaveLength(0);
    expect(after.versions[0]?.versionId).not.toBe(oldest.versionId);

    unwrap(await f.core.handlers['versions:delete-version']({ ...ref(), key: 'r/doc.txt', versionId: oldest.versionId }));
    const raw = await rawVersions('r/doc.txt');
    expect(raw.map((v) => v.versionId)).not.toContain(oldest.versionId);
    // Deleted behind the app's back (here: just now): a restore of it is NoSuchVersion, not a generic error.
    const gone = await f.core.handlers['versions:restore-version']({ ...ref(), key: 'r/doc.txt', versionId: oldest.versionId });
    expect(gone.ok ? null : gone.error.code).toBe('NoSuchVersion');
  });

  it('shows deleted files and folders, and undeletes a 2,500-object folder: exactly its 2,500 markers', async () => {
    const keys = Array.from({ length: 2500 }, (_, i) => `u/gone/sub${i % 5}/f${String(i).padStart(4, '0')}`);
    await f.server.seed(bucket, [...keys.map((k) => [k, k] as [string, string]), ['u/alive.txt', 'here'], ['u/dead.txt', 'bye']]);
    await deleteKeys([...keys, 'u/dead.txt']);

    const deleted = unwrap(await f.core.handlers['versions:deleted']({ ...ref(), prefix: 'u/' }));
    expect(deleted.map((d) => `${d.kind}:${d.key}`).sort()).toEqual(['folder:u/gone/', 'object:u/dead.txt']);

    f.proxy.reset();
    const plan = unwrap(await f.core.handlers['versions:plan-undelete']({ ...ref(), items: [{ key: 'u/gone/', kind: 'folder' }] }));
    expect(plan.markers).toBe(2500);
    const report = unwrap(await f.core.handlers['versions:run']({ planId: plan.planId }));
    expect(report).toMatchObject({ done: 2500, failed: [], notRun: 0 });
    expect(f.proxy.count('DeleteObjects')).toBe(3);
    expect(f.proxy.count('ListObjectVersions')).toBeLessThanOrEqual(6);

    const raw = await rawVersions('u/');
    expect(raw.filter((v) => v.marker).map((v) => v.key)).toEqual(['u/dead.txt']);
    expect((await f.server.keys(bucket, 'u/gone/')).sort()).toEqual([...keys].sort());
  }, 240_000);

  it('an undelete cut off midway reports what was done and what was not', async () => {
    const keys = Array.from({ length: 2100 }, (_, i) => `cut/f${i}`);
    await f.server.seed(bucket, keys.map((k) => [k, 'x'] as [string, string]));
    await deleteKeys(keys);
    const plan = unwrap(await f.core.handlers['versions:plan-undelete']({ ...ref(), items: [{ key: 'cut/', kind: 'folder' }] }));
    let batches = 0;
    const stop = f.proxy.addRule((req) => (req.operation === 'DeleteObjects' && ++batches === 2 ? { kind: 'deny' } : undefined));
    try {
      const report = unwrap(await f.core.handlers['versions:run']({ planId: plan.planId }));
      expect(report.done).toBe(1000);
      expect(report.failed).toHaveLength(1000);
      expect(report.failed[0]?.code).toBe('AccessDenied');
      expect(report.notRun).toBe(100);
      expect(await f.server.keys(bucket, 'cut/')).toHaveLength(1000);
    } finally {
      stop();
    }
  }, 240_000);

  it('an undelete reports live counts and stops when cancelled: done, not run, and nothing guessed', async () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `stop/f${String(i).padStart(4, '0')}`);
    await f.server.seed(bucket, keys.map((k) => [k, 'x'] as [string, string]));
    await deleteKeys(keys);
    const plan = unwrap(await f.core.handlers['versions:plan-undelete']({ ...ref(), items: [{ key: 'stop/', kind: 'folder' }] }));
    expect(plan.markers).toBe(3000);
    progress.length = 0;
    // The second batch waits on the wire until the test has pressed cancel (state, not time).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let batches = 0;
    const stopRule = f.proxy.addRule((req) => (req.operation === 'DeleteObjects' && ++batches === 2 ? { kind: 'hold', until: held } : undefined));
    try {
      const running = f.core.handlers['versions:run']({ planId: plan.planId });
      await vi.waitFor(() => expect(progress.some((p) => p.operationId === plan.planId && p.done === 1000)).toBe(true), { timeout: 60_000, interval: 5 });
      expect(unwrap(await f.core.handlers['versions:cancel']({ planId: plan.planId })).cancelled).toBe(true);
      release();
      const report = unwrap(await running);
      expect(report).toMatchObject({ done: 2000, failed: [], notRun: 1000, cancelled: true });
      const mine = progress.filter((p) => p.operationId === plan.planId);
      expect(mine[0]).toMatchObject({ kind: 'undelete', total: 3000, done: 0, finished: false });
      expect(mine.at(-1)).toMatchObject({ total: 3000, done: 2000, failed: 0, finished: true });
      expect(batches).toBe(2);
      // On the server: the two batches that ran are undeleted, the third one's 1,000 markers are still current.
      expect(await f.server.keys(bucket, 'stop/')).toHaveLength(2000);
      const raw = await rawVersions('stop/');
      expect(raw.filter((v) => v.marker && v.latest)).toHaveLength(1000);
      expect(unwrap(await f.core.handlers['versions:cancel']({ planId: plan.planId })).cancelled).toBe(false);
    } finally {
      stopRule();
      release();
    }
  }, 240_000);

  it('views a folder as of T and restores it, against an independent ListObjectVersions', async () => {
    const put = (key: string, body: string) => direct.send(new PutObjectCommand({ Bucket: bucket, Key: `t/${key}`, Body: body }));
    // Before T: a, b, c, old/x written; b overwritten; gone-before deleted.
    for (const k of ['a', 'b', 'c', 'old/x', 'gone-before']) await put(k, `${k}@1`);
    await put('b', 'b@2');
    await deleteKeys(['t/gone-before']);
    const beforeT = await rawVersions('t/');
    const at = Math.max(...beforeT.map((v) => v.at));
    // After T, every write must carry a later date: wait on the server's clock (a probe outside t/), not a timer.
    for (let probeAt = at; probeAt <= at; ) {
      await direct.send(new PutObjectCommand({ Bucket: bucket, Key: 'probe-t', Body: 'p' }));
      probeAt = (await rawVersions('probe-t')).find((v) => v.latest)!.at;
    }
    // After T: a overwritten, c deleted, old/x deleted, new/y added.
    await put('a', 'a@2');
    await deleteKeys(['t/c', 't/old/x']);
    await put('new/y', 'y@1');
    const now = await rawVersions('t/');
    expect(now.filter((v) => v.at > at)).toHaveLength(4);

    // The expected view, from the independent listing: newest version at or before T per key, if not a marker.
    const expected = new Map<string, RawVersion>();
    for (const key of new Set(now.map((v) => v.key))) {
      const then = now.filter((v) => v.key === key && v.at <= at).sort((x, y) => y.at - x.at)[0];
      if (then && !then.marker) expected.set(key, then);
    }
    expect([...expected.keys()].sort()).toEqual(['t/a', 't/b', 't/c', 't/old/x']);

    const view = unwrap(await f.core.handlers['versions:as-of']({ ...ref(), prefix: 't/', at }));
    expect(view.map((e) => `${e.kind}:${e.key}`).sort()).toEqual(['folder:t/old/', 'object:t/a', 'object:t/b', 'object:t/c']);
    for (const e of view) if (e.kind === 'object') expect(e.version?.versionId).toBe(expected.get(e.key)?.versionId);

    const plan = unwrap(await f.core.handlers['versions:plan-restore']({ ...ref(), prefix: 't/', at, hideNewer: true }));
    // a (overwritten), c and old/x (deleted) copied back; new/y hidden; b unchanged.
    expect(plan.copies).toBe(3);
    expect(plan.bytes).toBe(['a@1', 'c@1', 'old/x@1'].reduce((n, s) => n + s.length, 0));
    expect(plan.hides).toBe(1);
    const report = unwrap(await f.core.handlers['versions:run']({ planId: plan.planId }));
    expect(report).toMatchObject({ done: 4, failed: [], notRun: 0 });

    expect((await f.server.keys(bucket, 't/')).sort()).toEqual([...expected.keys()].sort());
    for (const key of expected.keys()) expect((await f.server.body(bucket, key)).toString()).toBe(`${key.slice(2)}@${key === 't/b' ? 2 : 1}`);
    // Never deletes a version: every version listed before the restore is still there.
    const afterRestore = new Set((await rawVersions('t/')).map((v) => v.versionId));
    for (const v of now) expect(afterRestore.has(v.versionId)).toBe(true);
  });

  it('ordinary browsing sends no ListObjectVersions', async () => {
    f.proxy.reset();
    await listFolder(f, bucket, '', true);
    await listFolder(f, bucket, 'u/gone/sub1/', true);
    unwrap(await f.core.handlers['objects:stat']({ ...ref(), keys: ['u/alive.txt'] }));
    unwrap(await f.core.handlers['objects:head']({ ...ref(), key: 'u/alive.txt' }));
    expect(f.proxy.count('ListObjectsV2')).toBeGreaterThan(0);
    expect(f.proxy.count('ListObjectVersions')).toBe(0);
  });

  it('a denied ListBucketVersions says so and leaves browsing working', async () => {
    const stop = f.proxy.addRule((req) => (req.operation === 'ListObjectVersions' ? { kind: 'deny' } : undefined));
    try {
      const denied = await f.core.handlers['versions:list']({ ...ref(), key: 'u/alive.txt', refresh: true });
      expect(denied.ok ? null : denied.error).toMatchObject({ code: 'AccessDenied', message: expect.stringContaining('ListBucketVersions') });
      expect((await listFolder(f, bucket, 'u/', true)).entries.length).toBeGreaterThan(0);
    } finally {
      stop();
    }
  });
});

describe.skipIf(currentLane() === 'fauxqs')('versioning state (RGW)', () => {
  it('suspends: S3 cannot turn versioning off', async () => {
    const f = await startCoreFixture();
    try {
      await f.server.createBucket('suspend-me');
      const r = { connectionId: f.connectionId, bucket: 'suspend-me' };
      unwrap(await f.core.handlers['versions:set-state']({ ...r, enabled: true }));
      expect(unwrap(await f.core.handlers['versions:set-state']({ ...r, enabled: false })).state).toBe('suspended');
      const direct = new S3Client({ endpoint: f.server.url, region: f.server.region, forcePathStyle: true, credentials: { ...f.server.credentials } });
      await direct.send(new PutBucketVersioningCommand({ Bucket: 'suspend-me', VersioningConfiguration: { Status: 'Enabled' } }));
      direct.destroy();
      expect(unwrap(await f.core.handlers['versions:state'](r)).state).toBe('enabled');
    } finally {
      await f.close();
    }
  });
});

describe.skipIf(currentLane() === 'fauxqs')('downloading and previewing an old version (RGW)', () => {
  const bucket = 'old-versions';
  const MiB = 1024 * 1024;
  let f: CoreFixture;
  let direct: S3Client;
  let dest: string;
  const ref = () => ({ connectionId: f.connectionId, bucket });

  beforeAll(async () => {
    // Small ranges, so a 3 MiB version takes the parallel ranged path and a 20-byte one the in-memory path.
    f = await startCoreFixture({ transfers: { download: { partSize: MiB, partConcurrency: 2, maxRetries: 2, retryBaseMs: 5 } } });
    direct = new S3Client({ endpoint: f.server.url, region: f.server.region, forcePathStyle: true, credentials: { ...f.server.credentials } });
    await f.server.createBucket(bucket);
    unwrap(await f.core.handlers['versions:set-state']({ ...ref(), enabled: true }));
    dest = await mkdtemp(path.join(os.tmpdir(), 's3desk-old-version-'));
  });
  afterAll(async () => {
    direct?.destroy();
    await f?.close();
    if (dest) await rm(dest, { recursive: true, force: true });
  });

  it('downloads the bytes of a non-current version as "name (version <date>).ext", every GET naming it', async () => {
    const oldBig = randomBytes(3 * MiB + 17);
    await direct.send(new PutObjectCommand({ Bucket: bucket, Key: 'd/big.bin', Body: oldBig }));
    await direct.send(new PutObjectCommand({ Bucket: bucket, Key: 'd/big.bin', Body: 'the current one' }));
    await direct.send(new PutObjectCommand({ Bucket: bucket, Key: 'd/note.txt', Body: 'old words, 20 bytes' }));
    await direct.send(new PutObjectCommand({ Bucket: bucket, Key: 'd/note.txt', Body: 'new words' }));
    const oldOf = async (key: string) => {
      const listed = unwrap(await f.core.handlers['versions:list']({ ...ref(), key }));
      expect(listed.versions).toHaveLength(2);
      return listed.versions[1]!;
    };
    const [big, note] = [await oldOf('d/big.bin'), await oldOf('d/note.txt')];
    f.proxy.reset();
    const outcome = unwrap(
      await f.core.handlers['transfers:download']({
        ...ref(),
        items: [
          { key: 'd/big.bin', kind: 'object', versionId: big.versionId },
          { key: 'd/note.txt', kind: 'object', versionId: note.versionId },
        ],
        destination: dest,
        conflict: 'ask',
      }),
    );
    expect(outcome).toMatchObject({ status: 'queued', queued: 2, refused: [] });
    await f.core.transfers.queue.whenIdle();
    expect(f.core.transfers.list().items.map((i) => i.state)).toEqual(['done', 'done']);
    const stamp = (at: number) => new Date(at).toISOString().slice(0, 19).replace('T', ' ').replace(/:/g, '-');
    const bigName = `big (version ${stamp(big.lastModified)}).bin`;
    const noteName = `note (version ${stamp(note.lastModified)}).txt`;
    expect((await readdir(dest)).sort()).toEqual([bigName, noteName].sort());
    expect(sha(await readFile(path.join(dest, bigName)))).toBe(sha(oldBig));
    expect(await readFile(path.join(dest, noteName), 'utf8')).toBe('old words, 20 bytes');
    // One HeadObject per version (its size, ETag and date), and every GET names the version and pins its ETag.
    const gets = f.proxy.log.filter((r) => r.operation === 'GetObject');
    expect(gets.length).toBe(5); // 4 ranges of 1 MiB + one whole small object
    for (const g of gets) {
      expect(g.query.get('versionId')).toBe(g.key === 'd/big.bin' ? big.versionId : note.versionId);
      expect(g.headers['if-match']).toBe(g.key === 'd/big.bin' ? big.etag : note.etag);
    }
    expect(f.proxy.log.filter((r) => r.operation === 'HeadObject').map((r) => r.query.get('versionId'))).toEqual(expect.arrayContaining([big.versionId, note.versionId]));
    // The same version again: the name exists, so "ask" asks (nothing queued).
    const again = unwrap(
      await f.core.handlers['transfers:download']({ ...ref(), items: [{ key: 'd/note.txt', kind: 'object', versionId: note.versionId }], destination: dest, conflict: 'ask' }),
    );
    expect(again).toMatchObject({ status: 'conflicts', count: 1, sample: [noteName] });
  });

  it('previews the first bytes of an old version, not the current one', async () => {
    await direct.send(new PutObjectCommand({ Bucket: bucket, Key: 'p/readme.md', Body: '# first edition' }));
    await direct.send(new PutObjectCommand({ Bucket: bucket, Key: 'p/readme.md', Body: '# second edition' }));
    const [current, old] = unwrap(await f.core.handlers['versions:list']({ ...ref(), key: 'p/readme.md' })).versions;
    const preview = unwrap(await f.core.handlers['operations:preview']({ ...ref(), key: 'p/readme.md', versionId: old!.versionId }));
    expect(preview).toMatchObject({ kind: 'text', text: '# first edition', truncated: false });
    const now = unwrap(await f.core.handlers['operations:preview']({ ...ref(), key: 'p/readme.md', versionId: current!.versionId }));
    expect(now).toMatchObject({ kind: 'text', text: '# second edition' });
  });

  it('a version deleted behind the app’s back is refused by name, the rest still downloads', async () => {
    await direct.send(new PutObjectCommand({ Bucket: bucket, Key: 'g/a.txt', Body: 'one' }));
    await direct.send(new PutObjectCommand({ Bucket: bucket, Key: 'g/a.txt', Body: 'two' }));
    const [, old] = unwrap(await f.core.handlers['versions:list']({ ...ref(), key: 'g/a.txt' })).versions;
    unwrap(await f.core.handlers['versions:delete-version']({ ...ref(), key: 'g/a.txt', versionId: old!.versionId }));
    unwrap(await f.core.handlers['transfers:clear']({ includeFailed: true }));
    const out = unwrap(
      await f.core.handlers['transfers:download']({
        ...ref(),
        items: [
          { key: 'g/a.txt', kind: 'object', versionId: old!.versionId },
          { key: 'g/a.txt', kind: 'object' },
        ],
        destination: dest,
        conflict: 'overwrite',
      }),
    );
    expect(out).toMatchObject({ status: 'queued', queued: 1 });
    expect(out.status === 'queued' ? out.refused : []).toEqual([{ key: 'g/a.txt', reason: `g/a.txt has no version ${old!.versionId} (deleted, or never existed)` }]);
    await f.core.transfers.queue.whenIdle();
    expect(await readFile(path.join(dest, 'a.txt'), 'utf8')).toBe('two');
  });
});
