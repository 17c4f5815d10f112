/**
 * The index of one bucket (or one folder of it): a flat listing held in columns. Keys live in one joined
 * string with offsets, and a lower-cased copy for case-insensitive search, so a substring query is a few
 * String.indexOf calls over one string instead of a million small ones, and the index costs little more than
 * its characters (no object per key). In-app writes land in a small overlay (deleted flags, upserted
 * entries) until the next crawl replaces the whole thing.
 */
import type { ListedObject } from '../s3/list-objects';

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

  build(): IndexColumns {
    const offsets = new Uint32Array(this.keys.length + 1);
    let at = 0;
    this.keys.forEach((k, i) => {
      offsets[i] = at;
      at += k.length;
    });
    offsets[this.keys.length] = at;
    return {
      joined: this.keys.join(''),
      offsets,
      sizes: Float64Array.from(this.sizes),
      modified: Float64Array.from(this.modified),
      classes: Uint8Array.from(this.classes),
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

  isDeleted(i: number): boolean {
    return this.deleted[i] === 1;
  }

  entryAt(i: number): IndexEntry {
    const c = this.columns;
    return { key: this.keyAt(i), size: c.sizes[i]!, lastModified: c.modified[i]!, storageClass: c.classNames[c.classes[i]!] ?? 'STANDARD' };
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

  /** Approximate bytes held: both strings (2 bytes per char at worst) and the columns. */
  memoryBytes(): number {
    const c = this.columns;
    const twice = this.lower === c.joined ? 1 : 2;
    return (
      c.joined.length * 2 * twice +
      c.offsets.byteLength +
      (this.lowerOffsets === c.offsets ? 0 : this.lowerOffsets.byteLength) +
      c.sizes.byteLength +
      c.modified.byteLength +
      c.classes.byteLength +
      this.deleted.byteLength
    );
  }
}

/** FNV-1a over UTF-16 code units. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
