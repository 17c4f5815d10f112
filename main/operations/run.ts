import { DeleteObjectsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { FailedKey, OperationReport } from '../../shared/operations';
import type { Change } from '../cache/s3-cache';
import { toAppError } from '../core/to-app-error';
import { type ChunkPace, type CopyLimits, pool, serverCopy, streamCopy } from './object-copy';
import type { PlanItem, StoredPlan } from './plan-store';
import type { ProgressMeter } from './progress';

/** S3's limit per DeleteObjects request. */
export const DELETE_BATCH = 1000;

export interface RunDeps {
  /** The client for a bucket's own region (see CoreContext.clientFor). */
  clientFor(connectionId: string, bucket: string): S3Client;
  invalidate(connectionId: string, bucket: string, changes: readonly Change[]): void;
  readonly limits: CopyLimits;
  /** Objects copied at once (server-side copies are cheap for the app; streamed ones are not). */
  readonly concurrency: number;
  readonly streamConcurrency: number;
  /** The bandwidth limits a copy across connections keeps to (its bytes pass through this machine). */
  readonly pace?: ChunkPace;
}

type Outcome = Pick<OperationReport, 'succeeded' | 'failed' | 'skipped'>;

const failure = (key: string, stage: FailedKey['stage'], error: unknown): FailedKey => {
  const e = toAppError(error);
  return { key, stage, code: e.code, message: e.message };
};

/**
 * Delete the planned keys with DeleteObjects, 1,000 a request, one request at a time. Per-key errors from the
 * response are reported per key; cancel takes effect between requests, so every key's fate is known.
 */
export async function runDelete(deps: RunDeps, plan: StoredPlan, meter: ProgressMeter, signal: AbortSignal): Promise<Outcome> {
  const { connectionId, bucket } = plan.source;
  const client = deps.clientFor(connectionId, bucket);
  const succeeded: string[] = [];
  const failed: FailedKey[] = [];
  const skipped: string[] = [];
  for (let i = 0; i < plan.items.length; i += DELETE_BATCH) {
    const batch = plan.items.slice(i, i + DELETE_BATCH);
    if (signal.aborted) {
      skipped.push(...batch.map((b) => b.src));
      continue;
    }
    const result = await deleteBatch(client, bucket, batch);
    succeeded.push(...result.deleted.map((b) => b.src));
    failed.push(...result.failed);
    deps.invalidate(connectionId, bucket, result.deleted.map((b) => ({ key: b.src, change: 'delete' })));
    meter.succeeded(result.deleted.length, sum(result.deleted));
    if (result.failed.length) meter.failedOne(result.failed.length);
  }
  return { succeeded, failed, skipped };
}

/**
 * Copy or move the planned objects. A source is deleted only after its own copy succeeded (in DeleteObjects
 * batches); a failed copy leaves its source untouched and is reported with stage "copy"; a copied object whose
 * source could not be deleted is reported with stage "delete" (it now exists twice, nothing is lost).
 */
export async function runTransfer(deps: RunDeps, plan: StoredPlan, meter: ProgressMeter, signal: AbortSignal): Promise<Outcome> {
  const move = plan.kind !== 'copy';
  const src = plan.source;
  const dst = plan.target ?? plan.source;
  const sameConnection = src.connectionId === dst.connectionId;
  const srcClient = deps.clientFor(src.connectionId, src.bucket);
  const dstClient = deps.clientFor(dst.connectionId, dst.bucket);
  const succeeded: string[] = [];
  const failed: FailedKey[] = [];
  const skipped: string[] = [];
  let puts: Change[] = [];
  let copied: PlanItem[] = [];
  let deleting = Promise.resolve();

  const flushPuts = () => {
    if (puts.length === 0) return;
    deps.invalidate(dst.connectionId, dst.bucket, puts);
    puts = [];
  };
  const deleteCopied = async (batch: readonly PlanItem[]) => {
    const result = await deleteBatch(srcClient, src.bucket, batch);
    succeeded.push(...result.deleted.map((b) => b.src));
    failed.push(...result.failed);
    deps.invalidate(src.connectionId, src.bucket, result.deleted.map((b) => ({ key: b.src, change: 'delete' })));
    meter.succeeded(result.deleted.length, sum(result.deleted));
    if (result.failed.length) meter.failedOne(result.failed.length);
  };
  const queueDeletes = (force: boolean) => {
    while (copied.length >= DELETE_BATCH || (force && copied.length > 0)) {
      const batch = copied.slice(0, DELETE_BATCH);
      copied = copied.slice(DELETE_BATCH);
      // The destination must be visible before the source disappears from the listings.
      flushPuts();
      deleting = deleting.then(() => deleteCopied(batch));
    }
  };

  await pool(plan.items, sameConnection ? deps.concurrency : deps.streamConcurrency, async (item) => {
    if (signal.aborted) {
      skipped.push(item.src);
      return;
    }
    const to = { bucket: dst.bucket, key: item.dst ?? item.src };
    try {
      if (sameConnection) {
        await serverCopy({ source: srcClient, target: dstClient }, { bucket: src.bucket, key: item.src, storageClass: item.storageClass }, to, item.size, deps.limits, signal);
      }
      else await streamCopy(srcClient, dstClient, { bucket: src.bucket, key: item.src }, to, signal, undefined, deps.pace);
    } catch (error) {
      failed.push(failure(item.src, 'copy', error));
      meter.failedOne();
      return;
    }
    puts.push({ key: to.key, change: 'put' });
    if (puts.length >= DELETE_BATCH) flushPuts();
    if (!move) {
      succeeded.push(item.src);
      meter.succeeded(1, item.size);
      return;
    }
    copied.push(item);
    queueDeletes(false);
  });
  // Sources already copied are deleted even after a cancel, so every key ends either moved or untouched.
  queueDeletes(true);
  flushPuts();
  await deleting;
  return { succeeded, failed, skipped };
}

async function deleteBatch(
  client: S3Client,
  bucket: string,
  batch: readonly PlanItem[],
): Promise<{ deleted: PlanItem[]; failed: FailedKey[] }> {
  try {
    const out = await client.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((b) => ({ Key: b.src })), Quiet: true } }),
    );
    const errors = new Map((out.Errors ?? []).map((e) => [e.Key ?? '', e]));
    const deleted: PlanItem[] = [];
    const failed: FailedKey[] = [];
    for (const item of batch) {
      const e = errors.get(item.src);
      if (!e) deleted.push(item);
      else failed.push(keyError(item.src, e.Code, e.Message));
    }
    return { deleted, failed };
  } catch (error) {
    return { deleted: [], failed: batch.map((b) => failure(b.src, 'delete', error)) };
  }
}

/** A per-key <Error> from a DeleteObjects response: keep the server's code in the message, map it to ours. */
function keyError(key: string, s3Code = 'Unknown', message = ''): FailedKey {
  const mapped = toAppError({ name: s3Code, message, $metadata: { httpStatusCode: s3Code === 'AccessDenied' ? 403 : 500 } });
  const code = mapped.code === 'Unknown' || mapped.code === 'Network' ? 'Unknown' : mapped.code;
  return { key, stage: 'delete', code, message: `not deleted: ${s3Code}${message ? ` (${message})` : ''}` };
}

function sum(items: readonly PlanItem[]): number {
  return items.reduce((n, i) => n + i.size, 0);
}
