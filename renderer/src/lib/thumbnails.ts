/**
 * Which grid tiles get a thumbnail, and a loader that sends one preview GET per visible image at most once per
 * view. Pure (no React, no DOM): the grid tells it what is visible, it decides what to fetch and remembers results.
 */
import type { Entry } from '../../../shared/types';

/** Larger images are not worth a full GET for a 96 px tile. */
export const THUMBNAIL_MAX_BYTES = 8 * 1024 * 1024;

/** What the preview channel renders as an image (main sniffs the bytes; the extension is our cheap guess). */
const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'svg']);

export function isThumbnailCandidate(entry: Entry, maxBytes: number = THUMBNAIL_MAX_BYTES): boolean {
  if (entry.kind !== 'object' || entry.size === 0 || entry.size > maxBytes) return false;
  const dot = entry.name.lastIndexOf('.');
  return dot > 0 && IMAGE_EXTENSIONS.has(entry.name.slice(dot + 1).toLowerCase());
}

/** The row indexes wholly or partly inside [top, top + height) for rows of `rowHeight`. */
export function visibleRowRange(scrollTop: number, height: number, rowHeight: number, rowCount: number): { first: number; last: number } | null {
  if (rowCount === 0 || height <= 0) return null;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight));
  const last = Math.min(rowCount - 1, Math.ceil((scrollTop + height) / rowHeight) - 1);
  return last < first ? null : { first, last };
}

export type Thumbnail = { readonly status: 'loading' } | { readonly status: 'ready'; readonly url: string } | { readonly status: 'none' };

/** Resolves to a data: URL, or null when the object is not an image after all (or the call failed). */
export type FetchThumbnail = (key: string) => Promise<string | null>;

/**
 * One loader per folder view. `show(keys)` is called with the image keys visible now: keys not seen before are
 * queued; queued keys no longer visible are dropped before they cost a GET (a request already sent is let finish
 * and cached: cheaper than refetching on the way back). At most `concurrency` requests run at once.
 */
export class ThumbnailLoader {
  private readonly cache = new Map<string, Thumbnail>();
  private queue: string[] = [];
  private visible = new Set<string>();
  private running = 0;
  private sent = 0;
  private readonly listeners = new Set<() => void>();
  private disposed = false;

  constructor(
    private readonly fetch: FetchThumbnail,
    private readonly concurrency = 4,
  ) {}

  /** GETs sent by this view so far. */
  get requests(): number {
    return this.sent;
  }

  get(key: string): Thumbnail | undefined {
    return this.cache.get(key);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  show(keys: readonly string[]): void {
    this.visible = new Set(keys);
    this.queue = this.queue.filter((key) => this.visible.has(key));
    for (const key of keys) if (!this.cache.has(key) && !this.queue.includes(key)) this.queue.push(key);
    this.pump();
  }

  /** Stop sending: queued keys are dropped and answers still in flight are ignored. */
  dispose(): void {
    this.disposed = true;
    this.queue = [];
  }

  /** Undo dispose() (React runs effects twice in development: set up, clean up, set up again). */
  activate(): void {
    this.disposed = false;
  }

  private pump(): void {
    while (!this.disposed && this.running < this.concurrency && this.queue.length > 0) {
      const key = this.queue.shift()!;
      this.cache.set(key, { status: 'loading' });
      this.running++;
      this.sent++;
      this.emit();
      void this.fetch(key)
        .catch(() => null)
        .then((url) => {
          this.running--;
          if (this.disposed) return;
          this.cache.set(key, url === null ? { status: 'none' } : { status: 'ready', url });
          this.emit();
          this.pump();
        });
    }
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
