/**
 * "Empty and delete" as plan → confirm → run (issue 15), in the shape of main/operations: the planner lists
 * everything (empty-planner.ts), the plan is held here under an opaque id (used once, expires), the run aborts
 * the incomplete uploads, deletes exactly the planned versions and markers in DeleteObjects batches with
 * per-key errors (versions/version-run.ts), then sends DeleteBucket only if every step succeeded. Progress goes
 * out on `operations:progress` (kind `empty-bucket`) under the plan id; cancel stops between batches.
 */
import { randomUUID } from 'node:crypto';
import { AbortMultipartUploadCommand, DeleteBucketCommand } from '@aws-sdk/client-s3';
import type { EmptyBucketPlan, EmptyBucketReport } from '../../shared/buckets';
import { estimateCost } from '../../shared/cost';
import type { Change } from '../cache/s3-cache';
import type { PriceTables } from '../cost/price-tables';
import { CodedError, codedError } from '../core/app-error';
import type { CoreContext } from '../core/context';
import { toAppError } from '../core/to-app-error';
import { ProgressMeter } from '../operations/progress';
import { deleteInBatches } from '../versions/version-run';
import { deleteRequests, type EmptyDraft, emptyCostInput, planEmpty } from './empty-planner';

export interface EmptyOptions {
  readonly planTtlMs: number;
  readonly maxPlans: number;
  readonly progressIntervalMs: number;
  readonly now: () => number;
}

const DEFAULTS: EmptyOptions = { planTtlMs: 30 * 60_000, maxPlans: 20, progressIntervalMs: 100, now: () => Date.now() };
const SAMPLE = 20;

interface Stored extends EmptyDraft {
  readonly connectionId: string;
  readonly bucket: string;
  readonly createdAt: number;
}

