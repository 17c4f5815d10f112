import { randomUUID } from 'node:crypto';
import { isFolderKey } from '../../shared/keys';
import type { CostEstimate } from '../../shared/cost';
import { estimateCost } from '../../shared/cost';
import {
  ARCHIVE_CLASSES,
  editProblems,
  type ObjectAcl,
  type HeadProperties,
  type ObjectProperties,
  type PropertiesEdit,
  type PropertiesFailure,
  type PropertiesPlan,
  type PropertiesPlanRequest,
  type PropertiesReport,
  type Section,
  type Tag,
} from '../../shared/properties';
import { CodedError } from '../core/app-error';
import type { CoreContext } from '../core/context';
import { toAppError } from '../core/to-app-error';
import type { PriceTables } from '../cost/price-tables';
import { type CopyLimits, DEFAULT_COPY_LIMITS, pool } from '../operations/object-copy';
import { expandSelection } from '../operations/planner';
import { ProgressMeter } from '../operations/progress';
import { applyEdit, failureOf } from './apply-edit';
import { editEffects, plannedRequests, type PropertiesItem, propertiesCostInput } from './plan-properties';
import { headProperties, readAcl, readTags } from './read-properties';

export interface PropertiesOptions {
  readonly copy: CopyLimits;
  readonly concurrency: number;
  readonly planTtlMs: number;
  readonly progressIntervalMs: number;
  readonly now: () => number;
}

export const DEFAULT_PROPERTIES_OPTIONS: PropertiesOptions = {
  copy: DEFAULT_COPY_LIMITS,
  concurrency: 8,
  planTtlMs: 30 * 60_000,
  progressIntervalMs: 100,
  now: () => Date.now(),
};

interface StoredPlan {
  readonly id: string;
  readonly connectionId: string;
  readonly bucket: string;
  readonly edit: PropertiesEdit;
  readonly items: readonly PropertiesItem[];
  readonly createdAt: number;
}

const invalid = (message: string) => new CodedError({ code: 'InvalidInput', message });

