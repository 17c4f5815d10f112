/** Transfer types that cross the IPC boundary (plain JSON). The queue itself lives in main/transfers/. */
import type { AppError } from './errors';
import type { ConnectionId } from './types';

export type TransferDirection = 'download' | 'upload';

/** `paused`: stopped by the user, keeping what it did (part files, uploaded parts) until resumed or cancelled. */
export type TransferState = 'queued' | 'running' | 'paused' | 'done' | 'failed' | 'cancelled' | 'skipped';

/** What to do when the target (local file or bucket key) already exists. `ask` plans only: nothing is queued
 *  when a conflict exists, the caller gets the conflicts and asks the user for one of the other three. */
export type ConflictPolicy = 'ask' | 'overwrite' | 'skip' | 'keep-both';

export interface TransferItem {
  readonly id: string;
  readonly batchId: string;
  readonly direction: TransferDirection;
  readonly connectionId: ConnectionId;
  readonly bucket: string;
  readonly key: string;
  /** The local file written (download) or read (upload); null for uploads streamed from the renderer. */
  readonly localPath: string | null;
  /** Total bytes; null until known. */
  readonly size: number | null;
  readonly transferred: number;
  readonly state: TransferState;
  readonly error: AppError | null;
  /** A visible reason for anything unusual: a sanitized file name, a skipped existing file. */
  readonly note: string | null;
  /** Bytes per second over the last few seconds (running items only). */
  readonly rate: number;
  readonly etaSeconds: number | null;
}

export interface TransferTotals {
  readonly items: number;
  readonly queued: number;
  readonly running: number;
  readonly paused: number;
  readonly done: number;
  readonly failed: number;
  readonly cancelled: number;
  readonly skipped: number;
  readonly bytesTotal: number;
  readonly bytesTransferred: number;
  readonly rate: number;
  readonly etaSeconds: number | null;
}

/** A throttled (a few per second) progress event: the items that changed since the last one, and totals. */
export interface TransferProgressEvent {
  readonly items: readonly TransferItem[];
  /** Ids removed from the queue (clear finished). */
  readonly removed: readonly string[];
  readonly totals: TransferTotals;
}

export interface TransferBatchEvent {
  readonly batchId: string;
  readonly direction: TransferDirection;
  readonly done: number;
  readonly failed: number;
  readonly skipped: number;
  readonly cancelled: number;
}

/** One selected row: an object key, or a folder prefix (ending in "/") taken recursively. */
export interface SelectedItem {
  readonly key: string;
  readonly kind: 'object' | 'folder';
}

/** What `transfers:download` takes: a file may name one of its versions (saved as "name (version <date>).ext"). */
export interface DownloadItem extends SelectedItem {
  readonly versionId?: string;
}

/** Something that could not be queued, with the reason shown to the user (e.g. a key that escapes the folder). */
export interface RefusedItem {
  readonly key: string;
  readonly reason: string;
}

export type EnqueueOutcome =
  | {
      readonly status: 'queued';
      readonly batchId: string;
      readonly queued: number;
      readonly refused: readonly RefusedItem[];
    }
  | {
      /** Only with policy `ask`: nothing was queued; ask the user and call again with a concrete policy. */
      readonly status: 'conflicts';
      readonly count: number;
      /** The first few conflicting names, for the question. */
      readonly sample: readonly string[];
    };

/** Drag-out staging: files downloaded complete and verified into a temp folder before the OS drag starts. */
export type StageOutcome =
  | { readonly status: 'ready'; readonly stageId: string; readonly files: number; readonly bytes: number; readonly refused: readonly RefusedItem[] }
  | { readonly status: 'too-large'; readonly bytes: number; readonly limit: number; readonly message: string };

/** A transfer a previous run of the app left unfinished (quit, crash, pause or failure), from the journal. */
export interface UnfinishedTransfer {
  readonly id: string;
  readonly direction: TransferDirection;
  readonly connectionId: ConnectionId;
  readonly bucket: string;
  readonly key: string;
  /** The file being written (download) or read (upload). */
  readonly localPath: string;
  readonly size: number;
  /** Bytes already on disk (verified ranges) or on the server (uploaded parts) that a resume keeps. */
  readonly bytesKept: number;
  /** `interrupted`: it was queued or running when the app stopped. */
  readonly state: 'interrupted' | 'paused' | 'failed';
  readonly note: string | null;
}

export interface UnfinishedReport {
  readonly items: readonly UnfinishedTransfer[];
  /** A journal from another version or a damaged one, renamed aside at start instead of read. */
  readonly setAside: { readonly path: string; readonly reason: string } | null;
}

/** A multipart upload a bucket holds that was never completed nor aborted (its parts are billed). */
export interface IncompleteUpload {
  readonly key: string;
  readonly uploadId: string;
  /** ISO time it was begun, when the server says. */
  readonly initiated: string | null;
  readonly ageSeconds: number | null;
  readonly initiator: string | null;
  readonly parts: number;
  readonly bytes: number;
}

export interface AbortUploadsPlan {
  readonly planId: string;
  readonly count: number;
  readonly bytes: number;
  readonly uploads: readonly IncompleteUpload[];
}

export interface AbortUploadsOutcome {
  readonly aborted: number;
  readonly failed: ReadonlyArray<{ readonly key: string; readonly uploadId: string; readonly message: string }>;
}

/** The note of a download that failed because its object is archived and not restored ("Restore and download" offers itself). */
export const ARCHIVED_NOTE = 'archived: restore it to download';

/** Preload methods that are not IPC channels: the local path of a File dropped from the OS
 *  (Electron's webUtils.getPathForFile; "" when it has none). Absent in a plain browser and the e2e harness. */
export const PRELOAD_EXTRAS = ['getPathForFile'] as const;