export class EmptyBucketService {
  private readonly o: EmptyOptions;
  private readonly plans = new Map<string, Stored>();
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly prices: PriceTables,
    options: Partial<EmptyOptions> = {},
  ) {
    this.o = { ...DEFAULTS, ...options };
  }

  /** Lists the whole bucket's versions and uploads; `planningId` lets the renderer follow and cancel it. */
  async plan(connectionId: string, bucket: string, planningId?: string): Promise<EmptyBucketPlan> {
    const controller = new AbortController();
    if (planningId !== undefined) {
      if (this.running.has(planningId)) throw codedError('InvalidInput', `"${planningId}" is already in use`);
      this.running.set(planningId, controller);
    }
    let lastSent = Number.NEGATIVE_INFINITY;
    let draft: EmptyDraft;
    try {
      draft = await planEmpty(this.ctx.clientFor(connectionId, bucket), bucket, controller.signal, (objects, bytes) => {
        const t = this.o.now();
        if (planningId === undefined || t - lastSent < this.o.progressIntervalMs) return;
        lastSent = t;
        this.ctx.events('operations:planning', { planningId, objects, bytes });
      });
    } catch (error) {
      if (controller.signal.aborted) throw new CodedError({ code: 'Cancelled', message: 'counting was cancelled' });
      const app = toAppError(error);
      if (app.code === 'AccessDenied') throw codedError('AccessDenied', 'these credentials may not list versions or uploads (s3:ListBucketVersions, s3:ListBucketMultipartUploads), so the bucket cannot be emptied from here');
      throw error;
    } finally {
      if (planningId !== undefined) this.running.delete(planningId);
    }
    const planId = this.store({ ...draft, connectionId, bucket, createdAt: this.o.now() });
    let objects = 0;
    let markers = 0;
    let bytes = 0;
    for (const v of draft.versions) {
      if (v.isDeleteMarker) markers++;
      else if (v.isLatest) objects++;
      bytes += v.size;
    }
    return {
      planId,
      bucket,
      objects,
      noncurrentVersions: draft.versions.length - objects - markers,
      deleteMarkers: markers,
      incompleteUploads: draft.uploads.length,
      bytes,
      listRequests: draft.listRequests,
      requests: { abortUploads: draft.uploads.length, deleteObjects: deleteRequests(draft), deleteBucket: 1 },
      sample: [...new Set(draft.versions.map((v) => v.key))].slice(0, SAMPLE),
      estimate: estimateCost(this.prices.tableFor(this.ctx.connections.get(connectionId)?.summary), emptyCostInput(draft, this.o.now())),
    };
  }

  async run(planId: string): Promise<EmptyBucketReport> {
    const plan = this.plans.get(planId);
    this.plans.delete(planId);
    if (!plan || plan.createdAt < this.o.now() - this.o.planTtlMs) throw codedError('Conflict', 'that plan expired or already ran; plan again');
    const client = this.ctx.clientFor(plan.connectionId, plan.bucket);
    const controller = new AbortController();
    this.running.set(planId, controller);
    const total = plan.versions.length + plan.uploads.length;
    // Counted in versions, markers and uploads: a delete moves no bytes.
    const meter = new ProgressMeter(planId, 'empty-bucket', total, 0, (p) => this.ctx.events('operations:progress', p), this.o.progressIntervalMs, this.o.now);
    const failed: Array<EmptyBucketReport['failed'][number]> = [];
    const changes = new Map<string, Change>();
    let uploadsAborted = 0;
    let notRun = 0;
    let removed: number;
    let bucketError: EmptyBucketReport['bucketError'] = null;
    try {
      meter.start();
      for (const [i, u] of plan.uploads.entries()) {
        if (controller.signal.aborted) {
          notRun += plan.uploads.length - i;
          break;
        }
        try {
          await client.send(new AbortMultipartUploadCommand({ Bucket: plan.bucket, Key: u.key, UploadId: u.uploadId }));
          uploadsAborted++;
          meter.succeeded(1, 0);
        } catch (error) {
          const app = toAppError(error, 'AbortMultipartUpload');
          // Completed or aborted meanwhile: gone, as planned.
          if ((error as { name?: string }).name === 'NoSuchUpload') {
            uploadsAborted++;
            meter.succeeded(1, 0);
          } else {
            failed.push({ key: u.key, versionId: `upload ${u.uploadId}`, code: app.code, message: app.message });
            meter.failedOne();
          }
        }
      }
      const steps = plan.versions.map((v) => ({ key: v.key, versionId: v.versionId }));
      const outcome = await deleteInBatches(client, plan.bucket, steps, controller.signal, {
        succeeded: (count) => meter.succeeded(count, 0),
        failedOne: (count) => meter.failedOne(count),
      });
      removed = outcome.done.length;
      notRun += outcome.notRun;
      failed.push(...outcome.failed);
      for (const key of outcome.done) changes.set(key, { key, change: 'delete' });
      for (const f of outcome.failed) changes.set(f.key, { key: f.key, change: 'delete' });
      if (failed.length === 0 && notRun === 0 && !controller.signal.aborted) {
        try {
          await client.send(new DeleteBucketCommand({ Bucket: plan.bucket }));
        } catch (error) {
          const app = toAppError(error, 'DeleteBucket');
          const name = (error as { name?: string }).name;
          bucketError =
            name === 'BucketNotEmpty'
              ? { code: 'Conflict', message: `every planned version is deleted, but "${plan.bucket}" is not empty: something was written meanwhile. Plan again.` }
              : { code: app.code, message: app.message };
        }
      }
      meter.finish();
    } finally {
      this.running.delete(planId);
      if (changes.size > 0) this.ctx.invalidate(plan.connectionId, plan.bucket, [...changes.values()]);
    }
    const cancelled = controller.signal.aborted && notRun > 0;
    return {
      planId,
      status: cancelled ? 'cancelled' : failed.length > 0 || notRun > 0 ? 'partial' : bucketError ? 'emptied-not-deleted' : 'deleted',
      removed,
      uploadsAborted,
      failed,
      notRun,
      bucketError,
    };
  }

  /** Stops a plan being counted (its planningId) or a run (its plan id) between batches. */
  cancel(id: string): boolean {
    const controller = this.running.get(id);
    controller?.abort();
    return controller !== undefined;
  }

  discard(planId: string): boolean {
    return this.plans.delete(planId);
  }

  private store(plan: Stored): string {
    const cutoff = this.o.now() - this.o.planTtlMs;
    for (const [id, p] of this.plans) if (p.createdAt < cutoff) this.plans.delete(id);
    const id = randomUUID();
    this.plans.set(id, plan);
    while (this.plans.size > this.o.maxPlans) this.plans.delete(this.plans.keys().next().value as string);
    return id;
  }
}
