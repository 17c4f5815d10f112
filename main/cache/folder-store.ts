import type { Stat } from '../../shared/types';
import type { RecordChunk } from './record-chunk';

/** Running totals over every store of one cache, kept by the stores themselves. */
export interface CacheTotals {
  bytes: number;
  /** Pages + indexed records + loose stats and heads. */
  entries: number;
}

/** A record's place: chunk slot × SLOT + index in the chunk. Stays a small integer (V8 Smi) for 32,767 chunks. */
const SLOT = 65_536;
export const MAX_CHUNK_RECORDS = SLOT - 1;

/**
 * Everything cached for one folder (connection + bucket + canonical prefix): its listing pages, and the stat
 * index that maps each child's name to its record inside a page's chunk. A dropped page keeps its chunk while
 * stats still point into it, so dropping a folder's pages (a write, a refresh) leaves its children's stats
 * answerable until they expire or a write names them.
 */
export class FolderStore {
  /** Recency for eviction (the cache's tick when last read or written). */
  lastUsed = 0;
  private readonly chunks: (RecordChunk | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  /** cursor → chunk slot of the page it produced. */
  private readonly pages = new Map<string, number>();
  /** child name → record place. */
  private readonly index = new Map<string, number>();

  constructor(
    readonly id: string,
    readonly connectionId: string,
    readonly bucket: string,
    readonly prefix: string,
    private readonly totals: CacheTotals,
  ) {}

  get isEmpty(): boolean {
    return this.pages.size === 0 && this.index.size === 0;
  }

  /** Store a page; `isChild(i)` says which records this folder's stat index answers for. */
  addPage(chunk: RecordChunk, isChild: (i: number) => boolean): void {
    const old = this.pages.get(chunk.cursor);
    if (old !== undefined) this.unlist(old);
    const slot = this.freeSlots.pop() ?? this.chunks.length;
    this.chunks[slot] = chunk;
    this.pages.set(chunk.cursor, slot);
    this.totals.bytes += chunk.bytes;
    this.totals.entries++;
    for (let i = 0; i < chunk.size; i++) {
      if (!isChild(i)) continue;
      const name = chunk.names[i]!;
      const previous = this.index.get(name);
      this.index.set(name, slot * SLOT + i);
      chunk.live++;
      if (previous === undefined) this.totals.entries++;
      else this.release(Math.floor(previous / SLOT));
    }
  }

  /** The page a cursor produced, if cached and fresh (a stale one is dropped on the way). */
  page(cursor: string, now: number): RecordChunk | undefined {
    const slot = this.pages.get(cursor);
    if (slot === undefined) return undefined;
    const chunk = this.chunks[slot]!;
    if (now <= chunk.expiresAt) return chunk;
    this.unlist(slot);
    return undefined;
  }

  /** The record of a child, with its freshness (its page's expiry), or undefined. */
  stat(name: string, now: number): { readonly stat: Stat; readonly expiresAt: number } | undefined {
    const place = this.index.get(name);
    if (place === undefined) return undefined;
    const chunk = this.chunks[Math.floor(place / SLOT)]!;
    if (now > chunk.expiresAt) {
      this.deleteRecord(name);
      return undefined;
    }
    return { stat: chunk.statAt(place % SLOT), expiresAt: chunk.expiresAt };
  }

  deleteRecord(name: string): boolean {
    const place = this.index.get(name);
    if (place === undefined) return false;
    this.index.delete(name);
    this.totals.entries--;
    this.release(Math.floor(place / SLOT));
    return true;
  }

  /** Drop every page (records stay). Returns how many pages went. */
  dropPages(): number {
    const slots = [...this.pages.values()];
    for (const slot of slots) this.unlist(slot);
    return slots.length;
  }

  /** Drop pages and records. Returns how many went. */
  dropAll(): number {
    const names = [...this.index.keys()];
    for (const name of names) this.deleteRecord(name);
    return this.dropPages() + names.length;
  }

  /** Drop what expired by `now`. Returns how many entries went. */
  sweep(now: number): number {
    let dropped = 0;
    for (let slot = 0; slot < this.chunks.length; slot++) {
      const chunk = this.chunks[slot];
      if (!chunk || now <= chunk.expiresAt) continue;
      for (let i = 0; i < chunk.size && chunk.live > 0; i++) {
        const name = chunk.names[i]!;
        if (this.index.get(name) === slot * SLOT + i && this.deleteRecord(name)) dropped++;
      }
      if (chunk.listed) {
        this.unlist(slot);
        dropped++;
      }
    }
    return dropped;
  }

  private unlist(slot: number): void {
    const chunk = this.chunks[slot]!;
    if (!chunk.listed) return;
    chunk.listed = false;
    this.pages.delete(chunk.cursor);
    this.totals.entries--;
    if (chunk.live === 0) this.free(slot);
  }

  private release(slot: number): void {
    const chunk = this.chunks[slot]!;
    chunk.live--;
    if (chunk.live === 0 && !chunk.listed) this.free(slot);
  }

  private free(slot: number): void {
    this.totals.bytes -= this.chunks[slot]!.bytes;
    this.chunks[slot] = undefined;
    this.freeSlots.push(slot);
  }
}
