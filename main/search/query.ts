/**
 * Queries over a bucket index, on the index worker, without a request to S3. The index is sorted by
 * lower-cased key, so the folder plus a pattern's literal start ("logs/2024/**") is one key range found by
 * binary search. What the pattern requires (its literals, literals.ts; for a regex its expanded groups and
 * classes, regex-clauses.ts; its runs of digits or letters, regex-runs.ts) picks the candidate 32-key blocks
 * from the trigram index (trigram-index.ts) and the blocks' character runs (char-runs.ts); in
 * each, String.indexOf finds the rarest literal and each hit is mapped to its key, or keys are tested one by
 * one when a literal is common or size/date/class filters can reject most keys on a number; a "*.parquet"
 * glob compares the extension column. A regex with no literal to find is swept over the joined keys
 * (regex-sweep.ts); filters without a pattern are one loop over the columns (column-scan.ts). The real
 * matcher always has the last word.
 * A `count: false` query stops when its page is full (the first page in milliseconds, the count after).
 */
import type { FolderSize, SearchFilters, SearchHit, SearchQuery, SearchResult, SizesReport } from '../../shared/search';
import type { BucketIndex, IndexEntry } from './bucket-index';
import { columnBounds, joinedKeyInScope, scanColumns } from './column-scan';
import { anchoredStart, MIN_LITERAL, prefilterLiterals } from './literals';
import { compileMatcher, suffixGlob } from './matcher';
import { regexClauses } from './regex-clauses';
import { regexRuns } from './regex-runs';
import { keySweeper, sweepable, sweepRegex } from './regex-sweep';

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
function columnFilterOf(index: BucketIndex, filters: SearchFilters | undefined): ((i: number) => boolean) | null {
  const bounds = columnBounds(index.columns.classNames, filters);
  if (bounds === null) return null;
  const { sizes, modified, classes } = index.columns;
  const { minSize, maxSize, modifiedFrom, modifiedTo, classOk } = bounds;
  return (i) => {
    const size = sizes[i]!;
    const time = modified[i]!;
    return !(size < minSize || size > maxSize || time < modifiedFrom || time > modifiedTo) && classOk[classes[i]!] === 1;
  };
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
  const take = (e: IndexEntry) => {
    total++;
    if (hits.length < limit) hits.push({ key: e.key, size: e.size, lastModified: e.lastModified, storageClass: e.storageClass });
    else if (stopAtPage) full = true;
  };
  const match = compileMatcher(q.mode, q.pattern);
  const columnsPass = columnFilterOf(index, q.filters);
  const keyFilter = (q.filters?.extensions?.length ?? 0) > 0;
  const c = index.columns;
  const { joined, offsets } = c;
  const { lower, lowerOffsets } = index;
  const prefix = q.prefix;
  const plen = prefix.length;
  const lowerPrefixLength = prefix.toLowerCase().length;
  // A substring candidate found in the lower-cased keys is already a match.
  const trusted = q.mode === 'substring';
  const literals = trusted ? (q.pattern === '' ? [] : [q.pattern.toLowerCase()]) : prefilterLiterals(q.mode, q.pattern, index.hasLongS);
  // "*.parquet": tested in place at the end of each lower-cased key, key by key (cheaper than every hit).
  const globSuffix = q.mode === 'glob' ? suffixGlob(q.pattern) : null;
  const suffix = globSuffix !== null && /^[\x20-\x7e]+$/.test(globSuffix) ? globSuffix : null;
  // The keys that can match at all: those starting with the folder and the pattern's literal start, in any
  // case, one range of the sorted index (a final sigma lower-cases by context, so a "Σ" in the folder skips it).
  const lowerStart = prefix.includes('Σ') ? '' : (prefix + anchoredStart(q.mode, q.pattern, index.hasLongS)).toLowerCase();
  const range = lowerStart === '' ? { from: 0, to: index.size } : index.keyRange(lowerStart);
  const literal = trusted ? (literals[0] ?? null) : suffix !== null ? null : rarest(index, literals, range.to - range.from);
  // The pattern's other literals, checked in the lower-cased key before the matcher runs.
  const others = literal === null ? [] : literals.filter((l) => l !== literal);
  // Every key is tested over the columns: the cheap column filters first, the key's characters in place, a
  // key string only for the matcher, an entry object only for a hit on the page.
  const consider = (i: number, unseen: string | null = null) => {
    if (index.isDeleted(i) || (columnsPass !== null && !columnsPass(i))) return;
    // Key by key with a literal (below): is it in this key, past the folder?
    if (unseen !== null && !lower.slice(lowerOffsets[i], lowerOffsets[i + 1]).includes(unseen, lowerPrefixLength)) return;
    const ks = offsets[i]!;
    const ke = offsets[i + 1]!;
    if (!joinedKeyInScope(joined, ks, ke, prefix, q.recursive)) return;
    if (others.length > 0) {
      const text = lower.slice(lowerOffsets[i], lowerOffsets[i + 1]);
      for (const l of others) if (!text.includes(l)) return;
    }
    if (suffix !== null) {
      const at = lowerOffsets[i + 1]! - suffix.length;
      if (at < lowerOffsets[i]! + lowerPrefixLength || !lower.startsWith(suffix, at)) return;
    } else if (!trusted && !match(joined.slice(ks + plen, ke))) return;
    total++;
    if (keyFilter || hits.length < limit) {
      const e = index.entryAt(i);
      if (keyFilter && !passes(e)) {
        total--;
        return;
      }
      if (hits.length < limit) hits.push(e);
      else if (stopAtPage) full = true;
    } else if (stopAtPage) full = true;
  };
  // A regex with no literal to find: one exec over the joined keys per match (regex-sweep.ts); with column
  // filters, key by key, as most keys then fail on a number first.
  const sweeps = literal === null && columnsPass === null && q.mode === 'regex' && q.pattern !== '' && sweepable(q.pattern);
  const sweep = sweeps ? keySweeper(joined, offsets, sweepRegex(q.pattern), consider, () => full) : null;
  // Keys [from, to): by String.indexOf of the literal over their lower-cased characters, each hit mapped to
  // its key (it must lie inside one key and below the search's folder), key by key without a literal, or
  // swept (above).
  const scan = (from: number, to: number) => {
    if (sweep !== null) {
      sweep(from, to);
      return;
    }
    if (literal === null || columnsPass !== null) {
      // With size, date or class filters, most keys fail on a number: test those first, key by key.
      for (let i = from; i < to && !full; i++) consider(i, literal);
      return;
    }
    const base = lowerOffsets[from]!;
    // A slice of its own (V8 keeps it a view): indexOf would run on past the block when it holds no hit.
    const part = lower.slice(base, lowerOffsets[to]);
    let i = from;
    for (let p = part.indexOf(literal); p >= 0 && !full; ) {
      const pos = base + p;
      i = keyOfLowerPos(index, pos, i);
      const end = lowerOffsets[i + 1]!;
      if (pos + literal.length <= end && pos >= lowerOffsets[i]! + lowerPrefixLength) {
        consider(i);
        p = part.indexOf(literal, end - base);
      } else {
        p = part.indexOf(literal, p + 1);
      }
    }
  };
  // The blocks that can hold a match (trigram-index.ts): those with every literal, and for a regular
  // expression one string of each of its clauses (regex-clauses.ts); all of the range without any.
  const clauses: string[][] = literals.filter((l) => l.length >= 3).map((l) => [l]);
  if (q.mode === 'regex' && !index.hasLongS) clauses.push(...regexClauses(q.pattern));
  const grams = clauses.length > 0 ? index.trigrams : null;
  // And for a regex, those whose keys hold the runs of digits, letters or word characters it needs
  // ("\d{7}", regex-runs.ts), so a pattern with no literal at all still skips most blocks.
  const needs = q.mode === 'regex' ? regexRuns(q.pattern) : null;
  const byRuns = needs !== null && needs.some((n) => n > 0);
  const trigramBlocks = grams?.candidates(clauses) ?? null;
  const blocks = byRuns ? index.charRuns.candidates(needs, trigramBlocks) : trigramBlocks;
  const B = byRuns ? index.charRuns.block : (grams?.block ?? 0);
  // A suffix with an extension ("*.parquet", "*.json.gz"): only keys with that last extension can match.
  const dot = suffix === null ? -1 : suffix.lastIndexOf('.');
  const extension = dot < 0 ? null : suffix!.slice(dot + 1);
  if (q.pattern === '' && !keyFilter) {
    // Filters only (or nothing at all): one tight loop over the columns (column-scan.ts).
    const scanned = scanColumns(index, columnBounds(c.classNames, q.filters), { ...range, prefix, recursive: q.recursive, limit, stopAtPage }, hits);
    total += scanned.total;
    full = scanned.full;
  } else if (extension !== null && !extension.includes('/')) {
    const { ids, names } = index.extensions;
    const id = names.get(extension);
    // Past 65,535 extensions an unlisted one may share the last id.
    const wanted = id ?? (names.size >= 0xffff ? 0xffff : -1);
    for (let i = range.from; i < range.to && !full && wanted >= 0; i++) if (ids[i] === wanted) consider(i);
  } else if (blocks === null) scan(range.from, range.to);
  else {
    // The candidate blocks that overlap the key range, from the first one ending past its start.
    let lo = 0;
    for (let hi = blocks.length; lo < hi; ) {
      const mid = (lo + hi) >>> 1;
      if ((blocks[mid]! + 1) * B <= range.from) lo = mid + 1;
      else hi = mid;
    }
    // Neighbouring blocks as one range: the run filter alone passes long stretches of them.
    for (let k = lo; k < blocks.length && !full && blocks[k]! * B < range.to; k++) {
      const first = blocks[k]!;
      while (k + 1 < blocks.length && blocks[k + 1] === blocks[k]! + 1) k++;
      scan(Math.max(range.from, first * B), Math.min(range.to, (blocks[k]! + 1) * B));
    }
  }
  for (const e of index.upserts.values()) {
    if (full) break;
    if (joinedKeyInScope(e.key, 0, e.key.length, prefix, q.recursive) && match(e.key.slice(plen)) && passes(e)) take(e);
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
