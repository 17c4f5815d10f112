import { describe, expect, it } from 'vitest';
import type { SearchQuery } from '../../shared/search';
import { BucketIndex, IndexBuilder } from './bucket-index';
import { compileMatcher } from './matcher';
import { runQuery } from './query';

const NAMES = ['Report', 'ünï©ødé', '100% sure', 'a+b=c', 'İstanbul', 'tab\there', 'data', 'ΣΑΣ', 'ſtraße', 'x'];

/** 20,000 keys over hundreds of blocks: folders, mixed case, unicode, folder markers. */
function bigIndex(names: readonly string[]): BucketIndex {
  const b = new IndexBuilder();
  const classes = ['STANDARD', 'GLACIER', 'STANDARD_IA'];
  const objects = [];
  for (let i = 0; i < 20_000; i++) {
    const name = names[i % names.length]!;
    const ext = ['.parquet', '.JSON.gz', '.csv', ''][i % 4];
    const key = i % 97 === 0 ? `logs/${i % 7}/` : i % 13 === 0 ? `${name}-${i}${ext}` : `logs/${i % 7}/Host-${i % 31}/${name}-${i}${ext}`;
    objects.push({ key, size: (i * 7919) % 10_000, lastModified: 1000 + i, storageClass: classes[i % 3]!, etag: '' });
  }
  b.add(objects);
  return new BucketIndex('', 1, b.build());
}

/** What a query must answer, key by key with the matcher alone (no index structure at all). */
function oracle(index: BucketIndex, q: SearchQuery): string[] {
  const match = compileMatcher(q.mode, q.pattern);
  const out: string[] = [];
  for (const e of index.entries()) {
    if (!e.key.startsWith(q.prefix) || e.key.endsWith('/')) continue;
    const rel = e.key.slice(q.prefix.length);
    if (!q.recursive && rel.includes('/')) continue;
    const f = q.filters;
    if (f?.minSize !== undefined && e.size < f.minSize) continue;
    if (f?.storageClasses && !f.storageClasses.includes(e.storageClass)) continue;
    if (match(rel)) out.push(e.key);
  }
  return out.sort();
}

// With an "ſ" in the index, literals are split at "s" and regular expressions get no clauses (regex-clauses.ts).
describe.each([
  ['with an "ſ" in the index', NAMES],
  ['without', NAMES.map((n) => n.replace('ſ', 's'))],
])('queries through the block trigram index, %s', (_, names) => {
  const index = bigIndex(names);
  const q = (over: Partial<SearchQuery>): SearchQuery => ({ connectionId: 'c', bucket: 'b', prefix: '', recursive: true, mode: 'substring', pattern: '', limit: 100_000, ...over });
  const cases: Array<Partial<SearchQuery>> = [
    { pattern: 'report-1234' },
    { pattern: 'REPORT' },
    { pattern: 'ünï' },
    { pattern: '% s' },
    { pattern: 'stanbul' },
    { pattern: 'σας' },
    { pattern: 'host-3/' },
    { pattern: 'no such thing' },
    { pattern: 'a+b', prefix: 'logs/3/' },
    { pattern: 'host', prefix: 'logs/3/' },
    { pattern: 'DATA', prefix: 'logs/5/Host-2' },
    { pattern: 'data', prefix: 'logs/3/Host-5/', recursive: false },
    { pattern: 'parquet', filters: { storageClasses: ['GLACIER'], minSize: 5000 } },
    { mode: 'glob', pattern: '**/*.parquet' },
    { mode: 'glob', pattern: '*.json.gz' },
    { mode: 'glob', pattern: '*.CSV', prefix: 'logs/4/Host-3/', recursive: false },
    { pattern: 'data', prefix: 'logs/2/', filters: { minSize: 3000 } },
    { mode: 'regex', pattern: 'host-1\\d/', filters: { storageClasses: ['STANDARD'] } },
    { mode: 'glob', pattern: 'logs/2/**/data-*.csv' },
    { mode: 'glob', pattern: '**/report-1?3*' },
    { mode: 'regex', pattern: 'host-(1|2)3/' },
    { mode: 'regex', pattern: 'straße-\\d+8\\.csv$' },
    { mode: 'regex', pattern: '^logs/[0-3]/host-\\d+/x-\\d+$' },
    { mode: 'regex', pattern: '^\\w+-19\\d\\d\\b' },
    { mode: 'regex', pattern: 'host-(1|2)[0-3]/(data|x)-' },
    { mode: 'regex', pattern: '^logs/[2-4]/HOST-1(?:1|2)/\\S+\\.csv' },
    { mode: 'regex', pattern: '(sure|a\\+b)-\\d+2\\.parquet' },
  ];

  it.each(cases)('answers exactly what testing every key answers: %o', (over) => {
    const r = runQuery(index, q(over));
    const expected = oracle(index, q(over));
    if (over.pattern !== 'no such thing') expect(expected.length).toBeGreaterThan(0);
    expect(r.hits.map((h) => h.key).sort()).toEqual(expected);
    expect(r.total).toBe(r.hits.length);
  });

  it('a rare literal is looked for in a few blocks only, and those hold every key with it', () => {
    const grams = index.trigrams;
    expect(grams.blocks).toBeGreaterThan(500);
    const blocks = grams.candidates([['report-1234']])!;
    expect(blocks.length).toBeLessThan(grams.blocks / 20);
    for (let i = 0; i < index.size; i++) {
      if (index.keyAt(i).toLowerCase().includes('report-1234')) expect([...blocks]).toContain(Math.floor(i / grams.block));
    }
  });

  it('a first page stops early and says its total is a lower bound', () => {
    const r = runQuery(index, { ...q({ pattern: 'data' }), limit: 10, count: false });
    expect(r.hits).toHaveLength(10);
    expect(r.counted).toBe(false);
  });
});
