/**
 * The search crawl against a real S3 server through the counting proxy, on both lanes: the parallel crawl lists
 * exactly what the sequential listing does (hostile keys; by folder, and by key range in a bucket without
 * folders), resumes after 503s and cut connections without duplicates, reports denied subfolders, keeps its
 * index across a new core on the same user-data folder, and follows in-app uploads, deletes and renames through
 * the core's invalidation path. Requests are counted on the wire and compared with what the bare SDK paginator
 * needs on the same server (RGW answers short truncated pages, so ceil(N / 1000) is not its minimum).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrawlReport } from '../../shared/search';
import { createCore } from '../core/create-core';
import { bareListings, type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { currentLane } from '../../testkit/s3-lane';
import { createFakeSecretBox } from '../../testkit/fake-secret-box';
import { compareUtf8 } from './key-ranges';

const RGW = currentLane() === 'rgw';
// RGW seeds about 350 PutObject/s on this machine: these sizes seed in about two minutes there.
const N = RGW ? 24_000 : 100_000;
const FLAT = RGW ? 16_000 : 20_000;
// No NUL: S3 and RGW refuse it in a key. Control characters travel url-encoded in listings.
const HOSTILE_BOTH = ['ünï©ødé ✓', '100% sure', 'a+b=c', 'two  spaces ', 'tab\there', 'ctl\u0001\u001f', '日本語/ファイル', 'emoji 🎉', '&<>"\''];
// RGW only: capitals, and "🎉" against "！" (U+FF01), which sort one way by UTF-8 bytes and the other by UTF-16
// units (JavaScript's `<`). fauxqs pages them wrongly itself (its continuation compares code units while it sorts
// by locale: 3,000 such keys listed as 4,750, sequentially), so they would test fauxqs, not the crawl.
const HOSTILE = RGW ? [...HOSTILE_BOTH, 'Upper', '🎉 first', '\uff01 fullwidth'] : HOSTILE_BOTH;

/** Keys over nested folders, top-level files and a folder-free tail, with every hostile name in use. */
function hostileKeys(n: number): string[] {
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${HOSTILE[i % HOSTILE.length]}-${i}.bin`;
    if (i % 50 === 0) keys.push(name);
    else keys.push(`d${i % 23}/${HOSTILE[(i >> 3) % HOSTILE.length]}/s${i % 7}/${name}`);
  }
  return keys;
}

/** A bucket with no folder at all: hostile names with "/" replaced, numbered so they spread over the key space. */
function flatKeys(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${HOSTILE[i % HOSTILE.length]!.replace('/', '_')}-${i}`);
}

const byBytes = (keys: readonly string[]) => [...keys].sort(compareUtf8);

