import { describe, expect, it } from 'vitest';
import type { SearchFilters, SearchQuery } from '../../shared/search';
import { BucketIndex, IndexBuilder } from './bucket-index';
import { runQuery } from './query';

const CLASSES = ['STANDARD', 'GLACIER', 'STANDARD_IA'];
const NAMES = ['a', 'B', 'd/', 'D/', 'x.parquet', 'é', ' ', '%', '/'];

function smallIndex(): BucketIndex {
  const b = new IndexBuilder();
  let seed = 7;
  const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const objects = [];
  for (let i = 0; i < 1500; i++) {
    let key = '';
    for (let len = next(6); len > 0; len--) key += NAMES[next(NAMES.length)]!;
    objects.push({ key: `${key}${i % 7 === 0 ? '' : i}`, size: next(100), lastModified: next(50), storageClass: CLASSES[next(3)]!, etag: '' });
  }
  b.add(objects);
  const index = new BucketIndex('', 1, b.build());
  for (let i = 3; i < index.size; i += 41) index.remove(index.keyAt(i));
  return index;
}

const q = (over: Partial<SearchQuery>): SearchQuery => ({ connectionId: 'c', bucket: 'b', prefix: '', recursive: true, mode: 'substring', pattern: '', ...over });
const keys = (index: BucketIndex, over: Partial<SearchQuery>) => {
  const r = runQuery(index, q(over));
  return { keys: r.hits.map((h) => h.key), total: r.total, counted: r.counted };
};

describe('filters only, over the columns', () => {
  const index = smallIndex();
  const filterSets: SearchFilters[] = [
    {},
    { minSize: 30 },
    { maxSize: 10, modifiedFrom: 5 },
    { modifiedTo: 20, storageClasses: ['GLACIER'] },
    { storageClasses: ['STANDARD_IA', 'STANDARD'], minSize: 50, maxSize: 60 },
    { storageClasses: ['DEEP_ARCHIVE'] },
  ];
  const scopes = [
    { prefix: '', recursive: true },
    { prefix: '', recursive: false },
    { prefix: 'd/', recursive: true },
    { prefix: 'D/', recursive: false },
  ];

  it('gives what the general path gives (a pattern that matches anything), counted or not', () => {
    let matched = 0;
    for (const filters of filterSets) {
      for (const scope of scopes) {
        for (const page of [{ limit: 100_000 }, { limit: 5, count: false }]) {
          const label = JSON.stringify({ filters, scope, page });
          const tight = keys(index, { ...scope, ...page, filters });
          // "(?:)" matches every key, so the query goes key by key through the matcher and filters.
          const general = keys(index, { ...scope, ...page, filters, mode: 'regex', pattern: '(?:)' });
          expect(tight, label).toEqual(general);
          matched += tight.total;
        }
      }
    }
    // Not a vacuous comparison: the filters let some keys through and stop others.
    expect(matched).toBeGreaterThan(1000);
  });

  it('follows the bounds, the folder rules and deletions', () => {
    const want: string[] = [];
    for (let i = 0; i < index.size; i++) {
      const e = index.entryAt(i);
      const rel = e.key.slice(2);
      if (index.isDeleted(i) || !e.key.startsWith('d/') || e.key.endsWith('/') || rel.includes('/')) continue;
      if (e.size >= 20 && e.size <= 70 && e.lastModified >= 10 && e.storageClass !== 'GLACIER') want.push(e.key);
    }
    const got = keys(index, { prefix: 'd/', recursive: false, filters: { minSize: 20, maxSize: 70, modifiedFrom: 10, storageClasses: ['STANDARD', 'STANDARD_IA'] } });
    expect(want.length).toBeGreaterThan(3);
    expect(got).toEqual({ keys: want, total: want.length, counted: true });
  });
});
