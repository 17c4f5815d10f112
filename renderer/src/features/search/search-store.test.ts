import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../shared/errors';
import type { CrawlProgress, SearchQuery } from '../../../../shared/search';
import { createSearchStore, type SearchApi } from './search-store';

/** A fake slice of the API that records calls; the index "covers" the bucket once crawled. */
function fakeApi() {
  const calls: string[] = [];
  const queries: SearchQuery[] = [];
  let indexed = false;
  let progress: ((p: CrawlProgress) => void) | null = null;
  let countGate: Promise<void> = Promise.resolve();
  const api: SearchApi = {
    crawlBucket: async (r) => {
      calls.push(`crawl ${r.prefix}`);
      progress?.({ crawlId: r.crawlId, objects: 5, requests: 1, rate: 5, etaSeconds: null, rangesDone: 0, ranges: 1, extraRequests: 0 });
      indexed = true;
      return ok({ objects: 2, bytes: 3, requests: 1, splitRequests: 0, ranges: 1, keyRanges: 0, restarted: false, retries: 0, denied: ['no/'], tookMs: 1, indexedAt: 7 });
    },
    cancelCrawl: async () => ok({ cancelled: true }),
    searchIndex: async (q) => {
      queries.push(q);
      if (q.mode === 'regex') return fail('InvalidInput', 'regular expression invalid at character 3: Unterminated group');
      const hits = [{ key: 'b/x.txt', size: 2, lastModified: 1, storageClass: 'STANDARD' }, { key: 'a.txt', size: 9, lastModified: 2, storageClass: 'GLACIER' }];
      // As main answers: a first-page query stops when the page (here 2) is full; the full one counts all 40.
      await countGate;
      return ok(q.count === false ? { hits, total: 3, counted: false, tookMs: 1, indexedAt: 7 } : { hits, total: 40, counted: true, tookMs: 9, indexedAt: 7 });
    },
    indexStatus: async () => ok(indexed ? { prefix: '', objects: 2, indexedAt: 7, changesSince: 0, diskBytes: 1, memoryBytes: 1 } : { prefix: null, objects: 0, indexedAt: null, changesSince: 0, diskBytes: 0, memoryBytes: 0 }),
    folderSizes: async (r) => ok({ prefix: r.prefix, parts: [], total: { prefix: r.prefix, objects: 0, bytes: 0, byClass: {}, newest: 0, oldest: 0 }, indexedAt: 7 }),
    onCrawlProgress: (l) => {
      progress = l;
      return () => (progress = null);
    },
  };
  return { api, calls, queries, hold: (gate: Promise<void>): void => void (countGate = gate) };
}

describe('search store', () => {
  it('crawls the whole bucket on the first search, then answers from the index with the scope asked for', async () => {
    const { api, calls, queries } = fakeApi();
    const store = createSearchStore(api);
    const stop = store.getState().start();
    await store.getState().open({ connectionId: 'c', bucket: 'b', prefix: 'b/' });
    store.getState().setPattern('x');
    await store.getState().search();
    expect(calls).toEqual(['crawl ']);
    expect(store.getState().lastCrawl?.denied).toEqual(['no/']);
    expect(store.getState().index?.indexedAt).toBe(7);
    expect(store.getState()).toMatchObject({ total: 40, counted: true });
    store.getState().setScope('folder');
    await store.getState().search();
    expect(calls).toEqual(['crawl ']);
    expect(queries.at(-1)).toMatchObject({ prefix: 'b/', recursive: false, pattern: 'x' });
    stop();
  });

  it('sorts by a column (again = descending), selects, and shows an invalid regex in the words main gave', async () => {
    const { api } = fakeApi();
    const store = createSearchStore(api);
    await store.getState().open({ connectionId: 'c', bucket: 'b', prefix: '' });
    await store.getState().crawl();
    store.getState().setSort('size');
    store.getState().setSort('size');
    expect(store.getState().sort).toEqual({ column: 'size', descending: true });
    store.getState().toggle('a.txt');
    expect([...store.getState().selected]).toEqual(['a.txt']);
    store.getState().setMode('regex');
    await store.getState().search();
    expect(store.getState().error?.message).toMatch(/character 3/);
  });

  it('shows the first page at once, then the exact count; a newer search is not overwritten by an older count', async () => {
    const { api, queries, hold } = fakeApi();
    const store = createSearchStore(api);
    await store.getState().open({ connectionId: 'c', bucket: 'b', prefix: '' });
    await store.getState().crawl();
    expect(queries.slice(-2).map((q) => q.count)).toEqual([false, undefined]);
    expect(store.getState()).toMatchObject({ total: 40, counted: true });

    let release = () => {};
    hold(new Promise<void>((r) => (release = r)));
    store.getState().setPattern('old');
    const older = store.getState().search();
    store.getState().setPattern('new');
    const newer = store.getState().search();
    release();
    await Promise.all([older, newer]);
    expect(queries.filter((q) => q.pattern === 'old').map((q) => q.count)).toEqual([false]);
    expect(store.getState()).toMatchObject({ total: 40, counted: true, pattern: 'new' });
  });
});