/** View one object's properties; edit one or many as a plan (plan → confirm → run exactly that list). */
export class PropertiesService {
  private readonly o: PropertiesOptions;
  private readonly plans = new Map<string, StoredPlan>();
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly prices: PriceTables,
    options: Partial<PropertiesOptions> = {},
  ) {
    this.o = { ...DEFAULT_PROPERTIES_OPTIONS, ...options };
  }

  /**
   * HeadObject + GetObjectTagging + GetObjectAcl, each cached under its own key and dropped by any write to the
   * object. A section the user may not read (AccessDenied on the ACL) is reported in its place; the rest shows.
   */
  async get(connectionId: string, bucket: string, key: string, refresh: boolean): Promise<ObjectProperties> {
    if (isFolderKey(key)) throw invalid('a folder has no properties of its own; select the objects in it');
    const client = this.ctx.clientFor(connectionId, bucket);
    const cache = this.ctx.cache;
    const cached = <T extends object>(op: 'properties' | 'tags' | 'acl') => (refresh ? undefined : cache.getProperty<T>(connectionId, bucket, op, key));
    let head: HeadProperties | undefined = cached<HeadProperties>('properties');
    if (!head) {
      head = await headProperties(client, bucket, key);
      cache.setProperty(connectionId, bucket, 'properties', key, head);
    }
    const section = async <T extends object>(op: 'tags' | 'acl', read: () => Promise<T>): Promise<Section<T>> => {
      const hit = cached<{ value: T }>(op);
      if (hit) return { ok: true, value: hit.value };
      try {
        const value = await read();
        cache.setProperty(connectionId, bucket, op, key, { value });
        return { ok: true, value };
      } catch (error) {
        const e = toAppError(error);
        return { ok: false, error: { code: e.code, message: e.message } };
      }
    };
    const [tags, acl] = await Promise.all([
      section<Tag[]>('tags', () => readTags(client, bucket, key)),
      section<ObjectAcl>('acl', async () => (await readAcl(client, bucket, key)).acl),
    ]);
    return { ...head, tags, acl };
  }

  /** Lists what the edit touches (folders recursively, never a HEAD sweep) and counts the run's requests. */
  async plan(req: PropertiesPlanRequest): Promise<PropertiesPlan> {
    const problems = editProblems(req.edit);
    if (problems.length) throw invalid(problems.join(' '));
    const { objects } = await expandSelection({ cache: this.ctx.cache, clientFor: (id, b) => this.ctx.clientFor(id, b) }, req);
    // Folder markers are not objects anyone edits: leave them as they are.
    const all = objects.filter((o) => !isFolderKey(o.key)).map(({ key, size, storageClass, lastModified }) => ({ key, size, storageClass, lastModified }));
    if (all.length === 0) throw new CodedError({ code: 'NoSuchKey', message: 'nothing to change: the selection holds no objects' });
    // Only archived objects can be restored; the rest of the selection is readable already and left alone.
    const items = req.edit.restore ? all.filter((i) => ARCHIVE_CLASSES.has(i.storageClass)) : all;
    if (items.length === 0) throw invalid(`nothing to restore: none of the ${all.length} selected objects is in ${[...ARCHIVE_CLASSES].join(' or ')}`);
    this.prune();
    const id = randomUUID();
    this.plans.set(id, { id, connectionId: req.connectionId, bucket: req.bucket, edit: req.edit, items, createdAt: this.o.now() });
    const planned = plannedRequests(items, req.edit, this.o.copy);
    return {
      planId: id,
      objects: items.length,
      bytes: items.reduce((n, i) => n + i.size, 0),
      sample: items.slice(0, 20).map((i) => i.key),
      copies: planned.copies,
      multipartCopies: planned.multipartCopies,
      requests: planned.requests,
      requestsAtMost: planned.requestsAtMost,
      effects: editEffects(req.edit, planned),
      estimate: this.estimate(req.connectionId, items, req.edit),
    };
  }

  private estimate(connectionId: string, items: readonly PropertiesItem[], edit: PropertiesEdit): CostEstimate {
    const table = this.prices.tableFor(this.ctx.connections.get(connectionId)?.summary);
    return estimateCost(table, propertiesCostInput(items, edit, this.o.copy, this.o.now()));
  }

  async run(planId: string): Promise<PropertiesReport> {
    const plan = this.plans.get(planId);
    this.plans.delete(planId);
    if (!plan) throw invalid('unknown, expired or already used plan');
    const controller = new AbortController();
    this.running.set(planId, controller);
    const client = this.ctx.clientFor(plan.connectionId, plan.bucket);
    const requests: Record<string, number> = {};
    const count = (op: string, n = 1) => {
      requests[op] = (requests[op] ?? 0) + n;
    };
    const meter = new ProgressMeter(
      planId,
      'properties',
      plan.items.length,
      plan.items.reduce((n, i) => n + i.size, 0),
      (p) => this.ctx.events('operations:progress', p),
      this.o.progressIntervalMs,
      this.o.now,
    );
    const succeeded: string[] = [];
    const failed: PropertiesFailure[] = [];
    const skipped: string[] = [];
    meter.start();
    try {
      await pool(plan.items, this.o.concurrency, async (item) => {
        if (controller.signal.aborted) {
          skipped.push(item.key);
          return;
        }
        try {
          await applyEdit({ client, bucket: plan.bucket, key: item.key, edit: plan.edit, limits: this.o.copy, signal: controller.signal, count });
          succeeded.push(item.key);
          meter.succeeded(1, item.size);
        } catch (error) {
          failed.push(failureOf(item.key, error));
          meter.failedOne();
        }
        // Written or not, what the app holds about the object may be stale now (a half-applied tag + copy).
        this.ctx.invalidate(plan.connectionId, plan.bucket, [{ key: item.key, change: 'put' }]);
      });
    } finally {
      this.running.delete(planId);
      meter.finish();
    }
    const order = new Map(plan.items.map((i, n) => [i.key, n]));
    const byPlan = (a: string, b: string) => (order.get(a) ?? 0) - (order.get(b) ?? 0);
    const status = skipped.length ? 'cancelled' : failed.length === 0 ? 'done' : succeeded.length === 0 ? 'failed' : 'partial';
    return {
      planId,
      status,
      total: plan.items.length,
      succeeded: succeeded.sort(byPlan),
      failed: failed.sort((a, b) => byPlan(a.key, b.key)),
      skipped: skipped.sort(byPlan),
      requests,
    };
  }

  cancel(planId: string): boolean {
    const c = this.running.get(planId);
    c?.abort();
    return c !== undefined;
  }

  discard(planId: string): boolean {
    return this.plans.delete(planId);
  }

  private prune(): void {
    const cutoff = this.o.now() - this.o.planTtlMs;
    for (const [id, p] of this.plans) if (p.createdAt < cutoff) this.plans.delete(id);
    while (this.plans.size >= 100) this.plans.delete(this.plans.keys().next().value as string);
  }
}
