/**
 * Queries over a bucket index, in main without a request to S3. A substring query runs String.indexOf over
 * the lower-cased joined keys and maps each hit to its key by binary search, so the cost is one scan of the
 * characters, not one call per key; globs, regular expressions and filter-only queries test key by key.
 */
import type { FolderSize, SearchFilters, SearchHit, SearchQuery, SearchResult, SizesReport } from '../../shared/search';
import type { BucketIndex, IndexEntry } from './bucket-index';
import { compileMatcher } from './matcher';

const DEFAULT_LIMIT = 5000;

function filterOf(filters: SearchFilters | undefined): (e: IndexEntry) => boolean {
  if (!filters) return () => true;
  const classes = filters.storageClasses?.length ? new Set(filters.storageClasses) : null;
  const exts = filters.extensions?.length ? new Set(filters.extensions.map((x) => x.replace(/^\./, '').toLowerCase())) : null;
  return (e) => {
    if (filters.minSize !== undefined && e.size < filters.minSize) return false;
    if (filters.maxSize !== undefined && e.size > filters.maxSize) return false;
    if (filters.modifiedFrom !== undefined && e.lastModified < filters.modifiedFrom) return false;
    if (filters.modifiedTo !== undefined && e.lastModified > filters.modifiedTo) return false;
    if (classes && !classes.has(e.storageClass)) return false;
    if (exts) {
      const name = e.key.slice(e.key.lastIndexOf('/') + 1);
      const dot = name.lastIndexOf('.');
      if (dot <= 0 || !exts.has(name.slice(dot + 1).toLowerCase())) return false;
    }
    return true;
  };
}

/** The filters that need no key (size, date, class), read straight from the columns. */
function columnFilterOf(index: BucketIndex, filters: SearchFilters | undefined): (i: number) => boolean {
  if (!filters) return () => true;
  const c = index.columns;
  const wanted = filters.storageClasses?.length ? new Set(filters.storageClasses) : null;
  const classOk = wanted ? Uint8Array.from(c.classNames, (name) => (wanted.has(name) ? 1 : 0)) : null;
  const { minSize, maxSize, modifiedFrom, modifiedTo } = filters;
  return (i) =>
    !(
      (minSize !== undefined && c.sizes[i]! < minSize) ||
      (maxSize !== undefined && c.sizes[i]! > maxSize) ||
      (modifiedFrom !== undefined && c.modified[i]! < modifiedFrom) ||
      (modifiedTo !== undefined && c.modified[i]! > modifiedTo) ||
      (classOk !== null && classOk[c.classes[i]!] !== 1)
    );
}

export function runQuery(index: BucketIndex, q: SearchQuery, now: () => number = performance.now.bind(performance)): SearchResult {
  const started = now();
  const limit = q.limit ?? DEFAULT_LIMIT;
  const hits: SearchHit[] = [];
  let total = 0;
  const passes = filterOf(q.filters);
  const inScope = (key: string) =>
    key.startsWith(q.prefix) && !key.endsWith('/') && (q.recursive || !key.slice(q.prefix.length).includes('/'));
  const take = (e: IndexEntry) => {
    total++;
    if (hits.length < limit) hits.push({ key: e.key, size: e.size, lastModified: e.lastModified, storageClass: e.storageClass });
  };

  if (q.mode === 'substring' && q.pattern !== '') {
    const needle = q.pattern.toLowerCase();
    const text = index.lower;
    const offs = index.lowerOffsets;
    const lowerPrefixLength = q.prefix.toLowerCase().length;
    for (let pos = text.indexOf(needle); pos >= 0; ) {
      const i = index.entryOfLowerPos(pos);
      const start = offs[i]!;
      const end = offs[i + 1]!;
      // A hit must lie inside one key and below the search's folder (lower-casing keeps an ASCII prefix's length).
      const relStart = start + lowerPrefixLength;
      if (pos + needle.length <= end && pos >= relStart && !index.isDeleted(i)) {
        const e = index.entryAt(i);
        if (inScope(e.key) && passes(e)) take(e);
        pos = text.indexOf(needle, end);
      } else {
        pos = text.indexOf(needle, pos + 1);
      }
    }
    const match = compileMatcher('substring', q.pattern);
    for (const e of index.upserts.values()) if (inScope(e.key) && match(e.key.slice(q.prefix.length)) && passes(e)) take(e);
  } else {
    // Key by key, but over the columns: the cheap column filters first, a key string only for rows that pass,
    // and an entry object only for a match (a generator of entries cost 125 ms for a glob over 1,000,000 keys).
    const match = compileMatcher(q.mode, q.pattern);
    const columnsPass = columnFilterOf(index, q.filters);
    const c = index.columns;
    const plen = q.prefix.length;
    for (let i = 0; i < index.size; i++) {
      if (index.isDeleted(i) || !columnsPass(i)) continue;
      const key = c.joined.slice(c.offsets[i], c.offsets[i + 1]);
      if (!inScope(key) || !match(key.slice(plen))) continue;
      const e = index.entryAt(i);
      if (passes(e)) take(e);
    }
    for (const e of index.upserts.values()) if (inScope(e.key) && match(e.key.slice(plen)) && passes(e)) take(e);
  }
  return { hits, total, tookMs: now() - started, indexedAt: index.indexedAt };
}

/** Bytes and objects per immediate subfolder of `prefix` (and the folder's own objects), by storage class. */
export function folderSizes(index: BucketIndex, prefix: string): SizesReport {
  const parts = new Map<string, { objects: number; bytes: number; byClass: Record<string, number>; newest: number; oldest: number }>();
  const add = (name: string, e: IndexEntry) => {
    let p = parts.get(name);
    if (!p) parts.set(name, (p = { objects: 0, bytes: 0, byClass: {}, newest: 0, oldest: 0 }));
    p.objects++;
    p.bytes += e.size;
    p.byClass[e.storageClass] = (p.byClass[e.storageClass] ?? 0) + e.size;
    if (e.lastModified > p.newest) p.newest = e.lastModified;
    if (p.oldest === 0 || (e.lastModified > 0 && e.lastModified < p.oldest)) p.oldest = e.lastModified;
  };
  const total = { objects: 0, bytes: 0, byClass: {} as Record<string, number>, newest: 0, oldest: 0 };
  for (const e of index.entries()) {
    if (!e.key.startsWith(prefix)) continue;
    const rel = e.key.slice(prefix.length);
    const slash = rel.indexOf('/');
    add(slash < 0 ? prefix : prefix + rel.slice(0, slash + 1), e);
    total.objects++;
    total.bytes += e.size;
    total.byClass[e.storageClass] = (total.byClass[e.storageClass] ?? 0) + e.size;
    if (e.lastModified > total.newest) total.newest = e.lastModified;
    if (total.oldest === 0 || (e.lastModified > 0 && e.lastModified < total.oldest)) total.oldest = e.lastModified;
  }
  const list: FolderSize[] = [...parts].map(([p, v]) => ({ prefix: p, ...v }));
  list.sort((a, b) => (a.prefix === prefix ? -1 : b.prefix === prefix ? 1 : b.bytes - a.bytes));
  return { prefix, total: { prefix, ...total }, parts: list, indexedAt: index.indexedAt };
}