describe(currentLane(), () => {
  let f: CoreFixture;
  let dir: string;
  const box = createFakeSecretBox();
  const keys = hostileKeys(N);
  const flat = flatKeys(FLAT);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 's3desk-search-'));
    f = await startCoreFixture({ userDataDir: dir, secretBox: box, search: { backoffMs: 0, progressIntervalMs: 0 } });
    await f.server.seed('big', keys.map((k) => [k, 'x'.repeat(k.length % 5)]));
    await f.server.seed('flat', flat.map((k) => [k, 'f']));
  }, 600_000);
  afterAll(async () => {
    await f.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const crawl = async (bucket: string, prefix: string, concurrency: number, crawlId = `c-${bucket}-${concurrency}`): Promise<CrawlReport> =>
    unwrap(await f.core.handlers['search:crawl']({ connectionId: f.connectionId, bucket, prefix, crawlId, concurrency }));
  const all = async (bucket: string) =>
    unwrap(
      await f.core.handlers['search:query']({ connectionId: f.connectionId, bucket, prefix: '', recursive: true, mode: 'substring', pattern: '', limit: 100_000 }),
    ).hits.map((h) => h.key);
  const listings = () => f.proxy.count('ListObjectsV2');

  it(`parallel crawl of ${N.toLocaleString('en-US')} hostile keys in folders lists exactly the sequential listing: same keys, no key twice, at most one extra request per sub-range`, async () => {
    if (RGW) expect(await f.server.keys('big')).toEqual(byBytes(keys));
    f.proxy.reset();
    const bare = await bareListings(f, 'big', '');
    f.proxy.reset();
    const seq = await crawl('big', '', 1);
    expect(listings()).toBe(bare);
    const seqKeys = await all('big');

    f.proxy.reset();
    const par = await crawl('big', '', 8);
    const parKeys = await all('big');
    expect(seq.objects).toBe(N);
    expect(par.objects).toBe(N);
    expect(parKeys.length).toBe(N);
    expect(new Set(parKeys).size).toBe(N);
    expect(byBytes(parKeys)).toEqual(byBytes(seqKeys));
    expect(byBytes(parKeys)).toEqual(byBytes(keys));
    expect(par.ranges).toBeGreaterThan(8);
    expect(listings() - bare).toBeLessThanOrEqual(par.ranges);
    expect(par.requests).toBe(listings());
  }, 600_000);

  it(`a bucket without folders (${FLAT.toLocaleString('en-US')} hostile keys) splits by key range where the server orders by bytes, and lists it exactly`, async () => {
    f.proxy.reset();
    const bare = await bareListings(f, 'flat', '');
    f.proxy.reset();
    const par = await crawl('flat', '', 8);
    const got = await all('flat');
    expect(par.objects).toBe(FLAT);
    expect(got.length).toBe(FLAT);
    expect(new Set(got).size).toBe(FLAT);
    expect(byBytes(got)).toEqual(byBytes(flat));
    expect(par.requests).toBe(listings());
    expect(listings() - bare).toBeLessThanOrEqual(par.ranges);
    expect(par.splitRequests).toBeLessThanOrEqual(par.ranges);
    if (RGW) {
      // Byte order: the rest after the first page went out in ranges from StartAfter boundaries.
      expect(par.restarted).toBe(false);
      expect(par.keyRanges).toBeGreaterThan(4);
      expect(par.ranges).toBe(par.keyRanges);
    }
    // fauxqs sorts by locale: whether it splits depends on whether its pages look byte-ordered (these do); a page
    // that does not is caught and listed on in its own order. Either way the listing above is exact.
  }, 600_000);

  it('resumes after 503s and cut connections from the page it lost, never yielding a key twice', async () => {
    const small = keys.slice(0, 6000);
    await f.server.seed('cuts', small.map((k) => [k, 'y']));
    // Every page fails three times (503, a cut mid-body, 503) before it is served: more than the SDK's own
    // three attempts, so each page is resumed by the crawler, however the concurrent ranges interleave.
    const attempts = new Map<string, number>();
    f.proxy.addRule((w) => {
      if (w.operation !== 'ListObjectsV2') return undefined;
      const page = `${w.bucket}?${[...w.query].filter(([k]) => k !== 'x-id').sort().map(([k, v]) => `${k}=${v}`).join('&')}`;
      const n = (attempts.get(page) ?? 0) + 1;
      attempts.set(page, n);
      if (n === 1 || n === 3) return { kind: 'status', status: 503, code: 'SlowDown' };
      if (n === 2) return { kind: 'cut', afterBytes: 300 };
      return undefined;
    });
    try {
      const report = await crawl('cuts', '', 4);
      expect(report.retries).toBeGreaterThan(0);
      const got = await all('cuts');
      expect(got.length).toBe(small.length);
      expect(byBytes(got)).toEqual(byBytes(small));
      // The same cuts inside key ranges (RGW) or the one flat range (fauxqs).
      const flatReport = await crawl('flat', '', 8, 'c-flat-cuts');
      expect(flatReport.retries).toBeGreaterThan(0);
      const flatGot = await all('flat');
      expect(flatGot.length).toBe(FLAT);
      expect(byBytes(flatGot)).toEqual(byBytes(flat));
    } finally {
      f.proxy.clearRules();
    }
  }, 300_000);

  it('reports a denied subfolder instead of skipping it in silence', async () => {
    await f.server.seed('deny', [['ok/a.txt', 'a'], ['no/b.txt', 'b'], ['no/c/d.txt', 'd'], ['top.txt', 't']]);
    const remove = f.proxy.addRule((w) => (w.operation === 'ListObjectsV2' && w.query.get('prefix')?.startsWith('no/') ? { kind: 'deny' } : undefined));
    try {
      const report = await crawl('deny', '', 4);
      expect(report.denied).toEqual(['no/']);
      expect((await all('deny')).sort()).toEqual(['ok/a.txt', 'top.txt']);
    } finally {
      remove();
    }
  });

  it('keeps the index across a new core on the same user-data folder, answering with no request', async () => {
    await f.server.seed('keep', [['k/one.parquet', '1'], ['k/two.csv', '22'], ['three.parquet', '333']]);
    const report = await crawl('keep', '', 2);
    const second = createCore({ userDataDir: dir, secretBox: box });
    try {
      const [conn] = unwrap(await second.handlers['connections:list']({})).filter((c) => c.id === f.connectionId);
      expect(conn).toBeDefined();
      f.proxy.reset();
      const res = unwrap(
        await second.handlers['search:query']({ connectionId: f.connectionId, bucket: 'keep', prefix: '', recursive: true, mode: 'glob', pattern: '**/*.parquet' }),
      );
      expect(res.hits.map((h) => h.key).sort()).toEqual(['k/one.parquet', 'three.parquet']);
      expect(res.indexedAt).toBe(report.indexedAt);
      expect(f.proxy.log.length).toBe(0);
      const status = unwrap(await second.handlers['search:status']({ connectionId: f.connectionId, bucket: 'keep' }));
      expect(status).toMatchObject({ prefix: '', objects: 3, indexedAt: report.indexedAt });
      expect(status.diskBytes).toBeGreaterThan(0);
    } finally {
      await second.dispose();
    }
  });

  it('follows in-app uploads, deletes and renames through the invalidation path', async () => {
    await f.server.seed('inv', [['p/a.txt', 'aaa'], ['p/b.txt', 'bb'], ['q/c.txt', 'c']]);
    await crawl('inv', '', 2);
    const h = f.core.handlers;
    const local = join(dir, 'new upload.txt');
    writeFileSync(local, 'uploaded!');
    unwrap(await h['transfers:upload']({ connectionId: f.connectionId, bucket: 'inv', prefix: 'p/', paths: [local], conflict: 'ask' }));
    await f.core.transfers.queue.whenIdle();
    const run = async (plan: Parameters<typeof h['operations:plan']>[0]) => {
      const p = unwrap(await h['operations:plan'](plan));
      return unwrap(await h['operations:run']({ planId: p.planId }));
    };
    await run({ kind: 'delete', connectionId: f.connectionId, bucket: 'inv', keys: ['p/b.txt'] });
    await run({ kind: 'rename', connectionId: f.connectionId, bucket: 'inv', key: 'q/c.txt', newName: 'renamed ✓.txt' });
    await f.core.search.settled();
    const hits = unwrap(
      await h['search:query']({ connectionId: f.connectionId, bucket: 'inv', prefix: '', recursive: true, mode: 'substring', pattern: '' }),
    ).hits;
    expect(hits.map((x) => [x.key, x.size]).sort()).toEqual([
      ['p/a.txt', 3],
      ['p/new upload.txt', 9],
      ['q/renamed ✓.txt', 1],
    ]);
    const status = unwrap(await h['search:status']({ connectionId: f.connectionId, bucket: 'inv' }));
    expect(status.changesSince).toBeGreaterThan(0);
  });
});
