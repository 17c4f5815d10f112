/**
 * The table's row model. Rows keep the listing's entries in display name order (Intl.Collator, numeric) with
 * precomputed sort and filter keys, so sorting or filtering 100,000 rows never calls the collator again.
 * Server order is never assumed: each page is sorted on arrival and merged in.
 */
import type { Entry } from '../../../shared/types';

export type SortColumn = 'name' | 'size' | 'modified' | 'storageClass';
export type SortDirection = 'asc' | 'desc';

export interface SortSpec {
  readonly column: SortColumn;
  readonly direction: SortDirection;
}

export interface Row {
  readonly entry: Entry;
  readonly key: string;
  readonly folder: boolean;
  /** Position in name order; the tiebreak of every other sort and the whole of the name sort. */
  rank: number;
  /** Lower-cased name, for type-to-filter. */
  readonly lower: string;
  readonly size: number;
  readonly modified: number;
  readonly storageClass: string;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'variant' });

/** Display name order: numeric-aware ("file2" before "file10"), and the raw key breaks any tie. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function toRow(entry: Entry): Row {
  const object = entry.kind === 'object';
  return {
    entry,
    key: entry.key,
    folder: !object,
    rank: 0,
    lower: entry.name.toLowerCase(),
    size: object ? entry.size : -1,
    modified: object ? entry.lastModified : 0,
    storageClass: object ? entry.storageClass : '',
  };
}

const byRowName = (a: Row, b: Row) => compareNames(a.entry.name, b.entry.name) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Merge a page of entries into rows already in name order. Costs one small sort plus a binary search per new
 * row, not a full re-sort, so streaming 100 pages stays linear-ish. Keys already present are replaced.
 */
export function mergeRows(existing: readonly Row[], entries: readonly Entry[]): Row[] {
  if (entries.length === 0) return existing as Row[];
  const known = existing.length > 0 ? new Set(existing.map((r) => r.key)) : null;
  const incoming = entries.filter((e) => !known?.has(e.key)).map(toRow).sort(byRowName);
  const replaced = known ? entries.filter((e) => known.has(e.key)) : [];
  let base: readonly Row[] = existing;
  if (replaced.length > 0) {
    const updates = new Map(replaced.map((e) => [e.key, toRow(e)]));
    base = existing.map((r) => updates.get(r.key) ?? r);
  }
  const out: Row[] = new Array(base.length + incoming.length);
  let i = 0;
  let o = 0;
  for (const row of incoming) {
    // First position in base[i..] whose name sorts after this row.
    let lo = i;
    let hi = base.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byRowName(base[mid]!, row) <= 0) lo = mid + 1;
      else hi = mid;
    }
    while (i < lo) out[o++] = base[i++]!;
    out[o++] = row;
  }
  while (i < base.length) out[o++] = base[i++]!;
  for (let r = 0; r < out.length; r++) out[r]!.rank = r;
  return out;
}

/** Rows whose name contains the filter text, case-insensitively; order kept. */
export function filterRows(rows: readonly Row[], filter: string): readonly Row[] {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return rows;
  return rows.filter((r) => r.lower.includes(needle));
}

/** Sort rows (already in name order) by a column, folders first in either direction. Never calls the collator. */
export function sortRows(rows: readonly Row[], sort: SortSpec): Row[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const folders: Row[] = [];
  const files: Row[] = [];
  for (const row of rows) (row.folder ? folders : files).push(row);
  const byRank = (a: Row, b: Row) => a.rank - b.rank;
  let compare: (a: Row, b: Row) => number;
  switch (sort.column) {
    case 'name':
      compare = (a, b) => sign * (a.rank - b.rank);
      break;
    case 'size':
      compare = (a, b) => sign * (a.size - b.size) || byRank(a, b);
      break;
    case 'modified':
      compare = (a, b) => sign * (a.modified - b.modified) || byRank(a, b);
      break;
    case 'storageClass':
      compare = (a, b) => sign * (a.storageClass < b.storageClass ? -1 : a.storageClass > b.storageClass ? 1 : 0) || byRank(a, b);
      break;
  }
  // Rows arrive in rank order, so the name sort is a copy or a reversal; other columns need a real sort.
  const order = (list: Row[]) => {
    if (sort.column === 'name') return sign === 1 ? list : list.reverse();
    return list.sort(compare);
  };
  // Folders have no size, date or class: they keep name order under those columns.
  const sortedFolders = sort.column === 'name' ? order(folders) : folders;
  const sortedFiles = order(files);
  for (const row of sortedFiles) sortedFolders.push(row);
  return sortedFolders;
}

/** Filter then sort: what the table shows. */
export function viewRows(rows: readonly Row[], sort: SortSpec, filter: string): Row[] {
  return sortRows(filterRows(rows, filter), sort);
}

/** Toggle a column header: same column flips direction, a new column starts ascending (newest first for dates). */
export function nextSort(current: SortSpec, column: SortColumn): SortSpec {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: column === 'modified' ? 'desc' : 'asc' };
}
