import { describe, expect, it } from 'vitest';
import type { MatchMode, SearchQuery } from '../../shared/search';
import { BucketIndex, IndexBuilder } from './bucket-index';
import { anchoredStart, globLiterals, prefilterLiteral, regexLiterals } from './literals';
import { compileMatcher } from './matcher';
import { runQuery } from './query';

describe('anchored starts (one key range of the sorted index)', () => {
  it('a glob over whole keys up to its first wildcard; a regex after "^" up to its first non-literal', () => {
    expect(anchoredStart('glob', 'Logs/2024/**/*.parquet', false)).toBe('logs/2024/');
    expect(anchoredStart('glob', '*.parquet', false)).toBe('');
    expect(anchoredStart('glob', 'logs*', false)).toBe('');
    expect(anchoredStart('regex', '^logs/20\\d', false)).toBe('logs/20');
    expect(anchoredStart('regex', '^ab?c', false)).toBe('a');
    expect(anchoredStart('regex', '^a\\.b+c', false)).toBe('a.b');
    expect(anchoredStart('regex', '^ab|cd', false)).toBe('');
    expect(anchoredStart('regex', 'ab', false)).toBe('');
    expect(anchoredStart('glob', 'status/**', true)).toBe('');
    expect(anchoredStart('glob', 'ta/status/**', true)).toBe('ta/');
  });

  it('keyRange holds every key starting with any casing of the text, and nothing before or after', () => {
    const index = indexOf(KEYS);
    for (const start of ['logs/', 'logs/2024/', 'status/', 'k', 'zzz', '', 'a%20b/']) {
      const { from, to } = index.keyRange(start);
      const inside = Array.from({ length: to - from }, (_, i) => index.keyAt(from + i));
      expect(inside.sort(), start).toEqual(KEYS.filter((k) => k.toLowerCase().startsWith(start)).sort());
    }
  });
});

describe('literal runs', () => {
  it('globs: wildcards, classes and "**/" end a run', () => {
    expect(globLiterals('logs/2024/**/*.parquet')).toEqual(['logs/2024/', '.parquet']);
    expect(globLiterals('**/event-9?.[jp]*')).toEqual(['event-9', '.']);
    expect(globLiterals('a[b')).toEqual(['a[b']);
    expect(globLiterals('über/x.csv')).toEqual(['ber/x.csv']);
  });

  it('regular expressions: optional characters leave the run, a top-level "|" requires nothing', () => {
    expect(regexLiterals('host-(1|2)3/')).toEqual(['host-', '3/']);
    expect(regexLiterals('event-7\\d\\.parquet$')).toEqual(['event-7', '.parquet']);
    expect(regexLiterals('abc?d*e+f{2}g')).toEqual(['ab', 'e', 'g']);
    expect(regexLiterals('a|bcd')).toEqual([]);
    expect(regexLiterals('\\x41bc\\u{1F600}de\\p{L}fg\\k<n>hi')).toEqual(['bc', 'de', 'fg', 'hi']);
    expect(regexLiterals('[a|b]xyz(?<n>q)')).toEqual(['xyz']);
    expect(regexLiterals('x.y^z')).toEqual(['x', 'y', 'z']);
  });

  it('the prefilter takes the longest ASCII run of 3 or more, split at "s" only when the index holds "ſ"', () => {
    expect(prefilterLiteral('glob', '**/Status-*.LOG', false)).toBe('status-');
    expect(prefilterLiteral('glob', '**/Status-*.LOG', true)).toBe('tatu');
    expect(prefilterLiteral('regex', 'a.b', false)).toBeNull();
    expect(prefilterLiteral('regex', 'x|yyyy', false)).toBeNull();
  });
});

/** Keys a real bucket may hold: case, length-changing lower-case, folding that toLowerCase misses, S3 specials. */
const KEYS = [
  'logs/2024/01/Event-1.parquet',
  'logs/2024/02/event-22.PARQUET',
  'LOGS/2025/event-3.json.gz',
  'ſtatus/report.txt',
  'status/Report.TXT',
  'STATUS/deep/er/report.txt',
  '\u212Aelvin/data.csv',
  'kelvin/DATA.csv',
  'İstanbul/şehir/report.txt',
  'straße/STRASSE.md',
  'ΣΊΣΥΦΟΣ/σίσυφος.txt',
  'a%20b/c+d e.txt',
  'ctl/\u0001\u001f\u007f.bin',
  'emoji/😀-status.png',
  'dir/',
  'x/event-1.parquet.bak',
];

