/**
 * The index of one bucket (or one folder of it): a flat listing held in columns, ordered by lower-cased key
 * (so a folder or a literal start is one key range). Keys live in one joined
 * string with offsets, and a lower-cased copy for case-insensitive search, so a substring query is a few
 * String.indexOf calls over one string instead of a million small ones, and the index costs little more than
 * its characters (no object per key). The query structures (block trigram lists and character runs, extension column) are
 * built from the lower-cased keys on first use. In-app writes land in a small overlay (deleted flags, upserted
 * entries) until the next crawl replaces the whole thing.
 */
import type { ListedObject } from '../s3/list-objects';
import { CharRuns } from './char-runs';
import { TrigramIndex } from './trigram-index';

export interface IndexEntry {
  readonly key: string;
  readonly size: number;
  readonly lastModified: number;
  readonly storageClass: string;
}

export interface IndexColumns {
  /** Every key, one after another. */
  readonly joined: string;
  /** Where key i starts in `joined`; one more entry than keys (the end). */
  readonly offsets: Uint32Array;
  readonly sizes: Float64Array;
  readonly modified: Float64Array;
  readonly classes: Uint8Array;
  readonly classNames: readonly string[];
}

/** Collects a crawl's pages, then freezes them into columns. */
export class IndexBuilder {
  private readonly keys: string[] = [];
  private readonly sizes: number[] = [];
  private readonly modified: number[] = [];
  private readonly classes: number[] = [];
  private readonly classIds = new Map<string, number>();

  add(objects: readonly ListedObject[]): void {
    for (const o of objects) {
      let id = this.classIds.get(o.storageClass);
      if (id === undefined) {
        id = this.classIds.size;
        this.classIds.set(o.storageClass, id);
      }
      this.keys.push(o.key);
      this.sizes.push(o.size);
      this.modified.push(o.lastModified);
      this.classes.push(id);
    }
  }

  get count(): number {
    return this.keys.length;
  }

  /** Drops everything added (a crawl that starts over). */
  clear(): void {
    for (const column of [this.keys, this.sizes, this.modified, this.classes]) column.length = 0;
  }

  /**
   * The columns in the order of the lower-cased keys (then the keys themselves), so every key that starts
   * with a given text, in any case, is one contiguous range found by binary search (see keyRange).
   */
  build(): IndexColumns {
    const n = this.keys.length;
    const lower = this.keys.map((k) => k.toLowerCase());
    // Array#sort (TimSort) finds sorted runs: a crawl's ranges arrive in order, and a rebuilt index with a few
    // upserts is nearly sorted, so both cost about one comparison per key (TypedArray#sort does not adapt).
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => compareLower(lower[a]!, this.keys[a]!, lower[b]!, this.keys[b]!));
    const offsets = new Uint32Array(n + 1);
    const sorted: string[] = new Array<string>(n);
    let at = 0;
    order.forEach((from, i) => {
      sorted[i] = this.keys[from]!;
      offsets[i] = at;
      at += this.keys[from]!.length;
    });
    offsets[n] = at;
    return {
      joined: sorted.join(''),
      offsets,
      sizes: Float64Array.from(order, (i) => this.sizes[i]!),
      modified: Float64Array.from(order, (i) => this.modified[i]!),
      classes: Uint8Array.from(order, (i) => this.classes[i]!),
      classNames: [...this.classIds.keys()],
    };
  }
}

export class BucketIndex {
  /** Lower-cased keys; with its own offsets only when lower-casing changed a length (e.g. "İ"). */
  readonly lower: string;
  readonly lowerOffsets: Uint32Array;
  private readonly deleted: Uint8Array;
  /** Open-addressed hash of key → position + 1, built on the first write (4 bytes a slot, not a Map of strings). */
  private slots: Uint32Array | null = null;
  /** Keys written in the app since the crawl (their sizes known or not yet). */
  readonly upserts = new Map<string, IndexEntry>();
  changesSince = 0;

