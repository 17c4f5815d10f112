/**
 * Transfers that survive a restart, against a real S3 server through the counting proxy. A core in a child
 * process is killed with SIGKILL mid-download (nothing flushed, nothing disposed); a core quit by dispose keeps
 * its journal too. A new core on the same user-data folder lists the unfinished transfer and resumes it:
 * sha256 equal, and the bytes fetched again counted from the Range headers on the wire. Runs on the run's lane
 * (fauxqs, and Ceph RGW in the rgw project), where RGW's own ListParts shows which parts survived the kill.
 */
import { fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ListPartsCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventChannel, IpcEvents } from '../../../shared/ipc';
import type { TransferProgressEvent } from '../../../shared/transfers';
import { type Core, createCore } from '../../core/create-core';
import { unwrap } from '../../../testkit/core-fixture';
import { type CountingProxy, startCountingProxy, type WireRequest } from '../../../testkit/counting-proxy';
import { currentLane, type LaneServer, startLaneServer } from '../../../testkit/s3-lane';
import type { ChildPlan } from './core-child';
import { CHANGED_NOTE } from './journaled-download';
import { SOURCE_CHANGED_NOTE } from './resumable-upload';
import { JOURNAL_FILE } from './journal-store';
import { SHARED_TEST_SECRET_BOX } from './shared-test-secret-box';

const MiB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function shaOfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 8 * MiB })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Parts the server holds for an upload, asked directly (not through the proxy, so not counted). */
async function serverParts(lane: LaneServer, bucket: string, key: string, uploadId: string): Promise<Map<number, string>> {
  const client = new S3Client({ endpoint: lane.url, region: lane.region, forcePathStyle: true, credentials: { ...lane.credentials } });
  const parts = new Map<number, string>();
  let marker: string | undefined;
  try {
    for (;;) {
      const page = await client.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId, ...(marker ? { PartNumberMarker: marker } : {}) }));
      for (const p of page.Parts ?? []) parts.set(p.PartNumber!, p.ETag!);
      if (!page.IsTruncated || !page.NextPartNumberMarker) return parts;
      marker = page.NextPartNumberMarker;
    }
  } finally {
    client.destroy();
  }
}

/** Inclusive byte ranges of the GetObject requests in a proxy log. */
function rangesOf(log: readonly WireRequest[], key: string): Array<[number, number]> {
  return log
    .filter((r) => r.operation === 'GetObject' && r.key === key)
    .map((r) => {
      const m = /^bytes=(\d+)-(\d+)$/.exec(r.range ?? '');
      if (!m) throw new Error(`a GET without a closed range: ${r.range ?? 'none'}`);
      return [Number(m[1]), Number(m[2])] as [number, number];
    });
}

const bytesOf = (ranges: Array<[number, number]>) => ranges.reduce((n, [a, b]) => n + b - a + 1, 0);

function overlap(a: Array<[number, number]>, b: Array<[number, number]>): number {
  let n = 0;
  for (const [a0, a1] of a) for (const [b0, b1] of b) n += Math.max(0, Math.min(a1, b1) - Math.max(a0, b0) + 1);
  return n;
}