const PATTERNS: Array<[MatchMode, string]> = [
  ['glob', '**/*.parquet'],
  ['glob', 'logs/2024/**'],
  ['glob', 'LOGS/**'],
  ['glob', 'status/**'],
  ['glob', 'ΣΊΣΥΦΟΣ/*'],
  ['regex', '^logs/20'],
  ['regex', '^STATUS/'],
  ['regex', '^kelvin'],
  ['glob', 'logs/**/event-?.parquet'],
  ['glob', '**/report.txt'],
  ['glob', '*status*'],
  ['glob', '**/*tatus/**'],
  ['glob', '**/kelvin/**'],
  ['glob', 'kelvin/*.csv'],
  ['glob', '**/c+d e.txt'],
  ['glob', 'a%20b/**'],
  ['regex', 'status/'],
  ['regex', '^status/rep'],
  ['regex', 'kelvin/data\\.csv$'],
  ['regex', 'event-(1|22)\\.parquet'],
  ['regex', 'event-\\d+\\.parquet$'],
  ['regex', 'stra(ss|ß)e'],
  ['regex', 'report\\.txt'],
  ['regex', '\\u0001\\u001f'],
  ['regex', 'sehir|şehir'],
  ['regex', '😀-STATUS'],
  ['regex', 'logs/20\\d{2}/0?1/'],
  ['substring', 'STATUS'],
  ['substring', 'report.txt'],
  ['substring', 'c+d e'],
];

function indexOf(keys: readonly string[]): BucketIndex {
  const b = new IndexBuilder();
  b.add(keys.map((key, i) => ({ key, size: i, lastModified: 1000 + i, storageClass: 'STANDARD', etag: '' })));
  return new BucketIndex('', 1, b.build());
}

const query = (mode: MatchMode, pattern: string, over: Partial<SearchQuery> = {}): SearchQuery => ({
  connectionId: 'c',
  bucket: 'b',
  prefix: '',
  recursive: true,
  mode,
  pattern,
  ...over,
});

describe('queries with a literal prefilter answer as the plain matcher does', () => {
  const index = indexOf(KEYS);
  // Each key on its own (no joined string, no prefilter): the plain matcher's answer.
  const plain = (mode: MatchMode, pattern: string, prefix = '') => {
    const match = compileMatcher(mode, pattern);
    return KEYS.filter((k) => k.startsWith(prefix) && !k.endsWith('/') && match(k.slice(prefix.length))).sort();
  };

  for (const [mode, pattern] of PATTERNS) {
    it(`${mode} ${JSON.stringify(pattern)}`, () => {
      const expected = plain(mode, pattern);
      expect(runQuery(index, query(mode, pattern)).hits.map((h) => h.key).sort()).toEqual(expected);
      for (const prefix of ['logs/', 'LOGS/', 'status/', 'kelvin/', 'ΣΊΣΥΦΟΣ/']) {
        expect(runQuery(index, query(mode, pattern, { prefix })).hits.map((h) => h.key).sort(), prefix).toEqual(plain(mode, pattern, prefix));
      }
    });
  }

  it('"ſ" and the Kelvin sign fold to "s" and "k", so they are found through the prefilter too', () => {
    expect(runQuery(index, query('regex', 'status/report')).hits.map((h) => h.key).sort()).toEqual(['status/Report.TXT', 'ſtatus/report.txt']);
    expect(runQuery(index, query('glob', 'kelvin/*.csv')).hits.map((h) => h.key).sort()).toEqual(['kelvin/DATA.csv', '\u212Aelvin/data.csv']);
  });

  it('agrees on random literals cut from the keys, in random case', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let t = 0; t < 300; t++) {
      const key = KEYS[rand(KEYS.length)]!;
      const from = rand(key.length);
      const cut = [...key.slice(from, from + 3 + rand(6))].map((ch) => (rand(2) ? ch.toUpperCase() : ch)).join('');
      const re = cut.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      expect(runQuery(index, query('regex', re)).hits.map((h) => h.key).sort(), re).toEqual(plain('regex', re));
      const glob = `**${cut.replace(/[*?[\]]/g, '?')}*`;
      expect(runQuery(index, query('glob', glob)).hits.map((h) => h.key).sort(), glob).toEqual(plain('glob', glob));
    }
  });
});

describe('first page only (count: false)', () => {
  const many = indexOf(Array.from({ length: 50 }, (_, i) => `d/file-${String(i).padStart(2, '0')}.log`));

  it('stops once the page is full: the same first hits, a lower-bound total, not counted', () => {
    const full = runQuery(many, query('glob', '**/*.log', { limit: 10 }));
    const page = runQuery(many, query('glob', '**/*.log', { limit: 10, count: false }));
    expect(full).toMatchObject({ total: 50, counted: true });
    expect(page.hits).toEqual(full.hits);
    expect(page).toMatchObject({ total: 11, counted: false });
  });

  it('is counted when every match fits on the page', () => {
    expect(runQuery(many, query('regex', 'file-4\\d', { limit: 10, count: false }))).toMatchObject({ total: 10, counted: true });
    expect(runQuery(many, query('substring', 'FILE-0', { limit: 10, count: false }))).toMatchObject({ total: 10, counted: true });
  });
});
