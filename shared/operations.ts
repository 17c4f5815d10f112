/**
 * Types and pure rules of the operations feature (new folder, delete, rename/move, copy, share, preview).
 * Long operations are two-step: `operations:plan` lists everything the operation will touch and answers with
 * counts for the confirmation; `operations:run` executes exactly that plan (held in main under an opaque id),
 * so the numbers the user confirmed are the numbers that get deleted or moved.
 */
import { keyByteLength, MAX_KEY_BYTES } from './keys';
import type { CostEstimate } from './cost';
import type { ConnectionId } from './types';

/** AWS refuses presigned URLs valid longer than 7 days (SigV4). */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 60 * 60;
/** Text previews read this many bytes at most (one Range GET). */
export const TEXT_PREVIEW_BYTES = 64 * 1024;
/** Images above this size are not previewed (their bytes would cross IPC as base64). */
export const IMAGE_PREVIEW_MAX_BYTES = 8 * 1024 * 1024;
export { MAX_KEY_BYTES } from './keys';

export interface ObjectSelection {
  readonly connectionId: ConnectionId;
  readonly bucket: string;
  /** Object keys and folder prefixes (ending in "/"); folders are taken recursively. */
  readonly keys: readonly string[];
}

export interface Destination {
  readonly connectionId: ConnectionId;
  readonly bucket: string;
  /** The folder the selection lands in ("" is the bucket root). */
  readonly prefix: string;
}

/** Optional on every plan request: an id the renderer picks so it can follow (`operations:planning` events)
 *  and stop (`operations:cancel` with this id) the listing of a big folder before the plan exists. */
export interface PlanningHandle {
  readonly planningId?: string;
}

export type PlanRequest = PlanningHandle & PlanRequestBody;

export type PlanRequestBody =
  | ({ readonly kind: 'delete' } & ObjectSelection)
  /** Copy or move (cut/paste) the selection into a folder, same connection or not. */
  | { readonly kind: 'copy' | 'move'; readonly source: ObjectSelection; readonly target: Destination }
  /** Rename one file or folder in place: `newName` is a single path segment. */
  | {
      readonly kind: 'rename';
      readonly connectionId: ConnectionId;
      readonly bucket: string;
      readonly key: string;
      readonly newName: string;
    };

export type OperationKind = PlanRequest['kind'];

export interface OperationPlan {
  /** Opaque; pass to `operations:run` (or `operations:discard`). Also the id of the operation once run. */
  readonly planId: string;
  readonly kind: OperationKind;
  /** Exactly how many objects the run will delete, copy or move. */
  readonly objects: number;
  readonly bytes: number;
  /** Up to 20 of the keys, for the confirmation dialog. */
  readonly sample: readonly string[];
  /** Destination keys that already exist and would be overwritten (found by listing the destination folders;
   *  folder markers are left out: replacing an empty marker loses nothing). */
  readonly conflicts: readonly string[];
  /** Server-side copy (same connection) or streamed through the app (across connections). */
  readonly method: 'server' | 'stream' | null;
  /** What the run will be billed for, priced with the source connection's table (which the estimate names). */
  readonly estimate: CostEstimate;
}

/** While a plan is being made: how much the recursive listing has counted so far. */
export interface PlanningProgress {
  readonly planningId: string;
  readonly objects: number;
  readonly bytes: number;
}

export interface FailedKey {
  readonly key: string;
  /** Which step failed: for a move, "copy" means the source is untouched; "delete" means it was copied but
   *  the source is still there. */
  readonly stage: 'list' | 'copy' | 'delete';
  readonly code: string;
  readonly message: string;
}

export interface OperationReport {
  readonly operationId: string;
  readonly kind: OperationKind;
  readonly status: 'done' | 'partial' | 'failed' | 'cancelled';
  readonly total: number;
  /** Source keys fully done: deleted, copied, or moved (copied and source deleted). */
  readonly succeeded: readonly string[];
  readonly failed: readonly FailedKey[];
  /** Source keys never attempted because the operation was cancelled. */
  readonly skipped: readonly string[];
}

/** Every plan that reports progress on `operations:progress`: the operations, property edits, bucket emptying. */
export type ProgressKind = OperationKind | 'properties' | 'empty-bucket' | 'undelete' | 'restore-folder';

export interface OperationProgress {
  readonly operationId: string;
  readonly kind: ProgressKind;
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly bytesTotal: number;
  readonly bytesDone: number;
  readonly finished: boolean;
}

export type ShareKind = 's3-uri' | 'object-url' | 'presigned';

export interface ShareRequest {
  readonly connectionId: ConnectionId;
  readonly bucket: string;
  readonly key: string;
  readonly kind: ShareKind;
  /** Presigned only: 1 second to 7 days. */
  readonly expiresInSeconds?: number;
}

export interface ShareLink {
  readonly kind: ShareKind;
  readonly text: string;
  /** Epoch milliseconds, presigned only. */
  readonly expiresAt: number | null;
}

export type Preview =
  | {
      readonly kind: 'text';
      readonly text: string;
      /** The object is longer than what was read. */
      readonly truncated: boolean;
      readonly size: number;
      readonly contentType: string | null;
    }
  | { readonly kind: 'image'; readonly dataUrl: string; readonly size: number; readonly contentType: string }
  | {
      readonly kind: 'none';
      readonly reason: 'binary' | 'too-large' | 'folder';
      readonly size: number;
      readonly contentType: string | null;
    };

/**
 * Why `name` cannot be a file or folder name (one path segment) inside `prefix`, or null if it can.
 * S3 itself allows almost anything; these rules stop what would create a different key than the user meant.
 */
export function nameProblem(name: string, prefix = '', folder = false): string | null {
  if (name.length === 0) return 'The name is empty.';
  if (name.includes('/')) return 'A name cannot contain "/".';
  if (name === '.' || name === '..') return `"${name}" is not allowed as a name.`;
  if (name.trim().length === 0) return 'The name is only spaces.';
  const bytes = keyByteLength(prefix + name + (folder ? '/' : ''));
  if (bytes > MAX_KEY_BYTES) return `The full key would be ${bytes} bytes; S3 allows ${MAX_KEY_BYTES}.`;
  return null;
}

/** Why a presign expiry is invalid, or null. */
export function expiryProblem(seconds: number): string | null {
  if (!Number.isInteger(seconds) || seconds < 1) return 'The expiry must be a whole number of seconds, at least 1.';
  if (seconds > MAX_PRESIGN_SECONDS) return 'The expiry can be at most 7 days.';
  return null;
}
