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
  /** Shown by Show deleted: its current version is a delete marker (greyed, with a "deleted" badge). */
  readonly deleted?: boolean;
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
 * `existingKeys`, when given, must be exactly the keys of `existing`.
 */
export function mergeRows(existing: readonly Row[], entries: readonly Entry[], existingKeys?: ReadonlySet<string>): Row[] {
  if (entries.length === 0) return existing as Row[];
  // Callers that already track the keys (the store does) save a pass over every row per page.
  const known = existing.length === 0 ? null : (existingKeys ?? new Set(existing.map((r) => r.key)));
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

/** Rows for entries whose current version is a delete marker (Show deleted), in name order. */
export function deletedRows(entries: readonly Entry[]): Row[] {
  return entries.map((e) => ({ ...toRow(e), deleted: true })).sort(byRowName);
}

/** The folder's rows with another feature's rows merged in by name; a key already listed wins. */
export function withExtraRows(rows: readonly Row[], extra: readonly Row[]): readonly Row[] {
  if (extra.length === 0) return rows;
  const listed = new Set(rows.map((r) => r.key));
  // Ranks of the listing and the extra rows are unrelated: sort by name once, then number them afresh.
  const merged = [...rows, ...extra.filter((r) => !listed.has(r.key))].sort(byRowName);
  return merged.map((r, rank) => ({ ...r, rank }));
}

/** Rows whose name contains the filter text, case-insensitively; order kept. */
export function filterRows(rows: readonly Row[], filter: string): readonly Row[] {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return rows;
  return rows.filter((r) => r.lower.includes(needle));
}

function columnKey(column: Exclude<SortColumn, 'name'>): (row: Row) => number | string {
  switch (column) {
    case 'size':
      return (r) => r.size;
    case 'modified':
      return (r) => r.modified;
    case 'storageClass':
      return (r) => r.storageClass;
  }
}

/** Ascending order per column, kept per rows array: re-sorting, flipping direction and filtering reuse it. */
const ascendingCache = new WeakMap<readonly Row[], Map<SortColumn, readonly Row[]>>();

/** Folders (name order) then files ascending by `column`, name order breaking ties. Never calls the collator. */
function ascending(rows: readonly Row[], column: SortColumn): readonly Row[] {
  let perColumn = ascendingCache.get(rows);
  const hit = perColumn?.get(column);
  if (hit) return hit;
  const folders: Row[] = [];
  const files: Row[] = [];
  for (const row of rows) (row.folder ? folders : files).push(row);
  if (column !== 'name') {
    const key = columnKey(column);
    // Rows arrive in name order and Array.prototype.sort is stable, so ties keep name order for free.
    files.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  }
  for (const row of files) folders.push(row);
  if (!perColumn) {
    perColumn = new Map();
    ascendingCache.set(rows, perColumn);
  }
  perColumn.set(column, folders);
  return folders;
}

/** Descending by `column` with ties still in name order: reverse, then put each run of equal keys back. */
function descending(asc: readonly Row[], column: SortColumn): Row[] {
  let split = 0;
  while (split < asc.length && asc[split]!.folder) split++;
  const folders = asc.slice(0, split);
  // Folders have no size, date or class: they keep name order under those columns.
  if (column === 'name') folders.reverse();
  const files = asc.slice(split).reverse();
  if (column !== 'name') {
    const key = columnKey(column);
    let start = 0;
    while (start < files.length) {
      let end = start + 1;
      const k = key(files[start]!);
      while (end < files.length && key(files[end]!) === k) end++;
      for (let i = start, j = end - 1; i < j; i++, j--) [files[i], files[j]] = [files[j]!, files[i]!];
      start = end;
    }
  }
  for (const row of files) folders.push(row);
  return folders;
}

/** Sort rows (in name order, as mergeRows keeps them) by a column, folders first in either direction. */
export function sortRows(rows: readonly Row[], sort: SortSpec): Row[] {
  const asc = ascending(rows, sort.column);
  return sort.direction === 'asc' ? asc.slice() : descending(asc, sort.column);
}

/** Sort then filter: what the table shows. The sort of the whole folder is cached, so typing in the filter
 *  box or flipping the direction costs one pass, not a sort. */
export function viewRows(rows: readonly Row[], sort: SortSpec, filter: string): Row[] {
  const sorted = sortRows(rows, sort);
  const needle = filter.trim().toLowerCase();
  return needle === '' ? sorted : sorted.filter((r) => r.lower.includes(needle));
}

/** Toggle a column header: same column flips direction, a new column starts ascending (newest first for dates). */
export function nextSort(current: SortSpec, column: SortColumn): SortSpec {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: column === 'modified' ? 'desc' : 'asc' };
}