describe(`resume after a restart (${currentLane()})`, () => {
  let server: LaneServer;
  let proxy: CountingProxy;
  let root: string;
  let userData: string;
  let dest: string;
  const cores: Core[] = [];
  const bucket = 'resume';
  let progress: ((e: TransferProgressEvent) => void) | null = null;

  beforeAll(async () => {
    server = await startLaneServer();
    proxy = await startCountingProxy(server.url);
  }, 60_000);
  afterAll(async () => {
    await proxy.close();
    await server.close();
  });
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 's3desk-resume-'));
    userData = path.join(root, 'user-data');
    dest = path.join(root, 'dest');
    await Promise.all([userData, dest].map((d) => import('node:fs/promises').then((fs) => fs.mkdir(d, { recursive: true }))));
    proxy.clearRules();
    proxy.reset();
    progress = null;
  });
  afterEach(async () => {
    proxy.clearRules();
    for (const core of cores.splice(0)) await core.dispose();
    await rm(root, { recursive: true, force: true });
  });

  /** A core on the shared user-data folder, as the app would be after a restart. */
  function startCore(tuning: { partSize: number; partConcurrency: number }): Core {
    const core = createCore({
      userDataDir: userData,
      secretBox: SHARED_TEST_SECRET_BOX,
      events: <E extends EventChannel>(channel: E, payload: IpcEvents[E]) => {
        if (channel === 'transfers:progress') progress?.(payload as TransferProgressEvent);
      },
      transfers: { tempDir: path.join(root, `temp-${cores.length}`), throttleMs: 10, download: { ...tuning, maxRetries: 2, retryBaseMs: 5 } },
    });
    cores.push(core);
    return core;
  }

  async function addConnection(core: Core): Promise<string> {
    return unwrap(
      await core.handlers['connections:add']({ name: 'resume', endpoint: proxy.url, region: server.region, forcePathStyle: true, credentials: { ...server.credentials } }),
    ).id;
  }

  /** Resolves once the queue reports at least `bytes` transferred (state, not time). */
  function transferredAtLeast(bytes: number): Promise<void> {
    return new Promise((resolve) => {
      progress = (e) => {
        if (e.totals.bytesTransferred >= bytes) resolve();
      };
    });
  }

  /** Bytes the range sidecars in `dir` record as verified (0 while none is written). */
  async function recordedBytes(dir: string): Promise<number> {
    let total = 0;
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.ranges'))) {
      const text = await readFile(path.join(dir, name), 'utf8').catch(() => '');
      if (!text) continue;
      try {
        const { ranges } = JSON.parse(text) as { ranges: Array<{ start: number; end: number }> };
        total += ranges.reduce((sum, r) => sum + r.end - r.start + 1, 0);
      } catch {
        // Read mid-rename: the next poll reads the whole file.
      }
    }
    return total;
  }

  /** Queue a download in an in-process core and quit it (dispose) once `quitAt` bytes are on disk. */
  async function quitMidDownload(
    key: string,
    size: number,
    tuning: { partSize: number; partConcurrency: number },
    quitAt: number,
    at: { bucket: string; versionId?: string } = { bucket },
  ) {
    const core = startCore(tuning);
    const connectionId = await addConnection(core);
    // Ranges past the quit point wait on the wire, so the quit always lands mid-download.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    proxy.addRule((r) => (r.operation === 'GetObject' && Number(/^bytes=(\d+)/.exec(r.range ?? '')?.[1] ?? 0) >= quitAt ? { kind: 'hold', until: held } : undefined));
    const reached = transferredAtLeast(quitAt);
    const item = { key, kind: 'object' as const, ...(at.versionId !== undefined ? { versionId: at.versionId } : {}) };
    unwrap(await core.handlers['transfers:download']({ connectionId, bucket: at.bucket, items: [item], destination: dest, conflict: 'overwrite' }));
    await reached;
    await core.dispose();
    cores.splice(cores.indexOf(core), 1);
    release();
    proxy.clearRules();
    expect(size).toBeGreaterThan(quitAt);
  }

  it('resumes a 256 MiB multipart upload whose core was killed with SIGKILL, with the parts sent before', async () => {
    const size = 256 * MiB;
    const body = randomBytes(size);
    const source = path.join(root, 'upload-source.bin');
    await writeFile(source, body);
    await server.seed(bucket, [['placeholder', Buffer.from('x')]]);
    const tuning = { partSize: 8 * MiB, partConcurrency: 4 };
    const plan: ChildPlan = {
      userDataDir: userData,
      tempDir: path.join(root, 'child-temp'),
      endpoint: proxy.url,
      credentials: { ...server.credentials },
      region: server.region,
      direction: 'upload',
      bucket,
      key: 'upload-source.bin',
      destination: dest,
      source,
      ...tuning,
    };
    expect(await killChildAt(plan, size / 2)).toBe('SIGKILL');
    const partsBefore = new Set(proxy.log.filter((r) => r.operation === 'UploadPart').map((r) => Number(r.query.get('partNumber'))));
    const uploadIds = new Set(proxy.log.filter((r) => r.operation === 'UploadPart').map((r) => r.query.get('uploadId')));
    expect(uploadIds.size).toBe(1);
    const [uploadId] = [...uploadIds] as [string];
    // What the server itself holds after the kill: parts that went up, recorded in the journal or not.
    const kept = await serverParts(server, bucket, 'upload-source.bin', uploadId);
    expect(kept.size).toBeGreaterThan(0);
    for (const n of kept.keys()) expect(partsBefore.has(n)).toBe(true);
    proxy.reset();

    const core = startCore(tuning);
    const [item] = unwrap(await core.handlers['transfers:unfinished']({})).items;
    expect(item).toMatchObject({ direction: 'upload', key: 'upload-source.bin', localPath: source, state: 'interrupted' });
    expect(item!.bytesKept).toBeGreaterThanOrEqual(size / 2 - tuning.partConcurrency * tuning.partSize);
    unwrap(await core.handlers['transfers:resume-unfinished']({}));
    await core.transfers.queue.whenIdle();
    expect(core.transfers.list().items[0]).toMatchObject({ state: 'done', note: null });

    // One ListParts, no new upload, and the parts sent again are at most those under way at the kill.
    expect(proxy.count('ListParts')).toBe(1);
    expect(proxy.count('CreateMultipartUpload')).toBe(0);
    const partsAfter = proxy.log.filter((r) => r.operation === 'UploadPart').map((r) => Number(r.query.get('partNumber')));
    expect(partsAfter.filter((n) => partsBefore.has(n)).length).toBeLessThanOrEqual(tuning.partConcurrency);
    // Parts that went up unrecorded just before the kill are found by ListParts and kept too.
    expect(partsAfter.length).toBeLessThanOrEqual(size / tuning.partSize - item!.bytesKept / tuning.partSize);
    // The parts the server held were not sent again: the upload completed with them, under the same UploadId.
    expect(partsAfter.filter((n) => kept.has(n))).toEqual([]);
    const complete = proxy.log.filter((r) => r.operation === 'CompleteMultipartUpload');
    expect(complete.map((r) => r.query.get('uploadId'))).toEqual([uploadId]);
    expect(sha(await getObject(core, 'upload-source.bin'))).toBe(sha(body));
  }, 180_000);

  it('starts an unfinished upload over when its source file changed meanwhile', async () => {
    const size = 32 * MiB;
    const source = path.join(root, 'changing.bin');
    await writeFile(source, randomBytes(size));
    const tuning = { partSize: 8 * MiB, partConcurrency: 1 };
    const core = startCore(tuning);
    const connectionId = await addConnection(core);
    // The third part waits on the wire: two parts are up when the app quits.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    proxy.addRule((r) => (r.operation === 'UploadPart' && r.query.get('partNumber') === '3' ? { kind: 'hold', until: held } : undefined));
    const reached = transferredAtLeast(16 * MiB);
    unwrap(await core.handlers['transfers:upload']({ connectionId, bucket, prefix: '', paths: [source], conflict: 'overwrite' }));
    await reached;
    await core.dispose();
    cores.splice(cores.indexOf(core), 1);
    release();
    proxy.clearRules();
    // Same size, other bytes in the first part.
    const changed = randomBytes(size);
    await writeFile(source, changed);
    proxy.reset();

    const next = startCore(tuning);
    unwrap(await next.handlers['transfers:resume-unfinished']({}));
    await next.transfers.queue.whenIdle();
    expect(next.transfers.list().items[0]).toMatchObject({ state: 'done', note: SOURCE_CHANGED_NOTE });
    expect(proxy.count('AbortMultipartUpload')).toBe(1);
    expect(proxy.count('CreateMultipartUpload')).toBe(1);
    expect(proxy.count('UploadPart')).toBe(4);
    expect(sha(await getObject(next, 'changing.bin'))).toBe(sha(changed));
  });

  it('resumes a 256 MiB download whose core was killed with SIGKILL, fetching at most one range per stream again', async () => {
    const key = 'big/killed.bin';
    const size = 256 * MiB;
    const body = randomBytes(size);
    await server.seed(bucket, [[key, body]]);
    const tuning = { partSize: 8 * MiB, partConcurrency: 4 };
    const plan: ChildPlan = {
      userDataDir: userData,
      tempDir: path.join(root, 'child-temp'),
      endpoint: proxy.url,
      credentials: { ...server.credentials },
      region: server.region,
      direction: 'download',
      bucket,
      key,
      destination: dest,
      ...tuning,
    };
    // Half the object on disk: several ranges complete, up to one per stream under way.
    expect(await killChildAt(plan, size / 2)).toBe('SIGKILL');
    const before = rangesOf(proxy.log, key);
    expect(bytesOf(before)).toBeLessThan(size);
    proxy.reset();

    const core = startCore(tuning);
    const report = unwrap(await core.handlers['transfers:unfinished']({}));
    expect(report.setAside).toBeNull();
    expect(report.items).toHaveLength(1);
    const [item] = report.items;
    expect(item).toMatchObject({ direction: 'download', bucket, key, size, state: 'interrupted', localPath: path.join(dest, 'killed.bin') });
    expect(item!.bytesKept).toBeGreaterThanOrEqual(size / 2 - tuning.partConcurrency * tuning.partSize);
    expect(unwrap(await core.handlers['transfers:resume-unfinished']({})).count).toBe(1);
    await core.transfers.queue.whenIdle();
    const [done] = core.transfers.list().items;
    expect(done?.state).toBe('done');
    expect(await shaOfFile(path.join(dest, 'killed.bin'))).toBe(sha(body));

    const after = rangesOf(proxy.log, key);
    // Exactly the ranges the sidecar did not hold were fetched, and what was fetched twice is at most the
    // ranges that were under way (one per stream) when the process died.
    expect(bytesOf(after)).toBe(size - item!.bytesKept);
    expect(overlap(before, after)).toBeLessThanOrEqual(tuning.partConcurrency * tuning.partSize);
    // Nothing left behind: no part file, no sidecar, no journal entry.
    expect(await readdir(dest)).toEqual(['killed.bin']);
    await core.transfers.dispose();
    const journal = JSON.parse(await readFile(path.join(userData, JOURNAL_FILE), 'utf8')) as { entries: unknown[] };
    expect(journal.entries).toEqual([]);
  }, 180_000);

  async function getObject(core: Core, key: string): Promise<Buffer> {
    const connectionId = unwrap(await core.handlers['connections:list']({})).find((c) => c.name === 'resume' || c.name === 'child')!.id;
    const to = await mkdtemp(path.join(root, 'check-'));
    unwrap(await core.handlers['transfers:download']({ connectionId, bucket, items: [{ key, kind: 'object' }], destination: to, conflict: 'overwrite' }));
    await core.transfers.queue.whenIdle();
    return readFile(path.join(to, key));
  }

  /** Run `plan` in a child core and SIGKILL it once it reports `bytes` transferred; resolves with the signal. */
  async function killChildAt(plan: ChildPlan, bytes: number): Promise<NodeJS.Signals | null> {
    const child = fork(path.join(import.meta.dirname, 'core-child.ts'), [JSON.stringify(plan)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.on('message', (m: { transferred?: number; error?: string }) => {
        if (m.error) reject(new Error(m.error));
        if ((m.transferred ?? 0) >= bytes && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error('the child exited before it was killed')));
    }).catch((error: unknown) => {
      if (!child.killed) throw error;
    });
    return exited;
  }

  it('redoes a kept range that was tampered with after a quit, and says so', async () => {
    const key = 'tampered.bin';
    const size = 48 * MiB;
    const body = randomBytes(size);
    await server.seed(bucket, [[key, body]]);
    const tuning = { partSize: 4 * MiB, partConcurrency: 3 };
    await quitMidDownload(key, size, tuning, 24 * MiB);
    const part = (await readdir(dest)).find((n) => n.endsWith('.part'))!;
    expect(part).toBeDefined();
    // Change bytes inside the second range (kept and recorded as verified).
    const fh = await open(path.join(dest, part), 'r+');
    await fh.write(Buffer.from('not the bytes S3 sent'), 0, 21, 4 * MiB + 100);
    await fh.close();
    proxy.reset();

    const core = startCore(tuning);
    const [item] = unwrap(await core.handlers['transfers:unfinished']({})).items;
    expect(item?.bytesKept).toBe(24 * MiB);
    unwrap(await core.handlers['transfers:resume-unfinished']({ ids: [item!.id] }));
    await core.transfers.queue.whenIdle();
    const [done] = core.transfers.list().items;
    expect(done).toMatchObject({ state: 'done', note: '1 range of the kept part file failed verification and was fetched again' });
    expect(await shaOfFile(path.join(dest, key))).toBe(sha(body));
    // The 24 MiB not kept, plus the one 4 MiB range that failed verification.
    expect(bytesOf(rangesOf(proxy.log, key))).toBe(28 * MiB);
    expect(await readdir(dest)).toEqual([key]);
  });

  it('starts over, with a note, when the object changed on the server meanwhile', async () => {
    const key = 'changed.bin';
    await server.seed(bucket, [[key, randomBytes(24 * MiB)]]);
    await quitMidDownload(key, 24 * MiB, { partSize: 4 * MiB, partConcurrency: 2 }, 8 * MiB);
    const replaced = randomBytes(20 * MiB);
    await server.seed(bucket, [[key, replaced]]);

    const core = startCore({ partSize: 4 * MiB, partConcurrency: 2 });
    unwrap(await core.handlers['transfers:resume-unfinished']({}));
    await core.transfers.queue.whenIdle();
    const [done] = core.transfers.list().items;
    expect(done).toMatchObject({ state: 'done', note: CHANGED_NOTE, size: 20 * MiB });
    expect(await shaOfFile(path.join(dest, key))).toBe(sha(replaced));
    expect(proxy.log.filter((r) => r.operation === 'GetObject' && r.status === 412).length).toBeGreaterThan(0);
    expect(await readdir(dest)).toEqual([key]);
  });

  it.skipIf(currentLane() === 'fauxqs')('resumes the download of an old version by its id after a quit (RGW: fauxqs has no versions)', async () => {
    const versioned = 'resume-versions';
    const key = 'old.bin';
    const direct = new S3Client({ endpoint: server.url, region: server.region, forcePathStyle: true, credentials: { ...server.credentials } });
    const old = randomBytes(24 * MiB);
    try {
      await server.createBucket(versioned);
      await direct.send(new PutBucketVersioningCommand({ Bucket: versioned, VersioningConfiguration: { Status: 'Enabled' } }));
      const first = await direct.send(new PutObjectCommand({ Bucket: versioned, Key: key, Body: old }));
      await direct.send(new PutObjectCommand({ Bucket: versioned, Key: key, Body: 'the current version' }));
      const versionId = first.VersionId!;
      await quitMidDownload(key, 24 * MiB, { partSize: 4 * MiB, partConcurrency: 2 }, 8 * MiB, { bucket: versioned, versionId });
      const journal = JSON.parse(await readFile(path.join(userData, JOURNAL_FILE), 'utf8')) as { entries: Array<{ versionId?: string; target: string }> };
      expect(journal.entries).toHaveLength(1);
      expect(journal.entries[0]!.versionId).toBe(versionId);
      proxy.reset();

      const core = startCore({ partSize: 4 * MiB, partConcurrency: 2 });
      unwrap(await core.handlers['transfers:resume-unfinished']({}));
      await core.transfers.queue.whenIdle();
      const [done] = core.transfers.list().items;
      expect(done?.state).toBe('done');
      expect(await shaOfFile(journal.entries[0]!.target)).toBe(sha(old));
      expect(path.basename(journal.entries[0]!.target)).toMatch(/^old \(version \d{4}-\d\d-\d\d \d\d-\d\d-\d\d\)\.bin$/);
      // After the restart: only the rest was fetched, every GET naming the old version.
      const gets = proxy.log.filter((r) => r.operation === 'GetObject');
      expect(gets.length).toBeGreaterThan(0);
      expect(gets.every((g) => g.query.get('versionId') === versionId)).toBe(true);
      expect(gets.map((g) => g.range)).not.toContain('bytes=0-4194303');
    } finally {
      direct.destroy();
    }
  });

  it('pauses a running download and resumes it from its verified ranges', async () => {
    const key = 'paused.bin';
    const body = randomBytes(32 * MiB);
    await server.seed(bucket, [[key, body]]);
    const core = startCore({ partSize: 4 * MiB, partConcurrency: 2 });
    const connectionId = await addConnection(core);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    proxy.addRule((r) => (r.operation === 'GetObject' && Number(/^bytes=(\d+)/.exec(r.range ?? '')?.[1] ?? 0) >= 16 * MiB ? { kind: 'hold', until: held } : undefined));
    const reached = transferredAtLeast(16 * MiB);
    unwrap(await core.handlers['transfers:download']({ connectionId, bucket, items: [{ key, kind: 'object' }], destination: dest, conflict: 'overwrite' }));
    await reached;
    // Bytes on disk count before their range is hashed and recorded: pause once the sidecar holds all 16 MiB,
    // so the resume's exact byte count below does not depend on that race.
    await expect.poll(() => recordedBytes(dest), { timeout: 30_000 }).toBe(16 * MiB);
    expect(unwrap(await core.handlers['transfers:pause']({})).count).toBe(1);
    await core.transfers.queue.whenIdle();
    expect(core.transfers.list().items[0]?.state).toBe('paused');
    release();
    proxy.clearRules();
    proxy.reset();
    expect(unwrap(await core.handlers['transfers:resume']({})).count).toBe(1);
    await core.transfers.queue.whenIdle();
    expect(core.transfers.list().items[0]?.state).toBe('done');
    expect(await shaOfFile(path.join(dest, key))).toBe(sha(body));
    expect(bytesOf(rangesOf(proxy.log, key))).toBe(16 * MiB);
  });

  it('discards an unfinished download with its part file and sidecar', async () => {
    const key = 'discarded.bin';
    await server.seed(bucket, [[key, randomBytes(16 * MiB)]]);
    await quitMidDownload(key, 16 * MiB, { partSize: 4 * MiB, partConcurrency: 2 }, 8 * MiB);
    expect((await readdir(dest)).sort().map((n) => path.extname(n))).toEqual(['.part', '.ranges']);

    const core = startCore({ partSize: 4 * MiB, partConcurrency: 2 });
    expect(unwrap(await core.handlers['transfers:discard-unfinished']({})).count).toBe(1);
    expect(await readdir(dest)).toEqual([]);
    expect(unwrap(await core.handlers['transfers:unfinished']({})).items).toEqual([]);
    expect(unwrap(await core.handlers['transfers:resume-unfinished']({})).count).toBe(0);
  });

  it('sets a damaged journal aside and reports it instead of failing the start', async () => {
    await writeFile(path.join(userData, JOURNAL_FILE), '{"version":1,"entries":[{"id":');
    const core = startCore({ partSize: 4 * MiB, partConcurrency: 2 });
    const report = unwrap(await core.handlers['transfers:unfinished']({}));
    expect(report.items).toEqual([]);
    expect(report.setAside?.reason).toMatch(/damaged/);
    expect(await readFile(report.setAside!.path, 'utf8')).toBe('{"version":1,"entries":[{"id":');
  });
});
