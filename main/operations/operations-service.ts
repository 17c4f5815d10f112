import type { OperationPlan, OperationReport, PlanRequest, Preview, ShareLink, ShareRequest } from '../../shared/operations';
import { estimateCost } from '../../shared/cost';
import { CodedError } from '../core/app-error';
import { PriceTables } from '../cost/price-tables';
import { operationCostInput } from './operation-cost';
import type { CoreContext } from '../core/context';
import { createFolder } from './create-folder';
import { type ChunkPace, type CopyLimits, DEFAULT_COPY_LIMITS } from './object-copy';
import { buildPlan } from './planner';
import { PlanStore } from './plan-store';
import { DEFAULT_PREVIEW_LIMITS, type PreviewLimits, previewObject } from './preview';
import { ProgressMeter } from './progress';
import { runDelete, runTransfer } from './run';
import { objectUrl, presignedGet, s3Uri } from './share';

export interface OperationsOptions {
  readonly copy: CopyLimits;
  readonly preview: PreviewLimits;
  readonly concurrency: number;
  readonly streamConcurrency: number;
  readonly progressIntervalMs: number;
  readonly planTtlMs: number;
  readonly maxPlans: number;
  readonly now: () => number;
}

export const DEFAULT_OPERATIONS_OPTIONS: OperationsOptions = {
  copy: DEFAULT_COPY_LIMITS,
  preview: DEFAULT_PREVIEW_LIMITS,
  concurrency: 8,
  streamConcurrency: 2,
  progressIntervalMs: 100,
  planTtlMs: 30 * 60_000,
  maxPlans: 100,
  now: () => Date.now(),
};

const DEFAULT_PRESIGN_SECONDS = 3600;

