/** Compare and sync two locations: the domain types both processes share (see main/sync/). */

/** One side of a comparison: a local folder, or a prefix ("" for the whole bucket) on a connection. */
export type SyncLocation =
  | { readonly kind: 'local'; readonly path: string }
  | { readonly kind: 's3'; readonly connectionId: string; readonly bucket: string; readonly prefix: string };

/** "content" proves sameness by hashes where it can; "time" is the visible size-and-time shortcut. */
export type CompareMode = 'content' | 'time';

export type SyncGroup = 'left-only' | 'right-only' | 'different' | 'same' | 'unverified' | 'excluded';

export const SYNC_GROUPS: readonly SyncGroup[] = ['left-only', 'right-only', 'different', 'same', 'unverified', 'excluded'];

export interface SideEntry {
  readonly size: number;
  /** Milliseconds since the epoch. */
  readonly lastModified: number;
  /** S3 only, quotes removed. */
  readonly etag?: string;
  /** S3 only: the algorithm of a stored checksum, when the listing names one. */
  readonly checksumAlgorithm?: ChecksumAlgorithmName;
}

/** One relative key and why it is in its group (the reason is always shown). */
export interface SyncRow {
  readonly key: string;
  readonly group: SyncGroup;
  readonly reason: string;
  readonly left: SideEntry | null;
  readonly right: SideEntry | null;
}

export interface GroupTotals {
  readonly count: number;
  readonly bytes: number;
}

/** The algorithms S3 can store a checksum with (x-amz-checksum-*), as the listing names them. */
export type ChecksumAlgorithmName = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256';

export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithmName[] = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'];

export interface CompareRequest {
  readonly left: SyncLocation;
  readonly right: SyncLocation;
  readonly mode?: CompareMode;
  /** Chosen by the caller: progress events carry it and `sync:cancel` names it. */
  readonly compareToken?: string;
  /** A saved pair this comparison re-runs: its last result is remembered. */
  readonly pairId?: string;
}

export interface CompareResult {
  readonly compareId: string;
  readonly mode: CompareMode;
  readonly rows: readonly SyncRow[];
  readonly groups: Readonly<Record<SyncGroup, GroupTotals>>;
  /** What local hashing cost (files, bytes read, wall time on the worker thread). */
  readonly hashing: { readonly files: number; readonly bytes: number; readonly ms: number };
  /** GetObjectAttributes/HeadObject requests sent for stored checksums (only rows whose ETag proves nothing). */
  readonly checksumRequests: number;
  readonly comparedAt: number;
}

/** `sync:progress`: a comparison under way (about 5 per second, and once at each phase change). */
export interface CompareProgress {
  readonly compareToken: string;
  readonly phase: 'listing' | 'comparing' | 'done';
  readonly leftListed: number;
  readonly rightListed: number;
  /** Files hashed so far / asked for so far (more are asked for as the merge-join goes on). */
  readonly filesHashed: number;
  readonly filesToHash: number;
  readonly bytesHashed: number;
  readonly bytesToHash: number;
  readonly checksumRequests: number;
  readonly elapsedMs: number;
  /** Bytes hashed per second so far. */
  readonly hashRate: number;
}

/** make-right: right becomes like left; make-left: the reverse; both: newer wins, conflicts listed. */
export type SyncDirection = 'make-right' | 'make-left' | 'both';

export interface SyncPlanRequest {
  readonly compareId: string;
  readonly direction: SyncDirection;
  /** Delete what exists only on the side being changed. Off unless asked. */
  readonly deleteExtras?: boolean;
}

export type SyncActionKind = 'upload' | 'download' | 'copy' | 'delete-local' | 'delete-s3';

export interface SyncAction {
  readonly kind: SyncActionKind;
  /** The side this action writes or deletes on. */
  readonly toward: 'left' | 'right';
  readonly key: string;
  readonly bytes: number;
  readonly reason: string;
}

export interface SyncPlan {
  readonly planId: string;
  readonly direction: SyncDirection;
  readonly deleteExtras: boolean;
  readonly actions: readonly SyncAction[];
  readonly totals: Readonly<Record<SyncActionKind, GroupTotals>>;
  /** Rows left out of the plan, each with its reason (excluded keys, both-ways conflicts, unverified rows). */
  readonly skipped: readonly { readonly key: string; readonly reason: string }[];
}

export interface SyncRunOutcome {
  readonly planId: string;
  readonly queued: number;
  readonly copied: number;
  readonly deleted: number;
  readonly failed: readonly { readonly key: string; readonly message: string }[];
  /** An S3→S3 run stopped by `sync:cancel`: what was not copied is in `failed`; compare again to resume. */
  readonly cancelled: boolean;
}

export interface SyncRunRequest {
  readonly planId: string;
  /** Chosen by the caller: S3→S3 copies report `operations:progress` under it and `sync:cancel` stops them. */
  readonly runToken?: string;
}

export interface SyncPair {
  readonly id: string;
  readonly name: string;
  readonly left: SyncLocation;
  readonly right: SyncLocation;
  readonly mode: CompareMode;
  /** Counts per group of the last comparison, if any. */
  readonly last: { readonly at: number; readonly groups: Readonly<Record<SyncGroup, GroupTotals>> } | null;
}
