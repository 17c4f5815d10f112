/** Versions and recovery: the domain types the versions channels carry (issue 13). */

/** S3 has no "disabled": a bucket that never had versioning answers no Status at all. */
export type VersioningState = 'enabled' | 'suspended' | 'never';

/** One version or delete marker of one key, as ListObjectVersions reports it. */
export interface ObjectVersion {
  readonly key: string;
  /** "null" for an object written while versioning was never enabled or suspended. */
  readonly versionId: string;
  readonly isLatest: boolean;
  readonly isDeleteMarker: boolean;
  /** 0 for delete markers. */
  readonly size: number;
  /** "" for delete markers. */
  readonly etag: string;
  /** Milliseconds since the epoch. */
  readonly lastModified: number;
  readonly storageClass: string;
}

/** Every version and delete marker of one exact key, newest first. */
export interface VersionList {
  readonly key: string;
  readonly versions: readonly ObjectVersion[];
}

/** A file or folder whose current version is a delete marker (what "Show deleted" adds to a folder). */
export interface DeletedEntry {
  readonly kind: 'object' | 'folder';
  readonly key: string;
  /** Files: when it was deleted (the marker's date). Folders: absent (that would need the whole subtree). */
  readonly deletedAt?: number;
}

/** What a folder held at one instant: each key's version that was current then. */
export interface AsOfEntry {
  readonly kind: 'object' | 'folder';
  readonly key: string;
  /** Objects only: the version current at that instant. */
  readonly version?: ObjectVersion;
  /** Objects only: that version is no longer the current one (changed or deleted since). */
  readonly changedSince?: boolean;
}

export interface UndeletePlan {
  readonly planId: string;
  readonly kind: 'undelete';
  /** Delete markers the run will remove: exactly one per key listed here. */
  readonly markers: number;
  /** The first keys (up to 50), for the dialog. */
  readonly sample: readonly string[];
}

export interface RestorePlan {
  readonly planId: string;
  readonly kind: 'restore';
  /** The instant the folder is restored to. */
  readonly at: number;
  /** Versions copied back as new current versions. */
  readonly copies: number;
  readonly bytes: number;
  /** Keys created since `at` that will get a delete marker (only when asked; 0 otherwise). */
  readonly hides: number;
  readonly sample: readonly string[];
}

export type VersionsPlan = UndeletePlan | RestorePlan;

export interface VersionFailure {
  readonly key: string;
  readonly versionId: string;
  readonly code: string;
  readonly message: string;
}

/** What a run did: every planned step is in exactly one of done, failed or notRun. */
export interface VersionsRunReport {
  readonly planId: string;
  readonly done: number;
  readonly failed: readonly VersionFailure[];
  /** Steps never attempted (the run was interrupted before them). */
  readonly notRun: number;
  /** Stopped by `versions:cancel`: what was done stays done, the rest is counted in notRun. */
  readonly cancelled: boolean;
}