/** Plans, runs, cancels and reports operations; every write reaches the cache through ctx.invalidate. */
export class OperationsService {
  private readonly options: OperationsOptions;
  private readonly plans: PlanStore;
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly ctx: CoreContext,
    options: Partial<OperationsOptions> = {},
    private readonly prices: PriceTables = new PriceTables(),
    /** The transfers' bandwidth limits, for copies across connections (see RunDeps.pace). */
    private readonly pace?: ChunkPace,
  ) {
    this.options = { ...DEFAULT_OPERATIONS_OPTIONS, ...options };
    this.plans = new PlanStore({ ttlMs: this.options.planTtlMs, maxPlans: this.options.maxPlans, now: this.options.now });
  }

  async createFolder(connectionId: string, bucket: string, prefix: string, name: string): Promise<{ key: string }> {
    const key = await createFolder(this.ctx.clientFor(connectionId, bucket), bucket, prefix, name);
    this.ctx.invalidate(connectionId, bucket, [{ key, change: 'put' }]);
    return { key };
  }

  async plan(req: PlanRequest): Promise<OperationPlan> {
    const planningId = req.planningId;
    const controller = new AbortController();
    if (planningId !== undefined) {
      if (this.running.has(planningId)) throw new CodedError({ code: 'InvalidInput', message: `"${planningId}" is already in use` });
      this.running.set(planningId, controller);
    }
    let lastSent = Number.NEGATIVE_INFINITY;
    const onCounted = (objects: number, bytes: number) => {
      if (planningId === undefined) return;
      const t = this.options.now();
      if (t - lastSent < this.options.progressIntervalMs) return;
      lastSent = t;
      this.ctx.events('operations:planning', { planningId, objects, bytes });
    };
    let built: Awaited<ReturnType<typeof buildPlan>>;
    try {
      built = await buildPlan({ cache: this.ctx.cache, clientFor: (id, b) => this.ctx.clientFor(id, b), signal: controller.signal, onCounted }, req);
    } catch (error) {
      // Whatever the abort surfaced as (the SDK's AbortError, a DOMException), a cancelled plan says so.
      if (controller.signal.aborted) throw new CodedError({ code: 'Cancelled', message: 'counting was cancelled' });
      throw error;
    } finally {
      if (planningId !== undefined) this.running.delete(planningId);
    }
    const { draft, conflicts } = built;
    const stored = this.plans.add(draft);
    const sameConnection = draft.target === null ? null : draft.source.connectionId === draft.target.connectionId;
    return {
      planId: stored.id,
      kind: stored.kind,
      objects: stored.items.length,
      bytes: stored.items.reduce((n, i) => n + i.size, 0),
      sample: stored.items.slice(0, 20).map((i) => i.src),
      conflicts,
      method: sameConnection === null ? null : sameConnection ? 'server' : 'stream',
      estimate: estimateCost(
        this.prices.tableFor(this.ctx.connections.get(stored.source.connectionId)?.summary),
        operationCostInput(stored, this.options.copy, this.options.now()),
      ),
    };
  }

  async run(planId: string): Promise<OperationReport> {
    const plan = this.plans.take(planId);
    if (!plan) throw new CodedError({ code: 'InvalidInput', message: 'unknown, expired or already used plan' });
    const controller = new AbortController();
    this.running.set(plan.id, controller);
    const meter = new ProgressMeter(
      plan.id,
      plan.kind,
      plan.items.length,
      plan.items.reduce((n, i) => n + i.size, 0),
      (p) => this.ctx.events('operations:progress', p),
      this.options.progressIntervalMs,
      this.options.now,
    );
    try {
      // Keys the plan found gone (someone else deleted them) must vanish from the app's view too.
      if (plan.missing.length) {
        this.ctx.invalidate(plan.source.connectionId, plan.source.bucket, plan.missing.map((key) => ({ key, change: 'delete' })));
      }
      meter.start();
      const deps = {
        clientFor: (id: string, bucket: string) => this.ctx.clientFor(id, bucket),
        invalidate: this.ctx.invalidate,
        limits: this.options.copy,
        concurrency: this.options.concurrency,
        streamConcurrency: this.options.streamConcurrency,
        ...(this.pace ? { pace: this.pace } : {}),
      };
      const outcome =
        plan.kind === 'delete' ? await runDelete(deps, plan, meter, controller.signal) : await runTransfer(deps, plan, meter, controller.signal);
      meter.finish();
      const status =
        outcome.skipped.length > 0
          ? 'cancelled'
          : outcome.failed.length === 0
            ? 'done'
            : outcome.succeeded.length === 0
              ? 'failed'
              : 'partial';
      // Concurrent copies finish in any order; report in plan order so the same run always reads the same.
      const order = new Map(plan.items.map((item, i) => [item.src, i]));
      const byPlan = (a: string, b: string) => (order.get(a) ?? 0) - (order.get(b) ?? 0);
      return {
        operationId: plan.id,
        kind: plan.kind,
        status,
        total: plan.items.length,
        succeeded: [...outcome.succeeded].sort(byPlan),
        failed: [...outcome.failed].sort((a, b) => byPlan(a.key, b.key)),
        skipped: [...outcome.skipped].sort(byPlan),
      };
    } finally {
      this.running.delete(plan.id);
    }
  }

  /** Stops a running operation, or the listing of a plan being made (by its planningId). */
  cancel(operationId: string): boolean {
    const controller = this.running.get(operationId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  discard(planId: string): boolean {
    return this.plans.discard(planId);
  }

  async share(req: ShareRequest): Promise<ShareLink> {
    const conn = this.ctx.connections.get(req.connectionId);
    if (!conn) throw new CodedError({ code: 'NoSuchConnection', message: `no connection ${req.connectionId}` });
    switch (req.kind) {
      case 's3-uri':
        return { kind: req.kind, text: s3Uri(req.bucket, req.key), expiresAt: null };
      case 'object-url':
        return { kind: req.kind, text: objectUrl(conn.summary, req.bucket, req.key), expiresAt: null };
      case 'presigned': {
        const seconds = req.expiresInSeconds ?? DEFAULT_PRESIGN_SECONDS;
        // Signed for the bucket's own region, or the link would answer with a redirect the browser cannot follow.
        const text = await presignedGet(this.ctx.clientFor(req.connectionId, req.bucket), req.bucket, req.key, seconds);
        return { kind: req.kind, text, expiresAt: this.options.now() + seconds * 1000 };
      }
    }
  }

  /** The current version, or the one `versionId` names (a version from the Versions panel). */
  preview(connectionId: string, bucket: string, key: string, versionId?: string): Promise<Preview> {
    return previewObject(this.ctx.clientFor(connectionId, bucket), bucket, key, this.options.preview, versionId);
  }
}
