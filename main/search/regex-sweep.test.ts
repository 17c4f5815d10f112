import { describe, expect, it } from 'vitest';
import type { SearchQuery } from '../../shared/search';
import { BucketIndex, IndexBuilder } from './bucket-index';
import { runQuery } from './query';
import { keySweeper, sweepable, sweepRegex } from './regex-sweep';

/** A small seeded generator (mulberry32), so a failure shows the same keys again. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', 'B', 'k', 'K', '\u212a', 's', 'S', 'ſ', 'ß', 'é', 'É', 'İ', 'ı', '0', '1', '7', '9', '%', '+', ' ', '/', '.', '-', '\n', '\t', '\u0000', '\u007f', '😀', '\ud83d', '\ude00', '日本', 'ab', 'cd', 'd/', 'D/'];

/** Keys meant to trip a sweep: odd characters, lone surrogates, prefixes of each other, digit runs across keys. */
function hostileKeys(n: number): string[] {
  const next = random(14);
  const keys = new Set<string>(['ab', 'abc', 'abcd', 'abcd/', 'd/', 'd/x', 'd/x/y', 'D/X', '\ude00\ud83d', '\ude00\ud83d\ude00', '😀', '\ud83d']);
  // Digit-only keys sort next to each other: their joined text has runs of 7 digits no key holds.
  for (let i = 0; i < 200; i++) keys.add(String(1000 + i * 37));
  while (keys.size < n) {
    let key = '';
    for (let len = Math.floor(next() * 12); len > 0; len--) key += PIECES[Math.floor(next() * PIECES.length)]!;
    keys.add(key);
  }
  return [...keys];
}

const SWEEPABLE = ['\\d{7}', '\\d{3}', '\\d', '[0-9]{2}%', '%', '\\+', ' ', '\\s', '\\n', '\\t', '\\0', 'é', 'ss', 'ß', 'k', '😀', '\\ud83d', '\\ude00', '.', '(?:ab|cd)', 'a|b\\d', '[^a-z0-9/]', '\\p{L}{2}', '\\w{2,5}', 'x?', 'a{0,2}', '[İı]', '/.', 'abc'];
const FALLBACK = ['^a', 'a$', '\\bk', '\\d+', 'a.*b', '(?=a)b', '(a)\\1', '(?<n>a)\\k<n>', '\\d{2,}', 'x*'];

const q = (over: Partial<SearchQuery>): SearchQuery => ({ connectionId: 'c', bucket: 'b', prefix: '', recursive: true, mode: 'regex', pattern: '', ...over });

/** Brute force, in index order: every live key in scope whose relative text the same RegExp matches. */
function expected(index: BucketIndex, removed: ReadonlySet<string>, pattern: string, prefix: string, recursive: boolean): string[] {
  const re = new RegExp(pattern, 'iu');
  const out: string[] = [];
  for (let i = 0; i < index.size; i++) {
    const key = index.keyAt(i);
    const rel = key.slice(prefix.length);
    if (removed.has(key) || key === '' || !key.startsWith(prefix) || key.endsWith('/') || (!recursive && rel.includes('/'))) continue;
    if (re.test(rel)) out.push(key);
  }
  return out;
}

describe('regex sweep', () => {
  it('takes only patterns whose matches cannot depend on what surrounds them', () => {
    for (const p of SWEEPABLE) expect(sweepable(p), p).toBe(true);
    for (const p of FALLBACK) expect(sweepable(p), p).toBe(false);
  });

  it('finds a lone surrogate that joining two keys would pair', () => {
    // "\ude00\ud83d" then "\ude00…": joined, the first key's high surrogate pairs with the next key's low one.
    const keys = ['\ude00\ud83d', '\ude00x'];
    const offsets = Uint32Array.from([0, 2, 5]);
    const seen: number[] = [];
    keySweeper(keys.join(''), offsets, sweepRegex('\\ud83d'), (i) => seen.push(i), () => false)(0, 2);
    expect(seen).toContain(0);
  });

  it('gives what a key-by-key test gives, over hostile keys, in and out of folders, counted or not', () => {
    const b = new IndexBuilder();
    b.add(hostileKeys(3000).map((key, i) => ({ key, size: i, lastModified: i, storageClass: 'STANDARD', etag: '' })));
    const index = new BucketIndex('', 1, b.build());
    const removed = new Set<string>();
    for (let i = 5; i < index.size; i += 97) removed.add(index.keyAt(i));
    for (const key of removed) index.remove(key);
    for (const pattern of [...SWEEPABLE, ...FALLBACK]) {
      for (const [prefix, recursive] of [['', true], ['', false], ['d/', true], ['1', true]] as const) {
        const want = expected(index, removed, pattern, prefix, recursive);
        const label = `${JSON.stringify(pattern)} in ${JSON.stringify(prefix)} recursive=${recursive}`;
        const all = runQuery(index, q({ pattern, prefix, recursive, limit: 100_000 }));
        expect(all.hits.map((h) => h.key), label).toEqual(want);
        expect(all.total, label).toBe(want.length);
        const page = runQuery(index, q({ pattern, prefix, recursive, limit: 10, count: false }));
        expect(page.hits.map((h) => h.key), label).toEqual(want.slice(0, 10));
        expect(page.counted, label).toBe(want.length <= 10);
        expect(page.total, label).toBe(Math.min(want.length, 11));
      }
    }
  });
});
