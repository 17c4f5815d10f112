/** Domain types that cross the IPC boundary. Plain JSON only (no Date, no Map): the e2e bridge serializes them. */

export type ConnectionId = string;

/** What the renderer may know about a connection: never a secret. */
export interface ConnectionSummary {
  readonly id: ConnectionId;
  readonly name: string;
  readonly endpoint: string | null;
  readonly region: string;
  readonly forcePathStyle: boolean;
  /** e.g. "AKIA…WXYZ", for recognising which key is in use. */
  readonly accessKeyHint: string | null;
}

export interface BucketInfo {
  readonly name: string;
  /** Epoch milliseconds, when the server reports it. */
  readonly createdAt: number | null;
}

export interface FolderEntry {
  readonly kind: 'folder';
  /** The full prefix, always ending in "/". */
  readonly key: string;
  readonly name: string;
}

export interface ObjectEntry {
  readonly kind: 'object';
  readonly key: string;
  readonly name: string;
  readonly size: number;
  /** Epoch milliseconds. */
  readonly lastModified: number;
  readonly etag: string;
  readonly storageClass: string;
}

export type Entry = FolderEntry | ObjectEntry;

export interface ListPage {
  readonly bucket: string;
  /** Canonical prefix of the listed folder ("" is the bucket root). */
  readonly prefix: string;
  readonly entries: readonly Entry[];
  /** Pass back as `cursor` to get the next page; null on the last page. */
  readonly nextCursor: string | null;
  readonly fromCache: boolean;
}

export type Stat =
  | { readonly kind: 'folder'; readonly key: string }
  | {
      readonly kind: 'object';
      readonly key: string;
      readonly size: number;
      readonly lastModified: number;
      readonly etag: string;
      readonly storageClass: string;
    };

export type StatOutcome =
  | { readonly key: string; readonly ok: true; readonly stat: Stat }
  | { readonly key: string; readonly ok: false; readonly code: 'NotCached' };

export interface HeadInfo {
  readonly key: string;
  readonly size: number;
  readonly lastModified: number;
  readonly etag: string;
  readonly storageClass: string;
  readonly contentType: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly serverSideEncryption: string | null;
  readonly versionId: string | null;
}

export interface CacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly entries: number;
  readonly approxBytes: number;
  /** S3 requests sent by the app since start, by operation name (e.g. ListObjectsV2). */
  readonly requests: Readonly<Record<string, number>>;
}
