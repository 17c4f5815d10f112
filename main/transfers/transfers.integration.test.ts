/**
 * Transfers against a real S3 server (fauxqs) over HTTP through the counting proxy. Every byte is compared by
 * sha256; the bucket's contents are read from the server's store; requests are counted on the wire.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { bareListings, type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { currentLane } from '../../testkit/s3-lane';
import type { EventChannel, IpcEvents } from '../../shared/ipc';
import type { TransferBatchEvent, TransferItem } from '../../shared/transfers';
import { partName } from './temp-sweep';

const MiB = 1024 * 1024;
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

let f: CoreFixture;
let root: string;
let dest: string;
const dragged: string[][] = [];
const notified: string[] = [];
const batches: TransferBatchEvent[] = [];
const progressEvents: number[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 's3desk-transfers-'));
  f = await startCoreFixture({
    events: <E extends EventChannel>(channel: E, payload: IpcEvents[E]) => {
      if (channel === 'transfers:batch') batches.push(payload as TransferBatchEvent);
      if (channel === 'transfers:progress') progressEvents.push(Date.now());
    },
    transfers: {
      tempDir: path.join(root, 'app-temp'),
      throttleMs: 50,
      stageGraceMs: 0,
      stageLimitBytes: 8 * MiB,
      // Small parts so moderate objects exercise parallel ranges; fauxqs takes bodies up to ~11 MiB.
      download: { partSize: 4 * MiB, partConcurrency: 6, maxRetries: 6, retryBaseMs: 5 },
      upload: { partSize: 8 * MiB, partConcurrency: 4 },
      drag: { startDrag: (paths) => void dragged.push([...paths]) },
      dialogs: {
        pickFolder: async () => dest,
        pickUploadPaths: async () => [],
        notify: (title, body) => void notified.push(`${title}: ${body}`),
      },
    },
  });
}, 60_000);
afterAll(async () => {
  await f.close();
  await rm(root, { recursive: true, force: true });
});
beforeEach(async () => {
  dest = await mkdtemp(path.join(root, 'dest-'));
  // As the app does: the destination comes from the (fake) native folder picker, which grants it.
  expect(unwrap(await f.core.handlers['transfers:pick-folder']({})).path).toBe(dest);
  f.proxy.clearRules();
  f.proxy.reset();
});
afterEach(async () => {
  f.proxy.clearRules();
  await f.core.transfers.queue.whenIdle();
  unwrap(await f.core.handlers['transfers:clear']({ includeFailed: true }));
});

const h = () => f.core.handlers;
const conn = () => f.connectionId;

async function download(bucket: string, items: Array<{ key: string; kind: 'object' | 'folder' }>, conflict: 'ask' | 'overwrite' | 'skip' | 'keep-both' = 'ask', to = dest) {
  const outcome = unwrap(await h()['transfers:download']({ connectionId: conn(), bucket, items, destination: to, conflict }));
  await f.core.transfers.queue.whenIdle();
  return outcome;
}

function items(): TransferItem[] {
  return f.core.transfers.list().items as TransferItem[];
}

/** Every file under a folder, relative, with its sha256. */
async function tree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const visit = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) await visit(full);
      else out.set(path.relative(dir, full).split(path.sep).join('/'), sha(await readFile(full)));
    }
  };
  await visit(dir);
  return out;
}

function noPartFiles(files: Map<string, string>) {
  expect([...files.keys()].filter((k) => k.endsWith('.part'))).toEqual([]);
}