  constructor(
    readonly root: string,
    readonly indexedAt: number,
    readonly columns: IndexColumns,
  ) {
    const n = columns.offsets.length - 1;
    this.deleted = new Uint8Array(n);
    // One call over the joined keys; only when that changes the length (e.g. "İ" → "i̇") are the keys
    // lower-cased one by one with offsets of their own. (A final sigma may lower-case differently across a key
    // boundary; it keeps its length, so a hit still maps to the right key.)
    const whole = columns.joined.toLowerCase();
    if (whole.length === columns.joined.length) {
      this.lower = whole;
      this.lowerOffsets = columns.offsets;
    } else {
      const parts: string[] = [];
      for (let i = 0; i < n; i++) parts.push(this.keyAt(i).toLowerCase());
      this.lower = parts.join('');
      this.lowerOffsets = new Uint32Array(n + 1);
      let at = 0;
      parts.forEach((p, i) => {
        this.lowerOffsets[i] = at;
        at += p.length;
      });
      this.lowerOffsets[n] = at;
    }
  }

  private longS: boolean | undefined;
  private grams: TrigramIndex | undefined;
  private runs: CharRuns | undefined;
  private exts: { readonly ids: Uint16Array; readonly names: Map<string, number> } | undefined;

  /** Builds the query structures (trigram lists, extensions) now, so no query waits for them. */
  prepare(): void {
    void this.trigrams;
    void this.charRuns;
    void this.extensions;
  }

  /**
   * Each key's lower-cased extension (after the name's last "."; "" without one) as a number, built on first
   * use: a "*.parquet" query compares 2 bytes a key instead of its characters.
   */
  get extensions(): { readonly ids: Uint16Array; readonly names: Map<string, number> } {
    if (!this.exts) {
      const names = new Map<string, number>([['', 0]]);
      const ids = new Uint16Array(this.size);
      const lower = this.lower;
      const o = this.lowerOffsets;
      for (let i = 0; i < ids.length; i++) {
        const start = o[i]!;
        const end = o[i + 1]!;
        let dot = -1;
        for (let p = end - 1; p >= start; p--) {
          const ch = lower.charCodeAt(p);
          if (ch === 0x2e) {
            dot = p;
            break;
          }
          if (ch === 0x2f) break;
        }
        if (dot < 0) continue;
        const ext = lower.slice(dot + 1, end);
        let id = names.get(ext);
        if (id === undefined) {
          // Past 65,535 distinct extensions the rest share the last id: a candidate, never a miss.
          id = Math.min(names.size, 0xffff);
          if (id < 0xffff) names.set(ext, id);
        }
        ids[i] = id;
      }
      this.exts = { ids, names };
    }
    return this.exts;
  }

  /** The block-level trigram index over the lower-cased keys, built on first use (in the index worker). */
  get trigrams(): TrigramIndex {
    this.grams ??= TrigramIndex.build(this.lower, this.lowerOffsets);
    return this.grams;
  }

  /** Each block's longest digit, letter and word runs (char-runs.ts), over the trigram index's blocks. */
  get charRuns(): CharRuns {
    this.runs ??= CharRuns.build(this.lower, this.lowerOffsets, this.trigrams.block);
    return this.runs;
  }

  /** Whether any key holds "ſ", which case-folds to "s" but lower-cases to itself (see literals.ts). */
  get hasLongS(): boolean {
    this.longS ??= this.lower.includes('\u017f');
    return this.longS;
  }

  get size(): number {
    return this.columns.offsets.length - 1;
  }

  /** Live entries: the crawl's minus deletions, plus upserts. */
  get objects(): number {
    let live = 0;
    for (let i = 0; i < this.size; i++) if (!this.deleted[i]) live++;
    return live + this.upserts.size;
  }

  keyAt(i: number): string {
    return this.columns.joined.slice(this.columns.offsets[i], this.columns.offsets[i + 1]);
  }

  /** 1 per deleted key: for tight loops over the columns (read only). */
  get deletions(): Uint8Array {
    return this.deleted;
  }

