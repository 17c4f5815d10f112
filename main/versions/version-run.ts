/**
 * Running a confirmed versions plan: delete markers removed (undelete) or added (hide) in DeleteObjects
 * batches with per-key errors, and old versions copied back server-side. Every step ends in exactly one of
 * done, failed or not run, so an interrupted run says precisely what happened.
 */
import { DeleteObjectsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { VersionFailure } from '../../shared/versions';
import { toAppError } from '../core/to-app-error';
import { type CopyLimits, serverCopy } from '../operations/object-copy';

/** S3's maximum keys per DeleteObjects. */
export const DELETE_BATCH = 1000;

export interface MarkerStep {
  readonly key: string;
  /** Undelete: the marker's version id (removed for good). Hide: absent, so S3 adds a new marker. */
  readonly versionId?: string;
}

/** Told as steps finish, so a run reports live counts (a ProgressMeter throttles them). */
export interface StepProgress {
  succeeded(count: number, bytes: number): void;
  failedOne(count?: number): void;
}

const SILENT: StepProgress = { succeeded: () => {}, failedOne: () => {} };

export interface StepOutcome {
  readonly done: string[];
  readonly failed: VersionFailure[];
  readonly notRun: number;
}

/**
 * DeleteObjects over the steps, 1,000 at a time, one batch after another. A batch the server answered reports
 * its own per-key errors; a batch that failed as a whole (network, denied) fails its keys with that error and
 * stops the run, since its outcome is unknown and the next batches would meet the same fault.
 */
export async function deleteInBatches(
  client: S3Client,
  bucket: string,
  steps: readonly MarkerStep[],
  signal: AbortSignal,
  progress: StepProgress = SILENT,
): Promise<StepOutcome> {
  const done: string[] = [];
  const failed: VersionFailure[] = [];
  for (let start = 0; start < steps.length; start += DELETE_BATCH) {
    const batch = steps.slice(start, start + DELETE_BATCH);
    if (signal.aborted) return { done, failed, notRun: steps.length - start };
    try {
      const out = await client.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          // Quiet: the answer lists only errors, so a 1,000-key batch does not echo 1,000 keys back.
          Delete: { Quiet: true, Objects: batch.map((s) => ({ Key: s.key, ...(s.versionId !== undefined ? { VersionId: s.versionId } : {}) })) },
        }),
      );
      const errors = new Map<string, VersionFailure>();
      for (const e of out.Errors ?? []) {
        if (e.Key === undefined) continue;
        errors.set(`${e.Key}\0${e.VersionId ?? ''}`, { key: e.Key, versionId: e.VersionId ?? '', code: e.Code ?? 'Unknown', message: e.Message ?? '' });
      }
      const before = failed.length;
      for (const s of batch) {
        const error = errors.get(`${s.key}\0${s.versionId ?? ''}`) ?? (s.versionId === undefined ? undefined : errors.get(`${s.key}\0`));
        if (error) failed.push(error);
        else done.push(s.key);
      }
      const batchFailed = failed.length - before;
      progress.succeeded(batch.length - batchFailed, 0);
      if (batchFailed > 0) progress.failedOne(batchFailed);
    } catch (error) {
      const app = toAppError(error, 'DeleteObjects');
      for (const s of batch) failed.push({ key: s.key, versionId: s.versionId ?? '', code: app.code, message: app.message });
      progress.failedOne(batch.length);
      return { done, failed, notRun: steps.length - start - batch.length };
    }
  }
  return { done, failed, notRun: 0 };
}

export interface CopyStep {
  readonly key: string;
  readonly versionId: string;
  readonly size: number;
  readonly storageClass: string;
}

const IN_FLIGHT_FINISHES = new AbortController().signal;

/** Copy each version onto its own key (a new current version; nothing deleted), a few at a time. */
export async function copyVersionsBack(
  client: S3Client,
  bucket: string,
  steps: readonly CopyStep[],
  limits: CopyLimits & { readonly concurrency: number },
  signal: AbortSignal,
  progress: StepProgress = SILENT,
): Promise<StepOutcome> {
  const done: string[] = [];
  const failed: VersionFailure[] = [];
  let next = 0;
  const worker = async () => {
    while (next < steps.length && !signal.aborted) {
      const s = steps[next++] as CopyStep;
      try {
        await serverCopy(
          { source: client, target: client },
          { bucket, key: s.key, versionId: s.versionId, storageClass: s.storageClass },
          { bucket, key: s.key },
          s.size,
          limits,
          // A cancel stops taking new copies; one in flight finishes, so its outcome is known, never guessed.
          IN_FLIGHT_FINISHES,
        );
        done.push(s.key);
        progress.succeeded(1, s.size);
      } catch (error) {
        const app = toAppError(error, 'CopyObject');
        failed.push({ key: s.key, versionId: s.versionId, code: app.code, message: app.message });
        progress.failedOne();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limits.concurrency, steps.length) }, worker));
  return { done, failed, notRun: steps.length - done.length - failed.length };
}