describe('downloads', () => {
  it('downloads objects and folders recursively with structure preserved, listed objects need no HEAD', async () => {
    const bodies: Array<[string, Buffer]> = [
      ['docs/readme.txt', Buffer.from('hello')],
      ['docs/photos/a.jpg', randomBytes(70_000)],
      ['docs/photos/deep/b.bin', randomBytes(5 * MiB + 3)],
      ['docs/photos/empty/', Buffer.alloc(0)],
      ['docs/zero.bin', Buffer.alloc(0)],
    ];
    await f.server.seed('dl-bucket', bodies);
    // The renderer lists the folder first; the listing puts each object's size and ETag in the cache.
    unwrap(await h()['objects:list']({ connectionId: conn(), bucket: 'dl-bucket', prefix: 'docs/' }));
    f.proxy.reset();
    const appCount = async () => unwrap(await h()['cache:stats']({})).requests['GetObject'] ?? 0;
    const appBefore = await appCount();
    const outcome = await download('dl-bucket', [
      { key: 'docs/readme.txt', kind: 'object' },
      { key: 'docs/zero.bin', kind: 'object' },
      { key: 'docs/photos/', kind: 'folder' },
    ]);
    expect(outcome).toMatchObject({ status: 'queued', queued: 5, refused: [] });
    const files = await tree(dest);
    expect(Object.fromEntries(files)).toEqual({
      'readme.txt': sha(bodies[0]![1]),
      'photos/a.jpg': sha(bodies[1]![1]),
      'photos/deep/b.bin': sha(bodies[2]![1]),
      'zero.bin': sha(Buffer.alloc(0)),
    });
    expect((await stat(path.join(dest, 'photos/empty'))).isDirectory()).toBe(true);
    expect(items().every((i) => i.state === 'done')).toBe(true);
    expect(f.proxy.count('HeadObject')).toBe(0);
    expect(f.proxy.count('ListObjectsV2')).toBe(1);
    // 5 MiB + 3 in 4 MiB ranges = 2 GETs; the 0-byte object needs none.
    expect(f.proxy.count('GetObject')).toBe(4);
    // The status bar's counter agrees with the wire: signing the direct path's address probe sends nothing.
    expect((await appCount()) - appBefore).toBe(f.proxy.count('GetObject'));
    expect(batches.at(-1)).toMatchObject({ direction: 'download', done: 5, failed: 0 });
    expect(notified.at(-1)).toMatch(/Download finished: 5 done/);
  });

  it('round-trips a 256 MiB object: multipart upload, then parallel ranged download, sha256 equal', async () => {
    const big = randomBytes(256 * MiB);
    const src = path.join(root, 'big.bin');
    await writeFile(src, big);
    await f.server.createBucket('big');
    f.proxy.reset();
    const up = unwrap(await h()['transfers:upload']({ connectionId: conn(), bucket: 'big', prefix: 'x/', paths: [src], conflict: 'ask' }));
    expect(up.status).toBe('queued');
    await f.core.transfers.queue.whenIdle();
    expect(items().map((i) => i.state)).toEqual(['done']);
    expect(f.proxy.count('PutObject')).toBe(0);
    expect(f.proxy.count('UploadPart')).toBe(32);
    expect(f.proxy.count('CompleteMultipartUpload')).toBe(1);
    expect(sha((await f.server.body('big', 'x/big.bin')))).toBe(sha(big));
    await rm(src);

    f.proxy.reset();
    await download('big', [{ key: 'x/big.bin', kind: 'object' }]);
    expect(f.proxy.count('GetObject')).toBe(64);
    const files = await tree(dest);
    expect(Object.fromEntries(files)).toEqual({ 'big.bin': sha(big) });
    const [item] = items().filter((i) => i.direction === 'download');
    expect(item).toMatchObject({ state: 'done', transferred: 256 * MiB, size: 256 * MiB });
  }, 120_000);

  // Seeding 10,000 objects over HTTP costs RGW about half a minute of the shared cores: 2,000 there, which still
  // ends on an exactly full page (RGW then answers one more, empty page; the minimum is measured per server).
  const manyFiles = currentLane() === 'rgw' ? 2_000 : 10_000;
  it(`downloads a ${manyFiles}-file folder: the minimum listings, one GET per file, every byte equal`, async () => {
    const seeded = Array.from({ length: manyFiles }, (_, i): [string, string] => [`many/d${i % 10}/f-${i}.txt`, `body ${i} ${'x'.repeat(i % 50)}`]);
    await f.server.seed('many', seeded);
    const minimum = await bareListings(f, 'many', 'many/');
    f.proxy.reset();
    const started = Date.now();
    const outcome = await download('many', [{ key: 'many/', kind: 'folder' }]);
    expect(outcome).toMatchObject({ status: 'queued', queued: manyFiles });
    const files = await tree(dest);
    expect(files.size).toBe(manyFiles);
    for (const [key, body] of seeded) expect(files.get(key)).toBe(sha(body));
    expect(f.proxy.count('ListObjectsV2')).toBe(minimum);
    expect(f.proxy.count('GetObject')).toBe(manyFiles);
    expect(f.proxy.count()).toBe(manyFiles + minimum);
    // Progress is throttled: far fewer events than files.
    expect(progressEvents.filter((t) => t >= started).length).toBeLessThan(1000);
  });

  it('survives connections cut mid-body and 503s: resumes from written bytes, bytes equal, no partial files', async () => {
    const body = randomBytes(12 * MiB + 17);
    const small = randomBytes(3 * MiB);
    await f.server.seed('flaky', [
      ['f/big.bin', body],
      ['f/small.bin', small],
    ]);
    const cut = new Set<string>();
    let served503 = 0;
    f.proxy.addRule((req) => {
      if (req.operation !== 'GetObject') return undefined;
      if (served503 < 3 && req.key === 'f/small.bin') {
        served503++;
        return { kind: 'status', status: 503, code: 'SlowDown' };
      }
      // Cut each range's first attempt after 1 MiB (plus a bit), once per range start.
      const id = req.range ?? '';
      if (!cut.has(id) && /bytes=\d+-/.test(id) && !id.startsWith('bytes=1')) {
        cut.add(id);
        return { kind: 'cut', afterBytes: MiB + 4321 };
      }
      return undefined;
    });
    const outcome = await download('flaky', [{ key: 'f/', kind: 'folder' }]);
    expect(outcome.status).toBe('queued');
    expect(items().map((i) => [i.key, i.state, i.error])).toEqual(
      expect.arrayContaining([
        ['f/big.bin', 'done', null],
        ['f/small.bin', 'done', null],
      ]),
    );
    const files = await tree(dest);
    expect(Object.fromEntries(files)).toEqual({ 'f/big.bin': sha(body), 'f/small.bin': sha(small) });
    noPartFiles(files);
    expect(served503).toBe(3);
    // The retry after a cut resumed where the written bytes ended, not at the range start.
    const ranges = f.proxy.log.filter((r) => r.key === 'f/big.bin').map((r) => r.range);
    expect(ranges).toContain(`bytes=0-${4 * MiB - 1}`);
    const resumed = ranges.filter((r) => r && /^bytes=(\d+)-/.exec(r)![1] !== '0' && Number(/^bytes=(\d+)-/.exec(r)![1]) % (4 * MiB) !== 0);
    expect(resumed.length).toBeGreaterThan(0);
    for (const r of resumed) expect(Number(/^bytes=(\d+)-/.exec(r!)![1]) % (4 * MiB)).toBeGreaterThan(0);
  });

  it('a clock-skew refusal corrects the clock offset from the server Date and the GET goes again', async () => {
    const body = randomBytes(40_000);
    await f.server.seed('skew', [['s/file.bin', body]]);
    // Ten minutes ahead: what S3 says in the Date header of a RequestTimeTooSkewed answer from a server whose clock
    // differs from ours.
    const serverDate = new Date(Date.now() + 10 * 60_000).toUTCString();
    let refused = 0;
    f.proxy.addRule((req) => {
      if (req.operation !== 'GetObject' || refused > 0) return undefined;
      refused++;
      return { kind: 'status', status: 403, code: 'RequestTimeTooSkewed', headers: { date: serverDate } };
    });
    await download('skew', [{ key: 's/file.bin', kind: 'object' }]);
    expect(items().map((i) => [i.state, i.error])).toEqual([['done', null]]);
    expect(Object.fromEntries(await tree(dest))).toEqual({ 'file.bin': sha(body) });
    expect(f.proxy.count('GetObject')).toBe(2);
    const offset = (f.core.context.clientFor(conn(), 'skew').config as { systemClockOffset?: number }).systemClockOffset ?? 0;
    expect(offset).toBeGreaterThan(9 * 60_000);
    // Later requests are signed with the corrected clock (fauxqs ignores the date, so set it back for the rest).
    (f.core.context.clientFor(conn(), 'skew').config as { systemClockOffset?: number }).systemClockOffset = 0;
  });

  it('fails cleanly when the object changed since it was listed (If-Match), leaving nothing', async () => {
    await f.server.seed('chg', [['c/file.txt', 'version one']]);
    unwrap(await h()['objects:list']({ connectionId: conn(), bucket: 'chg', prefix: 'c/' }));
    await f.server.seed('chg', [['c/file.txt', 'version two, longer']]);
    await download('chg', [{ key: 'c/file.txt', kind: 'object' }]);
    const [item] = items();
    expect(item).toMatchObject({ state: 'failed', error: { code: 'Conflict' } });
    expect((await tree(dest)).size).toBe(0);
  });

  it('refuses a body that does not match its ETag (the MD5), writing nothing', async () => {
    await f.server.seed('md5', [['m/file.txt', 'the bytes the server holds']]);
    f.proxy.addRule((req) => (req.operation === 'GetObject' && req.key === 'm/file.txt' ? { kind: 'rewrite', body: (t) => t.replace('server', 'wirexx') } : undefined));
    await download('md5', [{ key: 'm/file.txt', kind: 'object' }]);
    const [item] = items();
    expect(item?.state).toBe('failed');
    expect(item?.error?.message).toMatch(/^checksum mismatch: MD5 [0-9a-f]{32} does not match the ETag [0-9a-f]{32}$/);
    expect((await tree(dest)).size).toBe(0);
  });

  it('keeps hostile keys inside the destination: sanitized or refused with a reason', async () => {
    const hostile: Array<[string, string]> = [
      ['h/../../etc/x', 'escape 1'],
      ['h/a/../../b', 'escape 2'],
      ['h/C:\\x', 'drive'],
      ['h/con.txt', 'reserved'],
      ['h/nul\u0000byte.txt', 'nul'],
      ['h//abs/y', 'abs'],
      ['h/ok.txt', 'fine'],
    ];
    // RGW refuses a key with a NUL byte at PutObject (400 InvalidRequest), so no listing can bring one there.
    await f.server.seed('hostile', currentLane() === 'rgw' ? hostile.filter(([k]) => !k.includes('\u0000')) : hostile);
    const inner = path.join(dest, 'inner', 'target');
    await mkdir(inner, { recursive: true });
    const outcome = await download('hostile', [{ key: 'h/', kind: 'folder' }], 'ask', inner);
    expect(outcome.status).toBe('queued');
    if (outcome.status !== 'queued') return;
    expect(outcome.refused.map((r) => r.key).sort()).toEqual(['h/../../etc/x', 'h/a/../../b']);
    for (const r of outcome.refused) expect(r.reason).toMatch(/refused/);
    // Refused keys are visible in the queue as failed items with the reason.
    expect(items().filter((i) => i.state === 'failed').map((i) => i.error?.code)).toEqual(['InvalidInput', 'InvalidInput']);
    // Nothing outside `inner`; what is inside is what the mapping promised.
    const all = await tree(dest);
    for (const file of all.keys()) expect(file.startsWith('inner/target/')).toBe(true);
    const inside = await tree(path.join(inner, 'h'));
    expect(inside.get('ok.txt')).toBe(sha('fine'));
    expect(inside.get('abs/y')).toBe(sha('abs'));
    expect(inside.get('con.txt') ?? inside.get('_con.txt')).toBe(sha('reserved'));
    const names = [...inside.keys()];
    expect(names.some((n) => n.includes('\u0000') || n.includes('\\'))).toBe(false);
    await expect(stat(path.join(dest, 'etc'))).rejects.toThrow();
    await expect(stat(path.join(root, 'etc'))).rejects.toThrow();
    noPartFiles(all);
  });

  it('reports a selected object that no longer exists without failing the rest', async () => {
    await f.server.seed('gone', [['g/here.txt', 'here']]);
    const outcome = await download('gone', [
      { key: 'g/missing.txt', kind: 'object' },
      { key: 'g/here.txt', kind: 'object' },
    ]);
    expect(outcome).toMatchObject({ status: 'queued', queued: 1, refused: [{ key: 'g/missing.txt', reason: expect.stringMatching(/does not exist/) }] });
    expect(Object.fromEntries(await tree(dest))).toEqual({ 'here.txt': sha('here') });
  });

  it('refuses a destination that was not picked in the folder dialog', async () => {
    await f.server.seed('grant', [['x.txt', 'x']]);
    const elsewhere = await mkdtemp(path.join(root, 'not-picked-'));
    const out = await h()['transfers:download']({ connectionId: conn(), bucket: 'grant', items: [{ key: 'x.txt', kind: 'object' }], destination: elsewhere, conflict: 'overwrite' });
    expect(out).toMatchObject({ ok: false, error: { code: 'AccessDenied' } });
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it('asks on conflicts, then overwrites, skips or keeps both as told', async () => {
    await f.server.seed('conf', [['k/a.txt', 'new a']]);
    await writeFile(path.join(dest, 'a.txt'), 'old a');
    const ask = await download('conf', [{ key: 'k/a.txt', kind: 'object' }], 'ask');
    expect(ask).toEqual({ status: 'conflicts', count: 1, sample: ['a.txt'] });
    expect(items()).toHaveLength(0);

    await download('conf', [{ key: 'k/a.txt', kind: 'object' }], 'skip');
    expect(await readFile(path.join(dest, 'a.txt'), 'utf8')).toBe('old a');
    expect(items().at(-1)?.state).toBe('skipped');

    await download('conf', [{ key: 'k/a.txt', kind: 'object' }], 'keep-both');
    await download('conf', [{ key: 'k/a.txt', kind: 'object' }], 'keep-both');
    expect(await readFile(path.join(dest, 'a (1).txt'), 'utf8')).toBe('new a');
    expect(await readFile(path.join(dest, 'a (2).txt'), 'utf8')).toBe('new a');
    expect(await readFile(path.join(dest, 'a.txt'), 'utf8')).toBe('old a');

    await download('conf', [{ key: 'k/a.txt', kind: 'object' }], 'overwrite');
    expect(await readFile(path.join(dest, 'a.txt'), 'utf8')).toBe('new a');
    noPartFiles(await tree(dest));
  });

  it("a download sweeps part files a crashed S3 Desk left in the destination, and nothing of the user's", async () => {
    await f.server.seed('sweep', [['k/new.txt', 'fresh']]);
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => child.on('exit', resolve));
    const leftover = partName(child.pid!, '0123abcd', 7);
    await writeFile(path.join(dest, leftover), 'half a file');
    await writeFile(path.join(dest, 'mine.part'), 'the user\'s');
    await download('sweep', [{ key: 'k/new.txt', kind: 'object' }]);
    expect(Object.fromEntries(await tree(dest))).toEqual({ 'mine.part': sha("the user's"), 'new.txt': sha('fresh') });
  });

  it('cancel mid-download leaves no file and no part file; retry then completes', async () => {
    const body = randomBytes(24 * MiB);
    await f.server.seed('cx-bucket', [['c/big.bin', body]]);
    // The second range (from 16 MiB) waits at the proxy until the cancel: the cancel lands mid-download
    // however fast the first range comes in.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    f.proxy.addRule((w) => (w.operation === 'GetObject' && w.range?.startsWith(`bytes=${16 * MiB}-`) ? { kind: 'hold', until: gate } : undefined));
    try {
      const outcome = unwrap(
        await h()['transfers:download']({ connectionId: conn(), bucket: 'cx-bucket', items: [{ key: 'c/big.bin', kind: 'object' }], destination: dest, conflict: 'ask' }),
      );
      expect(outcome.status).toBe('queued');
      await vi.waitFor(() => expect(items()[0]?.transferred ?? 0).toBeGreaterThan(0), { timeout: 20_000, interval: 5 });
      expect(unwrap(await h()['transfers:cancel']({})).count).toBe(1);
      await f.core.transfers.queue.whenIdle();
    } finally {
      release();
      f.proxy.clearRules();
    }
    expect(items()[0]?.state).toBe('cancelled');
    expect((await tree(dest)).size).toBe(0);
    expect(unwrap(await h()['transfers:retry']({})).count).toBe(1);
    await f.core.transfers.queue.whenIdle();
    expect(items()[0]?.state).toBe('done');
    expect(Object.fromEntries(await tree(dest))).toEqual({ 'big.bin': sha(body) });
  });
});

describe('uploads', () => {
  it('uploads a folder with structure preserved; the listing shows the new keys at once with no HeadObject', async () => {
    const src = path.join(root, 'up-src', 'album');
    await mkdir(path.join(src, 'sub', 'deeper'), { recursive: true });
    const content: Record<string, Buffer> = {
      'one.txt': Buffer.from('one'),
      'sub/two.bin': randomBytes(100_000),
      'sub/deeper/three.bin': randomBytes(9 * MiB + 5),
    };
    for (const [rel, body] of Object.entries(content)) await writeFile(path.join(src, rel), body);
    const single = path.join(root, 'up-src', 'single.txt');
    await writeFile(single, 'single');
    await f.server.seed('up-bucket', [['dst/existing.txt', 'x']]);
    const before = unwrap(await h()['objects:list']({ connectionId: conn(), bucket: 'up-bucket', prefix: 'dst/' }));
    expect(before.entries.map((e) => e.key)).toEqual(['dst/existing.txt']);

    f.proxy.reset();
    const outcome = unwrap(await h()['transfers:upload']({ connectionId: conn(), bucket: 'up-bucket', prefix: 'dst/', paths: [src, single], conflict: 'ask' }));
    expect(outcome).toMatchObject({ status: 'queued', queued: 4 });
    await f.core.transfers.queue.whenIdle();
    expect(items().every((i) => i.state === 'done')).toBe(true);
    expect(await f.server.keys('up-bucket', 'dst/')).toEqual(['dst/album/one.txt', 'dst/album/sub/deeper/three.bin', 'dst/album/sub/two.bin', 'dst/existing.txt', 'dst/single.txt']);
    for (const [rel, body] of Object.entries(content)) expect(sha((await f.server.body('up-bucket', `dst/album/${rel}`)))).toBe(sha(body));

    f.proxy.reset();
    const after = unwrap(await h()['objects:list']({ connectionId: conn(), bucket: 'up-bucket', prefix: 'dst/' }));
    expect(after.fromCache).toBe(false);
    expect(after.entries.map((e) => e.key).sort()).toEqual(['dst/album/', 'dst/existing.txt', 'dst/single.txt']);
    const stats = unwrap(await h()['objects:stat']({ connectionId: conn(), bucket: 'up-bucket', keys: ['dst/single.txt'] }));
    expect(stats[0]).toMatchObject({ ok: true, stat: { kind: 'object', size: 6 } });
    expect(f.proxy.count('HeadObject')).toBe(0);
    expect(f.proxy.count()).toBe(1);
    expect(batches.at(-1)).toMatchObject({ direction: 'upload', done: 4 });
  });

  it('empty local folders go up as folder markers and empty files as empty objects: the structure survives a round trip', async () => {
    const src = path.join(root, 'up-empty', 'proj');
    await mkdir(path.join(src, 'empty'), { recursive: true });
    await mkdir(path.join(src, 'a', 'b'), { recursive: true });
    await writeFile(path.join(src, 'a', 'note.txt'), 'note');
    await writeFile(path.join(src, 'a', 'empty.txt'), '');
    const blank = path.join(root, 'up-empty', 'blank');
    await mkdir(blank, { recursive: true });
    await f.server.seed('upe', []);

    const outcome = unwrap(await h()['transfers:upload']({ connectionId: conn(), bucket: 'upe', prefix: '', paths: [src, blank], conflict: 'ask' }));
    expect(outcome).toMatchObject({ status: 'queued', queued: 5 });
    await f.core.transfers.queue.whenIdle();
    expect(items().every((i) => i.state === 'done')).toBe(true);
    // A folder with content needs no marker ("proj/", "proj/a/"); empty ones get one each.
    expect(await f.server.keys('upe', '')).toEqual(['blank/', 'proj/a/b/', 'proj/a/empty.txt', 'proj/a/note.txt', 'proj/empty/']);
    expect((await f.server.body('upe', 'proj/empty/')).length).toBe(0);
    const listed = unwrap(await h()['objects:list']({ connectionId: conn(), bucket: 'upe', prefix: 'proj/' }));
    expect(listed.entries.map((e) => e.key).sort()).toEqual(['proj/a/', 'proj/empty/']);

    await download('upe', [{ key: 'proj/', kind: 'folder' }, { key: 'blank/', kind: 'folder' }], 'overwrite');
    const dirs = async (d: string): Promise<string[]> =>
      (await readdir(d, { withFileTypes: true, recursive: true })).filter((e) => e.isDirectory()).map((e) => path.relative(dest, path.join(e.parentPath, e.name)));
    expect((await dirs(dest)).sort()).toEqual(['blank', 'proj', path.join('proj', 'a'), path.join('proj', 'a', 'b'), path.join('proj', 'empty')]);
    expect(Object.fromEntries(await tree(dest))).toEqual({ 'proj/a/empty.txt': sha(''), 'proj/a/note.txt': sha('note') });
  });

  it('asks before overwriting existing keys, keeps both as "name (1).ext", or skips', async () => {
    const src = path.join(root, 'conf-src');
    await mkdir(src, { recursive: true });
    await writeFile(path.join(src, 'a.txt'), 'local a');
    await f.server.seed('upc', [['p/a.txt', 'remote a']]);
    const file = path.join(src, 'a.txt');
    const ask = unwrap(await h()['transfers:upload']({ connectionId: conn(), bucket: 'upc', prefix: 'p/', paths: [file], conflict: 'ask' }));
    expect(ask).toEqual({ status: 'conflicts', count: 1, sample: ['a.txt'] });
    unwrap(await h()['transfers:upload']({ connectionId: conn(), bucket: 'upc', prefix: 'p/', paths: [file], conflict: 'skip' }));
    await f.core.transfers.queue.whenIdle();
    expect((await f.server.body('upc', 'p/a.txt')).toString()).toBe('remote a');
    unwrap(await h()['transfers:upload']({ connectionId: conn(), bucket: 'upc', prefix: 'p/', paths: [file], conflict: 'keep-both' }));
    await f.core.transfers.queue.whenIdle();
    expect(await f.server.keys('upc')).toEqual(['p/a (1).txt', 'p/a.txt']);
    expect((await f.server.body('upc', 'p/a (1).txt')).toString()).toBe('local a');
    unwrap(await h()['transfers:upload']({ connectionId: conn(), bucket: 'upc', prefix: 'p/', paths: [file], conflict: 'overwrite' }));
    await f.core.transfers.queue.whenIdle();
    expect((await f.server.body('upc', 'p/a.txt')).toString()).toBe('local a');
  });

  // A part held at the proxy stays in flight until the cancel: the cancel must end it, not wait for it (the
  // held parts are only let go after the queue went idle, so a cancel that waits on them never settles).
  it('cancel aborts the multipart upload: no object, no open multipart upload left', async () => {
    const src = path.join(root, 'cancel-up.bin');
    await writeFile(src, randomBytes(64 * MiB));
    await f.server.createBucket('upx');
    // Parts after the first wait at the proxy until the cancel, so it lands mid-upload on any machine.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    f.proxy.addRule((w) => (w.operation === 'UploadPart' && w.query.get('partNumber') !== '1' ? { kind: 'hold', until: gate } : undefined));
    try {
      unwrap(await h()['transfers:upload']({ connectionId: conn(), bucket: 'upx', prefix: '', paths: [src], conflict: 'overwrite' }));
      // Part 1 and at least one held part are on the wire.
      await vi.waitFor(() => expect(f.proxy.count('UploadPart')).toBeGreaterThanOrEqual(2), { timeout: 20_000, interval: 5 });
      unwrap(await h()['transfers:cancel']({}));
      await f.core.transfers.queue.whenIdle();
    } finally {
      release();
      f.proxy.clearRules();
    }
    expect(items()[0]?.state).toBe('cancelled');
    expect(await f.server.keys('upx')).toEqual([]);
    expect(f.proxy.count('CreateMultipartUpload')).toBe(1);
    expect(f.proxy.count('AbortMultipartUpload')).toBeGreaterThanOrEqual(1);
    expect(f.proxy.count('CompleteMultipartUpload')).toBe(0);
    expect(await f.server.openUploads('upx')).toBe(0);
  });

  it('uploads bytes streamed over IPC (files dropped without a path)', async () => {
    await f.server.createBucket('streams');
    const body = randomBytes(3 * MiB + 11);
    const { streamId } = unwrap(await h()['transfers:stream-open']({ name: 'dropped/pic.bin', size: body.length }));
    for (let off = 0; off < body.length; off += MiB)
      unwrap(await h()['transfers:stream-write']({ streamId, offset: off, data: body.subarray(off, off + MiB).toString('base64') }));
    unwrap(await h()['transfers:stream-close']({ streamId }));
    const out = unwrap(await h()['transfers:upload']({ connectionId: conn(), bucket: 'streams', prefix: 'in/', paths: [], streams: [streamId], conflict: 'ask' }));
    expect(out).toMatchObject({ status: 'queued', queued: 1 });
    await f.core.transfers.queue.whenIdle();
    expect(await f.server.keys('streams')).toEqual(['in/dropped/pic.bin']);
    expect(sha((await f.server.body('streams', 'in/dropped/pic.bin')))).toBe(sha(body));
    // Out-of-order or oversized writes are refused.
    const s2 = unwrap(await h()['transfers:stream-open']({ name: 'x', size: 2 }));
    const bad = await h()['transfers:stream-write']({ streamId: s2.streamId, offset: 1, data: 'AA==' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
  });
});

describe('drag-out staging', () => {
  it('stages complete, verified files (hostile keys kept inside), hands them to the drag, cleans up after', async () => {
    const a = randomBytes(6 * MiB);
    await f.server.seed('drag', [
      ['d/a.bin', a],
      ['d/folder/b.txt', 'bee'],
      ['d/folder/../../escape.txt', 'no'],
    ]);
    const out = unwrap(
      await h()['transfers:stage']({
        connectionId: conn(),
        bucket: 'drag',
        items: [
          { key: 'd/a.bin', kind: 'object' },
          { key: 'd/folder/', kind: 'folder' },
        ],
      }),
    );
    expect(out).toMatchObject({ status: 'ready', files: 2, bytes: 6 * MiB + 3 });
    if (out.status !== 'ready') return;
    expect(out.refused.map((r) => r.key)).toEqual(['d/folder/../../escape.txt']);
    const { paths } = unwrap(await h()['transfers:drag-start']({ stageId: out.stageId }));
    expect(dragged.at(-1)).toEqual(paths);
    expect(paths.map((p) => path.basename(p)).sort()).toEqual(['a.bin', 'folder']);
    const stageDir = path.dirname(paths[0]!);
    const staged = await tree(stageDir);
    expect(Object.fromEntries(staged)).toEqual({ 'a.bin': sha(a), 'folder/b.txt': sha('bee') });
    expect(stageDir.startsWith(path.join(root, 'app-temp'))).toBe(true);
    unwrap(await h()['transfers:drag-end']({ stageId: out.stageId }));
    await vi.waitFor(async () => expect(await stat(stageDir).catch(() => null)).toBeNull());
    expect(await h()['transfers:drag-start']({ stageId: out.stageId })).toMatchObject({ ok: false });
  });

  it('refuses selections over the staging limit with a message suggesting Download, staging nothing', async () => {
    await f.server.seed('drag2', [['big.bin', randomBytes(9 * MiB)]]);
    f.proxy.reset();
    const out = unwrap(await h()['transfers:stage']({ connectionId: conn(), bucket: 'drag2', items: [{ key: 'big.bin', kind: 'object' }] }));
    expect(out).toMatchObject({ status: 'too-large', bytes: 9 * MiB, limit: 8 * MiB });
    if (out.status === 'too-large') expect(out.message).toMatch(/Download/);
    expect(f.proxy.count('GetObject')).toBe(0);
    const dragDir = path.join(root, 'app-temp', 'drag');
    expect(await readdir(dragDir)).toEqual([]);
  });
});
