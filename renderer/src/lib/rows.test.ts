import { describe, expect, it } from 'vitest';
import type { Entry } from '../../../shared/types';
import { compareNames, deletedRows, filterRows, mergeRows, nextSort, sortRows, viewRows, withExtraRows } from './rows';

const file = (key: string, size = 0, lastModified = 1, storageClass = 'STANDARD'): Entry => ({
  kind: 'object',
  key,
  name: key.slice(key.lastIndexOf('/') + 1),
  size,
  lastModified,
  etag: '"e"',
  storageClass,
});
const folder = (key: string): Entry => ({ kind: 'folder', key, name: key.slice(0, -1).slice(key.slice(0, -1).lastIndexOf('/') + 1) });
const names = (rows: readonly { entry: Entry }[]) => rows.map((r) => r.entry.name);

describe('mergeRows', () => {
  it('keeps name order across pages whatever order the server used', () => {
    let rows = mergeRows([], [file('p/file10'), file('p/file2'), folder('p/b/')]);
    rows = mergeRows(rows, [file('p/file1'), folder('p/a/'), file('p/File3')]);
    expect(names(rows)).toEqual(['a', 'b', 'file1', 'file2', 'File3', 'file10']);
    expect(rows.map((r) => r.rank)).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it('replaces a key that arrives again instead of duplicating it', () => {
    const rows = mergeRows(mergeRows([], [file('x', 1)]), [file('x', 2)]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.size).toBe(2);
  });
});

describe('sortRows', () => {
  const rows = mergeRows(
    [],
    [file('b.txt', 300, 20, 'GLACIER'), folder('zeta/'), file('a.txt', 100, 30), file('c.txt', 200, 10), folder('alpha/'), file('d.txt', 100, 5)],
  );
  it('puts folders first in every column and direction', () => {
    for (const column of ['name', 'size', 'modified', 'storageClass'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const sorted = sortRows(rows, { column, direction });
        expect(sorted.slice(0, 2).every((r) => r.folder)).toBe(true);
      }
    }
  });
  it('sorts by name both ways', () => {
    expect(names(sortRows(rows, { column: 'name', direction: 'asc' }))).toEqual(['alpha', 'zeta', 'a.txt', 'b.txt', 'c.txt', 'd.txt']);
    expect(names(sortRows(rows, { column: 'name', direction: 'desc' }))).toEqual(['zeta', 'alpha', 'd.txt', 'c.txt', 'b.txt', 'a.txt']);
  });
  it('sorts by size with name as the tiebreak', () => {
    expect(names(sortRows(rows, { column: 'size', direction: 'asc' }))).toEqual(['alpha', 'zeta', 'a.txt', 'd.txt', 'c.txt', 'b.txt']);
    expect(names(sortRows(rows, { column: 'size', direction: 'desc' }))).toEqual(['alpha', 'zeta', 'b.txt', 'c.txt', 'a.txt', 'd.txt']);
  });
  it('sorts by date and by storage class', () => {
    expect(names(sortRows(rows, { column: 'modified', direction: 'desc' })).slice(2)).toEqual(['a.txt', 'b.txt', 'c.txt', 'd.txt']);
    expect(names(sortRows(rows, { column: 'storageClass', direction: 'asc' })).slice(2)).toEqual(['b.txt', 'a.txt', 'c.txt', 'd.txt']);
  });
  it('does not modify its input', () => {
    const before = names(rows);
    sortRows(rows, { column: 'size', direction: 'desc' });
    expect(names(rows)).toEqual(before);
  });
});

describe('filterRows', () => {
  it('matches substrings case-insensitively and keeps order', () => {
    const rows = mergeRows([], [file('Report-2.PDF'), file('notes.txt'), file('report-10.pdf'), folder('reports/')]);
    expect(names(filterRows(rows, 'REPORT'))).toEqual(['report-10.pdf', 'Report-2.PDF', 'reports'].sort(compareNames));
    expect(filterRows(rows, '   ')).toBe(rows);
    expect(filterRows(rows, 'zzz')).toEqual([]);
  });
});

describe('nextSort', () => {
  it('flips the same column and starts a new one ascending (dates newest first)', () => {
    expect(nextSort({ column: 'name', direction: 'asc' }, 'name')).toEqual({ column: 'name', direction: 'desc' });
    expect(nextSort({ column: 'name', direction: 'desc' }, 'size')).toEqual({ column: 'size', direction: 'asc' });
    expect(nextSort({ column: 'name', direction: 'asc' }, 'modified')).toEqual({ column: 'modified', direction: 'desc' });
  });
});

describe('100,000 rows', () => {
  // Pages arrive in a shuffled order; the merged order must equal one full collator sort.
  const all: Entry[] = Array.from({ length: 100_000 }, (_, i) => file(`big/f-${(i * 7919) % 100_000}.bin`, (i * 31) % 100_003, 1_700_000_000_000 + i));
  let rows = mergeRows([], []);
  for (let p = 0; p < 100; p++) rows = mergeRows(rows, all.slice(p * 1000, (p + 1) * 1000));

  it('merges pages into exact name order', () => {
    const expected = all.map((e) => e.name).sort(compareNames);
    expect(names(rows)).toEqual(expected);
  });

  it('sorts and filters 100k rows without the collator', () => {
    // Correctness only: how fast is measured by the browse-UI benchmark (npm run bench), not here.
    const bySize = sortRows(rows, { column: 'size', direction: 'desc' });
    const filtered = viewRows(rows, { column: 'name', direction: 'asc' }, '99');
    expect(bySize[0]!.size).toBe(Math.max(...rows.map((r) => r.size)));
    expect(filtered.every((r) => r.lower.includes('99'))).toBe(true);
  });
});

describe('sortRows against a plain comparator sort', () => {
  // Many ties (sizes mod 7, three classes, dates mod 5) so tie order is exercised.
  const entries: Entry[] = Array.from({ length: 600 }, (_, i) =>
    i % 9 === 0 ? folder(`d/sub${(i * 37) % 600}/`) : file(`d/n${(i * 7919) % 600}.txt`, (i * 13) % 7, 1000 + ((i * 3) % 5), ['STANDARD', 'GLACIER', 'STANDARD_IA'][i % 3]),
  );
  const rows = mergeRows([], entries);
  const reference = (column: 'name' | 'size' | 'modified' | 'storageClass', direction: 'asc' | 'desc') => {
    const sign = direction === 'asc' ? 1 : -1;
    const value = (r: (typeof rows)[number]) => (column === 'size' ? r.size : column === 'modified' ? r.modified : column === 'storageClass' ? r.storageClass : 0);
    return [...rows]
      .sort((a, b) => {
        if (a.folder !== b.folder) return a.folder ? -1 : 1;
        if (column === 'name') return sign * compareNames(a.entry.name, b.entry.name);
        if (a.folder) return compareNames(a.entry.name, b.entry.name);
        const va = value(a);
        const vb = value(b);
        return (va < vb ? -sign : va > vb ? sign : 0) || compareNames(a.entry.name, b.entry.name);
      })
      .map((r) => r.key);
  };
  for (const column of ['name', 'size', 'modified', 'storageClass'] as const) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`${column} ${direction}, also after a cached sort and with a filter`, () => {
        expect(sortRows(rows, { column, direction }).map((r) => r.key)).toEqual(reference(column, direction));
        expect(sortRows(rows, { column, direction }).map((r) => r.key)).toEqual(reference(column, direction));
        const filtered = viewRows(rows, { column, direction }, '1').map((r) => r.key);
        expect(filtered).toEqual(reference(column, direction).filter((k) => k.slice(2).includes('1')));
      });
    }
  }
});

