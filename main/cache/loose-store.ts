import type { CacheTotals } from './folder-store';

export interface LooseEntry {
  readonly value: object;
  readonly expiresAt: number;
  readonly bytes: number;
  /** The cache's tick when last read or written: compared with folders' lastUsed when making room. */
  used: number;
}

/** A rough size: the value's JSON (two bytes a character) plus the entry, its key and its Map slot. */
export const looseBytes = (value: object): number => 160 + 2 * JSON.stringify(value).length;

/**
 * The cache's loose entries, one per cacheKey(): a stat or head not learnt from a listing (setStat, setHead, or a
 * listed key outside its folder), a version listing, or one object's properties. Insertion order is recency: a
 * read moves an entry to the end, so the first entry is the least recently used. Keeps the cache's totals; the
 * cache decides when there is room (S3Cache.makeRoom) before it calls set().
 */
export class LooseStore {
  private readonly entries = new Map<string, LooseEntry>();

  constructor(private readonly totals: CacheTotals) {}

  /** The entry while fresh, marked used at `tick`; an expired entry is dropped and reads as absent. */
  get(key: string, now: number, tick: number): Readonly<LooseEntry> | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now > entry.expiresAt) {
      this.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    entry.used = tick;
    return entry;
  }

  /** Store a value (replacing any under `key`); `bytes` is its looseBytes(), already made room for. */
  set(key: string, value: object, expiresAt: number, bytes: number, tick: number): void {
    this.delete(key);
    this.entries.set(key, { value, expiresAt, bytes, used: tick });
    this.totals.bytes += bytes;
    this.totals.entries++;
  }

  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.totals.bytes -= entry.bytes;
    this.totals.entries--;
    return true;
  }

  /** The least recently used entry: the first eviction candidate. */
  oldest(): { readonly key: string; readonly used: number } | undefined {
    const first = this.entries.entries().next().value;
    return first && { key: first[0], used: first[1].used };
  }

  /** Drop every entry whose key `picked` says; returns how many went. */
  deleteWhere(picked: (key: string) => boolean): number {
    let dropped = 0;
    for (const key of [...this.entries.keys()]) if (picked(key) && this.delete(key)) dropped++;
    return dropped;
  }

  /** Purge the entries expired at `now`; returns how many went. */
  sweep(now: number): number {
    let dropped = 0;
    for (const [key, entry] of [...this.entries]) if (now > entry.expiresAt && this.delete(key)) dropped++;
    return dropped;
  }
}
