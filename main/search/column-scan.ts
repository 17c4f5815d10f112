/**
 * A query with filters and no pattern, as one loop over the typed columns: no closure or method call per key,
 * no key string, and an entry object only for a hit on the page. The folder rules (joinedKeyInScope, which
 * every query path uses) are checked in place on the joined keys, only for keys the numbers let through.
 */
import type { SearchFilters, SearchHit } from '../../shared/search';
import type { BucketIndex } from './bucket-index';

const SLASH = 0x2f;

/** The size, date and class filters as inclusive bounds (infinite when unset) and a pass flag per class id. */
export interface ColumnBounds {
  readonly minSize: number;
  readonly maxSize: number;
  readonly modifiedFrom: number;
  readonly modifiedTo: number;
  /** 1 for a class id that passes; 256 entries, as class ids are bytes. */
  readonly classOk: Uint8Array;
}

/** The bounds of `filters`, or null when none of them reads a column. */
export function columnBounds(classNames: readonly string[], filters: SearchFilters | undefined): ColumnBounds | null {
  if (!filters) return null;
  const { minSize, maxSize, modifiedFrom, modifiedTo } = filters;
  const wanted = filters.storageClasses?.length ? new Set(filters.storageClasses) : null;
  if (wanted === null && minSize === undefined && maxSize === undefined && modifiedFrom === undefined && modifiedTo === undefined) return null;
  const classOk = new Uint8Array(256);
  // Ids past the known names (none in a built index) never pass a class filter.
  if (wanted === null) classOk.fill(1);
  else classNames.forEach((name, id) => (classOk[id] = wanted.has(name) ? 1 : 0));
  return {
    minSize: minSize ?? Number.NEGATIVE_INFINITY,
    maxSize: maxSize ?? Number.POSITIVE_INFINITY,
    modifiedFrom: modifiedFrom ?? Number.NEGATIVE_INFINITY,
    modifiedTo: modifiedTo ?? Number.POSITIVE_INFINITY,
    classOk,
  };
}

const NO_BOUNDS: ColumnBounds = {
  minSize: Number.NEGATIVE_INFINITY,
  maxSize: Number.POSITIVE_INFINITY,
  modifiedFrom: Number.NEGATIVE_INFINITY,
  modifiedTo: Number.POSITIVE_INFINITY,
  classOk: new Uint8Array(256).fill(1),
};

/**
 * Whether the key at joined[ks, ke) is an object in the search's scope: not a folder marker (empty or ending in
 * "/"), below `prefix` in its own case, and for this folder only no "/" past it (checked in place: indexOf would
 * run on past the key when there is none).
 */
export function joinedKeyInScope(joined: string, ks: number, ke: number, prefix: string, recursive: boolean): boolean {
  if (ke === ks || joined.charCodeAt(ke - 1) === SLASH) return false;
  if (prefix.length > 0 && !joined.startsWith(prefix, ks)) return false;
  if (!recursive) for (let p = ks + prefix.length; p < ke; p++) if (joined.charCodeAt(p) === SLASH) return false;
  return true;
}

export interface ColumnScan {
  readonly from: number;
  readonly to: number;
  readonly prefix: string;
  readonly recursive: boolean;
  readonly limit: number;
  /** Stop at the first match past a full page (a `count: false` query). */
  readonly stopAtPage: boolean;
}

/**
 * Keys [from, to) that pass `bounds` (all of them without) and the folder rules: the first `limit` pushed on
 * `hits`, all counted. `full` when the scan stopped early at a match past the page.
 */
export function scanColumns(index: BucketIndex, bounds: ColumnBounds | null, scan: ColumnScan, hits: SearchHit[]): { total: number; full: boolean } {
  const { joined, offsets, sizes, modified, classes } = index.columns;
  const deleted = index.deletions;
  const { minSize, maxSize, modifiedFrom, modifiedTo, classOk } = bounds ?? NO_BOUNDS;
  const { prefix, recursive, limit, stopAtPage } = scan;
  let total = 0;
  // A NaN size or date fails no bound, as in the general path.
  for (let i = scan.from; i < scan.to; i++) {
    const size = sizes[i]!;
    if (size < minSize || size > maxSize) continue;
    const time = modified[i]!;
    if (time < modifiedFrom || time > modifiedTo || classOk[classes[i]!] !== 1 || deleted[i] === 1) continue;
    if (!joinedKeyInScope(joined, offsets[i]!, offsets[i + 1]!, prefix, recursive)) continue;
    if (hits.length < limit) hits.push(index.entryAt(i));
    else if (stopAtPage) return { total: total + 1, full: true };
    total++;
  }
  return { total, full: false };
}
