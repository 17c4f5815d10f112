/**
 * The search crawl against a real S3 server through the counting proxy: the parallel crawl lists exactly what
 * the sequential listing does (hostile keys, 100,000 objects), resumes after 503s and cut connections without
 * duplicates, reports denied subfolders, keeps its index across a new core on the same user-data folder, and
 * follows in-app writes through the core's invalidation path. Requests are counted on the wire.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrawlReport } from '../../shared/search';
import { createCore } from '../core/create-core';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { currentLane } from '../../testkit/s3-lane';
import { createFakeSecretBox } from '../../testkit/fake-secret-box';

const N = 100_000;
const HOSTILE = ['ünï©ødé ✓', '100% sure', 'a+b=c', 'two  spaces ', 'tab\there', 'ctl\u0001\u001f', '日本語/ファイル', 'emoji 🎉', '&<>"\''];

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

const lanes = [{ lane: 'fauxqs', start: startCoreFixture }];

// fauxqs only for now: seeding 100,000 hostile keys into RGW takes minutes (about 400 PUT/s) and RGW refuses the
// NUL-byte key; the byte-order proof of the crawl on RGW is still to be written (issue 14 stays open for it).
describe.runIf(currentLane() === 'fauxqs').each(lanes)('$lane', ({ start }) => {
  let f: CoreFixture;
  let dir: string;
  const box = createFakeSecretBox();
  const keys = hostileKeys(N);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 's3desk-search-'));
    f = await start({ userDataDir: dir, secretBox: box, search: { backoffMs: 0, progressIntervalMs: 0 } });
    await f.server.seed('big', keys.map((k) => [k, 'x'.repeat(k.length % 5)]));
  }, 120_000);
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

  it('parallel crawl lists exactly the sequential listing: same keys, no key twice, at most one extra request per sub-range', async () => {
    f.proxy.reset();
    const seq = await crawl('big', '', 1);
    expect(listings()).toBe(Math.ceil(N / 1000));
    const seqKeys = await all('big');

    f.proxy.reset();
    const par = await crawl('big', '', 8);
    const parKeys = await all('big');
    expect(par.objects).toBe(N);
    expect(new Set(parKeys).size).toBe(parKeys.length);
    expect([...parKeys].sort()).toEqual([...seqKeys].sort());
    expect([...parKeys].sort()).toEqual([...keys].sort());
    expect(seq.objects).toBe(N);
    expect(par.ranges).toBeGreaterThan(8);
    const extra = listings() - Math.ceil(N / 1000);
    expect(extra).toBeLessThanOrEqual(par.ranges);
    expect(par.requests).toBe(listings());
  }, 300_000);

  it('resumes after 503s and cut connections from the page it lost, never yielding a key twice', async () => {
    const small = keys.slice(0, 6000);
    await f.server.seed('cuts', small.map((k) => [k, 'y']));
    let n = 0;
    f.proxy.addRule((w) => {
      if (w.operation !== 'ListObjectsV2') return undefined;
      n++;
      if (n % 4 === 1) return { kind: 'status', status: 503, code: 'SlowDown' };
      if (n % 4 === 2) return { kind: 'cut', afterBytes: 300 };
      return undefined;
    });
    try {
      const report = await crawl('cuts', '', 4);
      expect(report.retries).toBeGreaterThan(0);
      const got = await all('cuts');
      expect(got.length).toBe(small.length);
      expect([...got].sort()).toEqual([...small].sort());
    } finally {
      f.proxy.clearRules();
    }
  }, 120_000);

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

  it('follows in-app deletes and renames through the invalidation path', async () => {
    await f.server.seed('inv', [['p/a.txt', 'aaa'], ['p/b.txt', 'bb'], ['q/c.txt', 'c']]);
    await crawl('inv', '', 2);
    const h = f.core.handlers;
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
      ['q/renamed ✓.txt', 1],
    ]);
    const status = unwrap(await h['search:status']({ connectionId: f.connectionId, bucket: 'inv' }));
    expect(status.changesSince).toBeGreaterThan(0);
  });
});
