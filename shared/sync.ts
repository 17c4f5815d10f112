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

export interface CompareRequest {
  readonly left: SyncLocation;
  readonly right: SyncLocation;
  readonly mode?: CompareMode;
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
  readonly comparedAt: number;
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
