/**
 * Search and sizes over a bucket index: what the renderer asks for and what main answers. The index is a
 * flat listing kept per connection and bucket (main/search), so queries never touch S3.
 */
import type { ConnectionId } from './types';

/** How a name is matched: a case-insensitive substring, a glob over the whole key, or a regular expression. */
export type MatchMode = 'substring' | 'glob' | 'regex';

export interface SearchFilters {
  readonly minSize?: number;
  readonly maxSize?: number;
  /** Milliseconds since the epoch, inclusive. */
  readonly modifiedFrom?: number;
  readonly modifiedTo?: number;
  readonly storageClasses?: readonly string[];
  /** Without the dot, case-insensitive ("parquet"). */
  readonly extensions?: readonly string[];
}

export interface SearchQuery {
  readonly connectionId: ConnectionId;
  readonly bucket: string;
  /** The folder the search starts in ("" = the whole bucket). */
  readonly prefix: string;
  /** Only what is directly in `prefix` (this folder), or everything below it. */
  readonly recursive: boolean;
  readonly mode: MatchMode;
  readonly pattern: string;
  readonly filters?: SearchFilters;
  /** Results returned at most (the total is still counted). */
  readonly limit?: number;
  /**
   * false: stop scanning once the page is full, so the first page comes fast; `total` is then a lower bound
   * and `counted` false, and the exact count follows from the same query with `count` left on (the default).
   */
  readonly count?: boolean;
}

export interface SearchHit {
  readonly key: string;
  readonly size: number;
  readonly lastModified: number;
  readonly storageClass: string;
}

export interface SearchResult {
  readonly hits: readonly SearchHit[];
  /** Every match, also those past the limit (when `counted`; else the matches found before the page filled). */
  readonly total: number;
  /** Whether `total` is the exact count (false only for a `count: false` query that filled its page). */
  readonly counted: boolean;
  readonly tookMs: number;
  /** When the listing the answer comes from was taken: an index is never the bucket's truth. */
  readonly indexedAt: number;
}

export interface CrawlRequest {
  readonly connectionId: ConnectionId;
  readonly bucket: string;
  /** "" crawls the whole bucket. */
  readonly prefix: string;
  /** Names this crawl's progress events and lets it be cancelled. */
  readonly crawlId: string;
  /** Sub-ranges listed at once (1 = the plain sequential listing). */
  readonly concurrency?: number;
}

export interface CrawlProgress {
  readonly crawlId: string;
  readonly objects: number;
  readonly requests: number;
  /** Objects per second so far. */
  readonly rate: number;
  /** Seconds left, when the size is known from an earlier index of the same scope; else null. */
  readonly etaSeconds: number | null;
  /** Sub-ranges listed so far / found. */
  readonly rangesDone: number;
  readonly ranges: number;
  /** Requests so far beyond ceil(objects / 1000) per sub-range (the price of splitting). */
  readonly extraRequests: number;
}

export interface CrawlReport {
  readonly objects: number;
  readonly bytes: number;
  readonly requests: number;
  /** Requests spent finding sub-ranges (beyond ceil(objects / 1000) per sub-range). */
  readonly splitRequests: number;
  readonly ranges: number;
  /** Of those, ranges split by key (StartAfter boundaries in a folder-free listing). */
  readonly keyRanges: number;
  /** The server listed keys out of byte order, so the crawl was listed again as one range. */
  readonly restarted: boolean;
  /** Requests that failed (503, cut connections) and were sent again from the same page. */
  readonly retries: number;
  /** Sub-prefixes the server refused: not in the index, and said so. */
  readonly denied: readonly string[];
  readonly tookMs: number;
  readonly indexedAt: number;
}

export interface IndexStatus {
  /** The folder the index covers ("" = the whole bucket), or null when there is none. */
  readonly prefix: string | null;
  readonly objects: number;
  readonly indexedAt: number | null;
  /** In-app writes applied since the crawl. */
  readonly changesSince: number;
  readonly diskBytes: number;
  readonly memoryBytes: number;
}

export interface FolderSize {
  /** An immediate subfolder ("a/b/"), or the folder itself for the objects directly in it. */
  readonly prefix: string;
  readonly objects: number;
  readonly bytes: number;
  /** Bytes per storage class. */
  readonly byClass: Readonly<Record<string, number>>;
  /** Newest and oldest LastModified (ms) in this part, 0 when empty. */
  readonly newest: number;
  readonly oldest: number;
}

export interface SizesReport {
  readonly prefix: string;
  readonly total: FolderSize;
  /** The folder's own objects first (prefix === the folder), then subfolders by bytes, largest first. */
  readonly parts: readonly FolderSize[];
  readonly indexedAt: number;
}

export interface BucketScope {
  readonly connectionId: ConnectionId;
  readonly bucket: string;
}
