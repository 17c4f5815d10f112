/**
 * Queries over a bucket index, in main without a request to S3. A substring query runs String.indexOf over
 * the lower-cased joined keys and maps each hit to its key, so the cost is one scan of the characters, not one
 * call per key; a glob or regular expression does the same with the longest literal it requires (literals.ts)
 * and tests only those candidates; without one, and for filter-only queries, keys are tested one by one.
 * The index is sorted by lower-cased key, so the folder plus a pattern's literal start ("logs/2024/**") is
 * one key range found by binary search, and only that range is scanned.
 * A `count: false` query stops when its page is full (the first page in milliseconds, the count after).
 */
import type { FolderSize, SearchFilters, SearchHit, SearchQuery, SearchResult, SizesReport } from '../../shared/search';
import type { BucketIndex, IndexEntry } from './bucket-index';
import { anchoredStart, MIN_LITERAL, prefilterLiterals } from './literals';
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

/** The key holding position `pos` of the lower-cased keys, searching forward from key `from` (hits come in order). */
function keyOfLowerPos(index: BucketIndex, pos: number, from: number): number {
  const o = index.lowerOffsets;
  // Hits of a common literal are a few keys apart: a few steps forward beat a binary search over 1,000,000.
  for (let i = from, steps = 0; steps < 8 && i < o.length - 1; i++, steps++) if (o[i + 1]! > pos) return i;
  return index.entryOfLowerPos(pos);
}

const SAMPLE_WINDOWS = 16;
const SAMPLE_WIDTH = 16_384;

/** Hits of `literal` in the lower-cased keys, estimated from a few evenly spread windows (all of a small index). */
function estimatedHits(text: string, literal: string): number {
  const windows = text.length <= SAMPLE_WINDOWS * SAMPLE_WIDTH ? 1 : SAMPLE_WINDOWS;
  const width = windows === 1 ? text.length : SAMPLE_WIDTH;
  let hits = 0;
  for (let w = 0; w < windows; w++) {
    // A slice of its own: indexOf on the whole text would run on past the window when the literal is rare.
    const from = windows === 1 ? 0 : Math.floor(((text.length - width) * w) / (windows - 1));
    const part = text.slice(from, from + width);
    for (let p = part.indexOf(literal); p >= 0; p = part.indexOf(literal, p + literal.length)) hits++;
  }
  return (hits * text.length) / Math.max(1, windows * width);
}

/**
 * The literal with the fewest estimated hits, or null when even that one is in most keys: then mapping every
 * hit to its key costs more than testing the keys one by one.
 */
function rarest(index: BucketIndex, literals: readonly string[], keys: number): string | null {
  let best: string | null = null;
  let bestHits = Number.POSITIVE_INFINITY;
  for (const l of literals) {
    if (l.length < MIN_LITERAL) continue;
    const hits = estimatedHits(index.lower, l);
    if (hits < bestHits) [best, bestHits] = [l, hits];
  }
  // Estimated over the whole index, compared for the share of it the key range holds.
  return (bestHits * keys) / Math.max(1, index.size) > keys / 2 ? null : best;
}

export function runQuery(index: BucketIndex, q: SearchQuery, now: () => number = performance.now.bind(performance)): SearchResult {
  const started = now();
  const limit = q.limit ?? DEFAULT_LIMIT;
  const hits: SearchHit[] = [];
  let total = 0;
  // A first-page query stops at the first match past a full page: its total is then only a lower bound.
  let full = false;
  const stopAtPage = q.count === false;
  const passes = filterOf(q.filters);
  const inScope = (key: string) =>
    key.startsWith(q.prefix) && !key.endsWith('/') && (q.recursive || !key.slice(q.prefix.length).includes('/'));
  const take = (e: IndexEntry) => {
    total++;
    if (hits.length < limit) hits.push({ key: e.key, size: e.size, lastModified: e.lastModified, storageClass: e.storageClass });
    else if (stopAtPage) full = true;
  };
  const match = compileMatcher(q.mode, q.pattern);
  const columnsPass = columnFilterOf(index, q.filters);
  const c = index.columns;
  const plen = q.prefix.length;
  // Key by key, but over the columns: the cheap column filters first, a key string only for rows that pass,
  // and an entry object only for a match (a generator of entries cost 125 ms for a glob over 1,000,000 keys).
  // A substring candidate found in the lower-cased keys is already a match.
  const trusted = q.mode === 'substring';
  const literals = trusted ? [] : prefilterLiterals(q.mode, q.pattern, index.hasLongS);
  // The keys that can match at all: those starting with the folder and the pattern's literal start, in any
  // case, one range of the sorted index (a final sigma lower-cases by context, so a "Σ" in the folder skips it).
  const lowerStart = q.prefix.includes('Σ') ? '' : (q.prefix + anchoredStart(q.mode, q.pattern, index.hasLongS)).toLowerCase();
  const range = lowerStart === '' ? { from: 0, to: index.size } : index.keyRange(lowerStart);
  const literal = q.pattern === '' ? null : trusted ? q.pattern.toLowerCase() : rarest(index, literals, range.to - range.from);
  // The pattern's other literals, checked in the lower-cased key before the matcher runs.
  const others = literal === null ? [] : literals.filter((l) => l !== literal);
  const consider = (i: number) => {
    if (index.isDeleted(i) || !columnsPass(i)) return;
    if (others.length > 0) {
      const lower = index.lower.slice(index.lowerOffsets[i], index.lowerOffsets[i + 1]);
      for (const l of others) if (!lower.includes(l)) return;
    }
    const key = c.joined.slice(c.offsets[i], c.offsets[i + 1]);
    if (!inScope(key) || (!trusted && !match(key.slice(plen)))) return;
    const e = index.entryAt(i);
    if (passes(e)) take(e);
  };

  if (literal !== null) {
    // Candidates by String.indexOf over the lower-cased joined keys: one scan of the characters, each hit
    // mapped to its key; a hit must lie inside one key and below the search's folder (lower-casing keeps an
    // ASCII prefix's length).
    const text = index.lower;
    const offs = index.lowerOffsets;
    const lowerPrefixLength = q.prefix.toLowerCase().length;
    let i = range.from;
    const stop = offs[range.to]!;
    for (let pos = text.indexOf(literal, offs[range.from]); pos >= 0 && pos < stop && !full; ) {
      i = keyOfLowerPos(index, pos, i);
      const end = offs[i + 1]!;
      if (pos + literal.length <= end && pos >= offs[i]! + lowerPrefixLength) {
        consider(i);
        pos = text.indexOf(literal, end);
      } else {
        pos = text.indexOf(literal, pos + 1);
      }
    }
  } else {
    for (let i = range.from; i < range.to && !full; i++) consider(i);
  }
  for (const e of index.upserts.values()) {
    if (full) break;
    if (inScope(e.key) && match(e.key.slice(plen)) && passes(e)) take(e);
  }
  return { hits, total, counted: !full, tookMs: now() - started, indexedAt: index.indexedAt };
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
