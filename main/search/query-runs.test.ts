import { describe, expect, it } from 'vitest';
import type { SearchQuery } from '../../shared/search';
import { BucketIndex, IndexBuilder } from './bucket-index';
import { runQuery } from './query';

/** A small seeded generator (mulberry32), so a failure names the same keys every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * Keys built to trip the block runs: digit and letter runs of every length (long ones rare, so most blocks
 * lack them), "_", unicode that case-folds to ASCII (K, ſ) or not, runs at a key's very start and end.
 */
function hostileKeys(n: number): string[] {
  const rnd = random(14);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const skewed = (max: number) => 1 + Math.floor(rnd() * (rnd() < 0.03 ? max : 4));
  const pieces = [
    () => '0123456789012'.slice(0, skewed(12)),
    () => String(Math.floor(rnd() * 10 ** skewed(11))),
    () => 'abcdefghijklmnopqrstuvwxyz'.slice(0, skewed(25)),
    () => 'ABCXYZ'.slice(skewed(6) - 1),
    () => pick(['_', '-', '.', '/', ' ', '__']),
    () => pick(['\u212A', 'ſ', 'ſſ', 'é', 'İ', 'ı', 'Σ', 'ς', '😀', '１２３', '٣٤٥']),
    () => pick(['logs/', 'data/2024/', 'x/', '']),
  ];
  const keys = new Set<string>(['ſſſ', 'Sſs', '\u212A\u212Ak', 'logs/\u212Akk9', '1234567', '123456/7', 'logs/0123456', 'z'.repeat(12)]);
  while (keys.size < n) {
    let k = pick(['logs/', 'data/', 'Data/', '', '']);
    const parts = 1 + Math.floor(rnd() * 5);
    // Mostly a separator between pieces, sometimes none, so runs also join across pieces.
    for (let p = 0; p < parts; p++) k += (rnd() < 0.85 ? pick(['/', '-', '.']) : '') + pick(pieces)();
    if (k !== '') keys.add(k);
  }
  return [...keys];
}

const PATTERNS = [
  '\\d{7}',
  '\\d{10}',
  '\\d{15}',
  '[a-z]{30}',
  '\\d{3}[a-f]{4}',
  '[0-9]{3,}-',
  '\\d\\d\\d\\d',
  '[a-z]{12}',
  '[a-z]{3}',
  '[A-Z]{4}\\d',
  '[a-z0-9]{20}',
  '\\w{20}',
  '\\w{5}_\\w',
  'k[a-z]{2}',
  's{3}',
  '[j-l]\\w{3}',
  '(?:\\d\\d){4}',
  '(?<y>\\d{4})/\\d{2}',
  '^logs/\\d{5}',
  '\\d{2}|[a-z]{20}',
  '\\d{6}$',
  '[a-z]{2}\\d{2}',
];

const q = (over: Partial<SearchQuery>): SearchQuery => ({
  connectionId: 'c',
  bucket: 'b',
  prefix: '',
  recursive: true,
  mode: 'regex',
  pattern: '',
  limit: 1_000_000,
  ...over,
});

describe('runQuery with block character runs', () => {
  const keys = hostileKeys(4000);
  const b = new IndexBuilder();
  b.add(keys.map((key) => ({ key, size: 1, lastModified: 1, storageClass: 'STANDARD', etag: '' })));
  const index = new BucketIndex('', 1, b.build());

  /** What a plain filter over every key with the same RegExp finds. */
  const brute = (pattern: string, prefix: string) => {
    const re = new RegExp(pattern, 'iu');
    return keys.filter((k) => k.startsWith(prefix) && !k.endsWith('/') && re.test(k.slice(prefix.length))).sort();
  };

  it.each(PATTERNS.flatMap((p) => ['', 'logs/'].map((prefix) => [p, prefix] as const)))('%s under "%s" finds what a brute-force filter finds', (pattern, prefix) => {
    const want = brute(pattern, prefix);
    const got = runQuery(index, q({ pattern, prefix }));
    expect(got.hits.map((h) => h.key).sort()).toEqual(want);
    expect(got.total).toBe(want.length);
    const page = runQuery(index, q({ pattern, prefix, count: false, limit: 5 }));
    expect(page.hits.length).toBe(Math.min(5, want.length));
    for (const h of page.hits) expect(want).toContain(h.key);
    const all = runQuery(index, q({ pattern, prefix, count: false }));
    expect(all.hits.map((h) => h.key).sort()).toEqual(want);
  });

  it('prunes blocks by runs, and has patterns that match a few keys and patterns that match none', () => {
    const blocks = index.charRuns.blocks;
    expect(index.charRuns.candidates([7, 0, 7], null).length).toBeLessThan(blocks / 2);
    const counts = PATTERNS.map((p) => brute(p, '').length);
    expect(counts.filter((n) => n > 0 && n < keys.length / 4).length).toBeGreaterThanOrEqual(6);
    expect(counts.filter((n) => n === 0).length).toBeGreaterThanOrEqual(1);
    expect(brute('\\d{12}', '').length).toBeGreaterThan(0);
    expect(brute('[a-z]{12}', '').length).toBeGreaterThan(0);
  });

  it('finds letter runs of ſ and the Kelvin sign in blocks with no other letters', () => {
    const odd = ['7/ſſſſ', '8/\u212A\u212A\u212Ak', '9/SſSſ'];
    const digits = Array.from({ length: 200 }, (_, i) => `${i % 10}/${i}`);
    const all = [...digits, ...odd];
    const small = new IndexBuilder();
    small.add(all.map((key) => ({ key, size: 1, lastModified: 1, storageClass: 'STANDARD', etag: '' })));
    const only = new BucketIndex('', 1, small.build());
    for (const pattern of ['[a-z]{4}', '\\w{4}', 's{4}', 'k{4}', '[j-l]{4}', '[r-t]{4}']) {
      const re = new RegExp(pattern, 'iu');
      const want = all.filter((k) => re.test(k)).sort();
      expect(want.length).toBeGreaterThan(0);
      expect(runQuery(only, q({ pattern })).hits.map((h) => h.key).sort()).toEqual(want);
    }
  });
});