describe('mergeRows with the caller’s key set', () => {
  it('gives the same result as without it', () => {
    const first = [file('k/b'), file('k/a')];
    const second = [file('k/c'), file('k/a', 9)];
    const base = mergeRows([], first);
    const withKeys = mergeRows(base, second, new Set(base.map((r) => r.key)));
    const without = mergeRows(mergeRows([], first), second);
    expect(withKeys.map((r) => [r.key, r.size])).toEqual(without.map((r) => [r.key, r.size]));
    expect(withKeys.map((r) => r.key)).toEqual(['k/a', 'k/b', 'k/c']);
  });
});

describe('withExtraRows (Show deleted)', () => {
  it('merges deleted rows into name order, renumbers ranks, and keeps a listed key over a deleted one', () => {
    const listed = mergeRows([], [file('b.txt'), file('d.txt')]);
    const gone = deletedRows([file('a.txt'), file('c.txt'), file('d.txt')]);
    const merged = withExtraRows(listed, gone);
    expect(merged.map((r) => [r.key, r.deleted ?? false, r.rank])).toEqual([
      ['a.txt', true, 0],
      ['b.txt', false, 1],
      ['c.txt', true, 2],
      ['d.txt', false, 3],
    ]);
    expect(withExtraRows(listed, [])).toBe(listed);
    expect(viewRows(merged, { column: 'name', direction: 'desc' }, 'c').map((r) => r.key)).toEqual(['c.txt']);
  });
});
