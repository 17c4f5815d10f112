/**
 * A fake of the operations store's API (`OperationsApi`, a Pick of the contract), so it cannot drift. Plans and
 * runs answer from scripted values; runs can be held open to observe progress and cancellation; every call
 * is logged.
 */
import { AWS_US_EAST_1, estimateCost } from '../../shared/cost';
import { fail, ok, type Result } from '../../shared/errors';
import type { IpcEvents } from '../../shared/ipc';
import type { OperationPlan, OperationReport, PlanRequest } from '../../shared/operations';
import type { OperationsApi } from '../../renderer/src/features/operations';

export interface FakeOperationsApi {
  readonly api: OperationsApi;
  readonly calls: Array<{ method: string; request: unknown }>;
  callsOf(method: string): unknown[];
  /** What the next plan answers (by default: 3 objects, 300 bytes, no conflicts). */
  nextPlan: Partial<OperationPlan> | { error: { code: 'Conflict' | 'InvalidInput' | 'NoSuchKey'; message: string } };
  /** What runs answer; by default every object succeeded. */
  report: (plan: OperationPlan) => OperationReport;
  /** Hold the next run until the returned function is called. */
  holdRun(): () => void;
  /** The next run's IPC promise rejects (main never answers). */
  rejectRun(reason: Error): void;
  /** Hold the next plan until released (it then answers as scripted) or cancelled by its planningId. */
  holdPlan(): () => void;
  emitProgress(payload: IpcEvents['operations:progress']): void;
  emitPlanning(payload: IpcEvents['operations:planning']): void;
  clipboardWrites: string[];
}

export function createFakeOperationsApi(): FakeOperationsApi {
  const calls: Array<{ method: string; request: unknown }> = [];
  const listeners = new Set<(p: IpcEvents['operations:progress']) => void>();
  const planningListeners = new Set<(p: IpcEvents['operations:planning']) => void>();
  let heldPlan: Promise<void> | null = null;
  const cancelPlan = new Map<string, () => void>();
  const plans = new Map<string, OperationPlan>();
  let counter = 0;
  let held: Promise<void> | null = null;
  let rejection: Error | null = null;
  const log = (method: string, request: unknown) => calls.push({ method, request });

  const fake: FakeOperationsApi = {
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.request),
    nextPlan: {},
    report: (plan) => ({
      operationId: plan.planId,
      kind: plan.kind,
      status: 'done',
      total: plan.objects,
      succeeded: plan.sample,
      failed: [],
      skipped: [],
    }),
    rejectRun(reason) {
      rejection = reason;
    },
    holdRun() {
      let open!: () => void;
      held = new Promise<void>((r) => (open = r));
      return open;
    },
    holdPlan() {
      let open!: () => void;
      heldPlan = new Promise<void>((r) => (open = r));
      return open;
    },
    emitProgress: (p) => listeners.forEach((l) => l(p)),
    emitPlanning: (p) => planningListeners.forEach((l) => l(p)),
    clipboardWrites: [],
    api: undefined as unknown as OperationsApi,
  };

  const api: OperationsApi = {
    async createFolder(request) {
      log('createFolder', request);
      if (request.name === 'exists') return fail('Conflict', 'a folder named "exists" already exists');
      return ok({ key: `${request.prefix}${request.name}/` });
    },
    async planOperation(request: PlanRequest): Promise<Result<OperationPlan>> {
      log('planOperation', request);
      if (heldPlan) {
        const wait = heldPlan;
        heldPlan = null;
        const id = request.planningId ?? '';
        const cancelled = new Promise<'cancelled'>((r) => cancelPlan.set(id, () => r('cancelled')));
        const outcome = await Promise.race([wait, cancelled]);
        cancelPlan.delete(id);
        if (outcome === 'cancelled') return fail('Cancelled', 'counting was cancelled');
      }
      const next = fake.nextPlan;
      if ('error' in next) return fail(next.error.code, next.error.message);
      const plan: OperationPlan = {
        planId: `plan-${++counter}`,
        kind: request.kind,
        objects: 3,
        bytes: 300,
        sample: ['a', 'b', 'c'],
        conflicts: [],
        method: request.kind === 'delete' ? null : 'server',
        // Priced by the real pure module, so the dialog shows what main would send.
        estimate: estimateCost(AWS_US_EAST_1, { requests: [{ kind: request.kind === 'delete' ? 'delete' : 'put', count: 3 }], bytesRead: 0, bytesWritten: 0 }),
        ...next,
      };
      plans.set(plan.planId, plan);
      return ok(plan);
    },
    async runOperation(request) {
      log('runOperation', request);
      if (rejection) {
        const reason = rejection;
        rejection = null;
        throw reason;
      }
      const plan = plans.get(request.planId);
      if (!plan) return fail('InvalidInput', 'unknown, expired or already used plan');
      plans.delete(request.planId);
      if (held) {
        const wait = held;
        held = null;
        await wait;
      }
      return ok(fake.report(plan));
    },
    async cancelOperation(request) {
      log('cancelOperation', request);
      cancelPlan.get(request.operationId)?.();
      return ok({ cancelled: true });
    },
    async discardPlan(request) {
      log('discardPlan', request);
      return ok({ discarded: plans.delete(request.planId) });
    },
    async shareObject(request) {
      log('shareObject', request);
      const text = request.kind === 's3-uri' ? `s3://${request.bucket}/${request.key}` : `https://example.test/${request.key}?sig`;
      return ok({ kind: request.kind, text, expiresAt: request.kind === 'presigned' ? 1_000 + (request.expiresInSeconds ?? 3600) * 1000 : null });
    },
    onOperationProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onPlanningProgress(listener) {
      planningListeners.add(listener);
      return () => planningListeners.delete(listener);
    },
  };
  (fake as { api: OperationsApi }).api = api;
  return fake;
}