  isDeleted(i: number): boolean {
    return this.deleted[i] === 1;
  }

  entryAt(i: number): IndexEntry {
    const c = this.columns;
    return { key: this.keyAt(i), size: c.sizes[i]!, lastModified: c.modified[i]!, storageClass: c.classNames[c.classes[i]!] ?? 'STANDARD' };
  }

  /**
   * Keys [from, to) whose lower-cased form starts with `lowerStart`: a superset of the keys that start with
   * any casing of it (two binary searches over the sorted order; lower-casing is per character except a
   * final sigma, so callers pass no "Σ").
   */
  keyRange(lowerStart: string): { readonly from: number; readonly to: number } {
    const lowerKey = (i: number) => this.keyAt(i).toLowerCase();
    const first = (before: (k: string) => boolean) => {
      let lo = 0;
      let hi = this.size;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (before(lowerKey(mid))) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const from = first((k) => k < lowerStart);
    const to = first((k) => k < lowerStart || k.startsWith(lowerStart));
    return { from, to: Math.max(from, to) };
  }

  /** The entry holding position `pos` of the lower-cased string (binary search over its offsets). */
  entryOfLowerPos(pos: number): number {
    const o = this.lowerOffsets;
    let lo = 0;
    let hi = o.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (o[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private positionOf(key: string): number | undefined {
    if (!this.slots) {
      let cap = 16;
      while (cap < this.size * 2) cap *= 2;
      this.slots = new Uint32Array(cap);
      for (let i = 0; i < this.size; i++) {
        let s = hashOf(this.keyAt(i)) & (cap - 1);
        while (this.slots[s] !== 0) s = (s + 1) & (cap - 1);
        this.slots[s] = i + 1;
      }
    }
    const mask = this.slots.length - 1;
    for (let s = hashOf(key) & mask; this.slots[s] !== 0; s = (s + 1) & mask) {
      const i = this.slots[s]! - 1;
      if (this.keyAt(i) === key) return i;
    }
    return undefined;
  }

  covers(key: string): boolean {
    return key.startsWith(this.root);
  }

  /** A delete the app made: gone from every later answer. */
  remove(key: string): void {
    this.changesSince++;
    this.upserts.delete(key);
    const i = this.positionOf(key);
    if (i !== undefined) this.deleted[i] = 1;
  }

  /** A put the app made: the new entry replaces any listed one. */
  upsert(entry: IndexEntry): void {
    this.changesSince++;
    const i = this.positionOf(entry.key);
    if (i !== undefined) this.deleted[i] = 1;
    this.upserts.set(entry.key, entry);
  }

  /** Every live entry, in listing order, then the upserts. */
  *entries(): Generator<IndexEntry> {
    for (let i = 0; i < this.size; i++) if (!this.deleted[i]) yield this.entryAt(i);
    yield* this.upserts.values();
  }

  private charBytes: number | undefined;

  /** Approximate bytes held: the strings (1 byte a character when all are Latin-1, as V8 stores them, else 2), the columns and the query structures. */
  memoryBytes(): number {
    const c = this.columns;
    const twice = this.lower === c.joined ? 1 : 2;
    this.charBytes ??= /[\u0100-\uffff]/.test(c.joined) ? 2 : 1;
    return (
      c.joined.length * this.charBytes * twice +
      c.offsets.byteLength +
      (this.lowerOffsets === c.offsets ? 0 : this.lowerOffsets.byteLength) +
      c.sizes.byteLength +
      c.modified.byteLength +
      c.classes.byteLength +
      this.deleted.byteLength +
      (this.grams?.memoryBytes() ?? 0) +
      (this.runs?.memoryBytes() ?? 0) +
      (this.exts?.ids.byteLength ?? 0) +
      (this.slots?.byteLength ?? 0)
    );
  }
}

/** The index's order: by lower-cased key (UTF-16 code units), ties by the key itself. */
function compareLower(la: string, a: string, lb: string, b: string): number {
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** FNV-1a over UTF-16 code units. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
