import { randomUUID } from 'node:crypto';
import type { OperationKind } from '../../shared/operations';

/** One object an operation touches: its source key, its destination key (copy/move/rename) and size. */
export interface PlanItem {
  readonly src: string;
  readonly dst: string | null;
  readonly size: number;
  /** The source's storage class (from the listing): server-side copies keep it (S3 would write STANDARD). */
  readonly storageClass?: string;
  /** From the listing (epoch ms; 0 unknown): how long the object has been in its class, for early-deletion costs. */
  readonly lastModified?: number;
}

export interface StoredPlan {
  readonly id: string;
  readonly kind: OperationKind;
  readonly source: { readonly connectionId: string; readonly bucket: string };
  readonly target: { readonly connectionId: string; readonly bucket: string } | null;
  readonly items: readonly PlanItem[];
  /** Selected keys that no longer exist: the run reports them to the cache as deleted so ghosts disappear. */
  readonly missing: readonly string[];
  readonly createdAt: number;
}

export interface PlanStoreOptions {
  readonly ttlMs: number;
  readonly maxPlans: number;
  readonly now: () => number;
}

/**
 * Plans held in main between the confirmation and the run. The renderer only ever holds the opaque id, so the
 * run executes exactly the listing the user confirmed. A plan is used once; stale plans expire.
 */
export class PlanStore {
  private readonly plans = new Map<string, StoredPlan>();

  constructor(private readonly options: PlanStoreOptions) {}

  add(plan: Omit<StoredPlan, 'id' | 'createdAt'>): StoredPlan {
    this.prune();
    const stored: StoredPlan = { ...plan, id: randomUUID(), createdAt: this.options.now() };
    this.plans.set(stored.id, stored);
    while (this.plans.size > this.options.maxPlans) this.plans.delete(this.plans.keys().next().value as string);
    return stored;
  }

  /** Remove and return a plan (a plan runs at most once). */
  take(id: string): StoredPlan | undefined {
    this.prune();
    const plan = this.plans.get(id);
    this.plans.delete(id);
    return plan;
  }

  discard(id: string): boolean {
    return this.plans.delete(id);
  }

  private prune(): void {
    const cutoff = this.options.now() - this.options.ttlMs;
    for (const [id, plan] of this.plans) if (plan.createdAt < cutoff) this.plans.delete(id);
  }
}
