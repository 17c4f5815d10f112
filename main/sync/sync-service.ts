/**
 * Compare → plan → run for two locations, kept in main under opaque ids like operations plans. A comparison
 * reports `sync:progress` (objects listed, files and bytes hashed, rate) and stops on `sync:cancel`. Runs go
 * through the existing machinery: uploads and downloads are queued on the transfer queue (its progress,
 * cancel, retry, verification and safe key→path rules), and so are S3→S3 copies across two connections
 * (streamed through the app); copies on one connection run server-side on the operations runner with its
 * `operations:progress` under the run token, cancelled by `sync:cancel`; deletes go in DeleteObjects batches. Re-comparing after an interrupted run
 * finds only what still differs.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { DeleteObjectsCommand } from '@aws-sdk/client-s3';
import type {
  CompareMode,
  CompareRequest,
  CompareResult,
  GroupTotals,
  SyncAction,
  SyncGroup,
  SyncLocation,
  SyncPlan,
  SyncPlanRequest,
  SyncRunOutcome,
} from '../../shared/sync';
import { SYNC_GROUPS } from '../../shared/sync';
import { codedError, invalidInput } from '../core/app-error';
import type { CoreContext } from '../core/context';
import { DEFAULT_COPY_LIMITS } from '../operations/object-copy';
import { ProgressMeter } from '../operations/progress';
import { runTransfer } from '../operations/run';
import type { TransferService } from '../transfers/transfer-service';
import { targetFor } from '../transfers/safe-path';
import { compareListings, emptyStats } from './compare';
import { createHasher, type Hasher } from './hasher';
import { planSync } from './planner';
import { SyncPairs } from './sync-pairs';
import { type ListCounter, listLocalSide, listS3Side, type SideListing } from './listers';
import { s3ChecksumReader } from './stored-checksum';

/** Comparisons and plans kept for the session; the oldest go first. */
const KEEP = 8;
/** How often a running comparison reports progress. */
const PROGRESS_MS = 200;

interface StoredCompare {
  readonly left: SyncLocation;
  readonly right: SyncLocation;
  readonly result: CompareResult;
}

type S3Location = Extract<SyncLocation, { kind: 's3' }>;

export class SyncService {
  private readonly compares = new Map<string, StoredCompare>();
  private readonly plans = new Map<string, { plan: SyncPlan; compare: StoredCompare }>();
  private readonly hasher: Hasher = createHasher();
  /** Comparisons and runs under way, by the caller's token, for `sync:cancel`. */
  private readonly running = new Map<string, AbortController>();
  /** Cross-connection copies a run queued on the transfer queue, by its token, until each settles: the run
   *  resolves once they are queued, and `sync:cancel` must stop them too. */
  private readonly queuedCopies = new Map<string, Set<string>>();

  readonly pairs: SyncPairs;

  constructor(
    private readonly ctx: CoreContext,
    private readonly transfers: TransferService,
    userDataDir: string | null = null,
  ) {
    this.pairs = new SyncPairs(userDataDir);
  }

  async compare(req: CompareRequest): Promise<CompareResult> {
    const { left, right } = req;
    if (left.kind === 'local' && right.kind === 'local') throw invalidInput('compare needs at least one S3 location');
    const mode: CompareMode = req.mode ?? 'content';
    const againstLocal = left.kind === 'local' || right.kind === 'local';
    const token = req.compareToken ?? randomUUID();
    if (this.running.has(token)) throw codedError('Conflict', `"${token}" is already running`);
    const controller = new AbortController();
    this.running.set(token, controller);
    const signal = controller.signal;
    const counters = { left: { listed: 0 }, right: { listed: 0 } };
    const stats = emptyStats();
    const t0 = performance.now();
    let phase: 'listing' | 'comparing' | 'done' = 'listing';
    const emit = () => {
      const elapsedMs = performance.now() - t0;
      this.ctx.events('sync:progress', {
        compareToken: token,
        phase,
        leftListed: counters.left.listed,
        rightListed: counters.right.listed,
        ...stats,
        elapsedMs,
        hashRate: elapsedMs > 0 ? (stats.bytesHashed * 1000) / elapsedMs : 0,
      });
    };
    const timer = setInterval(emit, PROGRESS_MS);
    try {
      emit();
      const [l, r] = await Promise.all([this.list(left, againstLocal, signal, counters.left), this.list(right, againstLocal, signal, counters.right)]);
      phase = 'comparing';
      emit();
      const reader = (loc: SyncLocation) =>
        loc.kind === 's3' ? s3ChecksumReader(this.ctx.clientFor(loc.connectionId, loc.bucket), loc.bucket, loc.prefix, () => {}) : undefined;
      const lr = reader(left);
      const rr = reader(right);
      const out = await compareListings(l, r, { mode, hasher: this.hasher, stats, signal, checksums: { ...(lr ? { left: lr } : {}), ...(rr ? { right: rr } : {}) } });
      phase = 'done';
      emit();
      const groups = Object.fromEntries(SYNC_GROUPS.map((g) => [g, { count: 0, bytes: 0 }])) as Record<SyncGroup, { count: number; bytes: number }>;
      for (const row of out.rows) {
        groups[row.group].count++;
        groups[row.group].bytes += Math.max(row.left?.size ?? 0, row.right?.size ?? 0);
      }
      const result: CompareResult = {
        compareId: randomUUID(),
        mode,
        rows: out.rows,
        groups: groups as Record<SyncGroup, GroupTotals>,
        hashing: out.hashing,
        checksumRequests: stats.checksumRequests,
        comparedAt: Date.now(),
      };
      remember(this.compares, result.compareId, { left, right, result });
      if (req.pairId !== undefined && this.pairs.get(req.pairId)) await this.pairs.recordResult(req.pairId, result.comparedAt, result.groups);
      return result;
    } catch (error) {
      // Whatever the abort surfaced as (the SDK's AbortError, a DOMException), a cancelled compare says so.
      if (signal.aborted) throw codedError('Cancelled', 'comparison cancelled; nothing was changed');
      throw error;
    } finally {
      clearInterval(timer);
      this.running.delete(token);
    }
  }

  /**
   * Stops a comparison or an S3→S3 run started with this token, and the cross-connection copies that run put
   * on the transfer queue (queued ones are marked cancelled, running ones aborted). Resolves once every one of
   * those copies has settled, so none of them sends another request after this.
   */
  async cancel(token: string): Promise<boolean> {
    const c = this.running.get(token);
    c?.abort();
    const ids = [...(this.queuedCopies.get(token) ?? [])];
    this.queuedCopies.delete(token);
    const stopped = ids.length > 0 ? this.transfers.queue.cancel(ids) : 0;
    await Promise.all(ids.map((id) => this.transfers.queue.whenSettled(id)));
    return c !== undefined || stopped > 0;
  }

  private trackCopies(token: string, ids: readonly string[]): void {
    const open = this.queuedCopies.get(token) ?? new Set<string>();
    this.queuedCopies.set(token, open);
    for (const id of ids) {
      open.add(id);
      // whenSettled never rejects.
      void this.transfers.queue.whenSettled(id).then(() => {
        open.delete(id);
        if (open.size === 0 && this.queuedCopies.get(token) === open) this.queuedCopies.delete(token);
      });
    }
  }

  plan(req: SyncPlanRequest): SyncPlan {
    const compare = this.compares.get(req.compareId);
    if (!compare) throw invalidInput('that comparison is no longer kept; compare again');
    const plan: SyncPlan = { planId: randomUUID(), ...planSync(compare.result.rows, compare, req.direction, req.deleteExtras ?? false) };
    remember(this.plans, plan.planId, { plan, compare });
    return plan;
  }

  async run(planId: string, runToken?: string): Promise<SyncRunOutcome> {
    const stored = this.plans.get(planId);
    if (!stored) throw invalidInput('that plan is no longer kept; compare again');
    this.plans.delete(planId);
    const { plan, compare } = stored;
    const failed: { key: string; message: string }[] = [];
    let queued = 0;
    let copied = 0;
    let deleted = 0;
    const byKind = (kind: string) => plan.actions.filter((a) => a.kind === kind).map((a) => a.key);
    const sides = { local: [compare.left, compare.right].find((s) => s.kind === 'local'), s3: [compare.left, compare.right].filter((s): s is S3Location => s.kind === 's3') };
    const local = sides.local?.kind === 'local' ? sides.local.path : null;
    const remote = sides.s3[0];

    if (local !== null && remote) {
      for (const [dir, keys] of byDir(byKind('upload'))) {
        const paths = keys.map((k) => path.join(local, ...k.split('/')));
        const out = await this.transfers.upload({ connectionId: remote.connectionId, bucket: remote.bucket, prefix: remote.prefix + dir, paths, conflict: 'overwrite' });
        if (out.status === 'queued') {
          queued += out.queued;
          for (const r of out.refused) failed.push({ key: r.key, message: r.reason });
        }
      }
      for (const [dir, keys] of byDir(byKind('download'))) {
        const folder = dir === '' ? { ok: true as const, path: path.resolve(local) } : targetFor(local, dir);
        if (!folder.ok) {
          for (const k of keys) failed.push({ key: k, message: folder.reason });
          continue;
        }
        // targetFor kept the folder strictly inside the chosen one; the queue wants it to exist.
        await mkdir(folder.path, { recursive: true });
        const items = keys.map((k) => ({ key: remote.prefix + k, kind: 'object' as const }));
        const out = await this.transfers.download({ connectionId: remote.connectionId, bucket: remote.bucket, items, destination: folder.path, conflict: 'overwrite' });
        if (out.status === 'queued') {
          queued += out.queued;
          for (const r of out.refused) failed.push({ key: r.key, message: r.reason });
        }
      }
      for (const key of byKind('delete-local')) {
        const target = targetFor(local, key);
        if (!target.ok) failed.push({ key, message: target.reason });
        else {
          await rm(target.path, { force: true });
          deleted++;
        }
      }
      const del = await this.deleteS3(remote, byKind('delete-s3'), failed);
      deleted += del;
    } else {
      const [l, r] = sides.s3 as [S3Location, S3Location];
      const token = runToken ?? planId;
      if (this.running.has(token)) throw codedError('Conflict', `"${token}" is already running`);
      const controller = new AbortController();
      this.running.set(token, controller);
      try {
        for (const toward of ['right', 'left'] as const) {
          if (controller.signal.aborted) break;
          const copies = plan.actions.filter((a) => a.kind === 'copy' && a.toward === toward);
          const [from, to] = toward === 'left' ? [r, l] : [l, r];
          if (from.connectionId !== to.connectionId) {
            // Across connections the bytes pass through the app: transfer items, with the panel's progress and cancel.
            if (copies.length > 0) {
              const out = this.transfers.copyAcross(copies.map((a) => crossCopy(from, to, a)));
              this.trackCopies(token, out.ids);
              queued += out.queued;
            }
            continue;
          }
          const out = await this.copyAll(token, from, to, copies, controller.signal);
          copied += out.copied;
          failed.push(...out.failed);
        }
        if (!controller.signal.aborted) {
          deleted += await this.deleteS3(l, plan.actions.filter((a) => a.kind === 'delete-s3' && a.toward === 'left').map((a) => a.key), failed);
          deleted += await this.deleteS3(r, plan.actions.filter((a) => a.kind === 'delete-s3' && a.toward === 'right').map((a) => a.key), failed);
        }
      } finally {
        this.running.delete(token);
      }
      if (controller.signal.aborted) return { planId, queued, copied, deleted, failed, cancelled: true };
    }
    return { planId, queued, copied, deleted, failed, cancelled: false };
  }

  /** S3→S3 copies on the operations runner: server-side on one connection, streamed across two. */
  private async copyAll(token: string, from: S3Location, to: S3Location, copies: readonly SyncAction[], signal: AbortSignal) {
    if (copies.length === 0) return { copied: 0, failed: [] as { key: string; message: string }[] };
    const items = copies.map((a) => ({ src: from.prefix + a.key, dst: to.prefix + a.key, size: a.bytes }));
    const bytes = items.reduce((n, i) => n + i.size, 0);
    const meter = new ProgressMeter(token, 'copy', items.length, bytes, (p) => this.ctx.events('operations:progress', p), PROGRESS_MS, Date.now);
    meter.start();
    const plan = {
      id: token,
      kind: 'copy' as const,
      source: { connectionId: from.connectionId, bucket: from.bucket },
      target: { connectionId: to.connectionId, bucket: to.bucket },
      items,
      missing: [],
      createdAt: Date.now(),
    };
    const deps = {
      clientFor: (id: string, bucket: string) => this.ctx.clientFor(id, bucket),
      invalidate: this.ctx.invalidate,
      limits: DEFAULT_COPY_LIMITS,
      concurrency: 8,
      streamConcurrency: 2,
    };
    const out = await runTransfer(deps, plan, meter, signal);
    meter.finish();
    return {
      copied: out.succeeded.length,
      failed: [
        ...out.failed.map((f) => ({ key: f.key.slice(from.prefix.length), message: f.message })),
        ...out.skipped.map((k) => ({ key: k.slice(from.prefix.length), message: 'not copied: the sync was cancelled' })),
      ],
    };
  }

  private async deleteS3(at: S3Location, keys: readonly string[], failed: { key: string; message: string }[]): Promise<number> {
    let deleted = 0;
    const client = this.ctx.clientFor(at.connectionId, at.bucket);
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000).map((k) => at.prefix + k);
      const out = await client.send(new DeleteObjectsCommand({ Bucket: at.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
      const errors = new Set<string>();
      for (const e of out.Errors ?? []) {
        errors.add(e.Key ?? '');
        failed.push({ key: (e.Key ?? '').slice(at.prefix.length), message: e.Message ?? e.Code ?? 'not deleted' });
      }
      const gone = batch.filter((k) => !errors.has(k));
      deleted += gone.length;
      if (gone.length) this.ctx.invalidate(at.connectionId, at.bucket, gone.map((key) => ({ change: 'delete' as const, key })));
    }
    return deleted;
  }

  private async list(loc: SyncLocation, againstLocal: boolean, signal: AbortSignal, counter: ListCounter): Promise<SideListing> {
    if (loc.kind === 'local') return listLocalSide(loc.path, signal, counter);
    return listS3Side(this.ctx.clientFor(loc.connectionId, loc.bucket), loc.bucket, loc.prefix, { againstLocal, signal, counter });
  }

  dispose(): Promise<void> {
    return this.hasher.close();
  }
}

function remember<T>(map: Map<string, T>, id: string, value: T): void {
  map.set(id, value);
  while (map.size > KEEP) map.delete(map.keys().next().value as string);
}

/** Relative keys grouped by their folder ("a/b/c.txt" → "a/b/"), for one queue request per folder. */
function byDir(keys: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const k of keys) {
    const cut = k.lastIndexOf('/') + 1;
    const dir = k.slice(0, cut);
    const list = out.get(dir) ?? [];
    list.push(k);
    out.set(dir, list);
  }
  return out;
}

/** One cross-connection copy of a plan as a transfer item. */
function crossCopy(from: S3Location, to: S3Location, action: SyncAction) {
  return {
    from: { connectionId: from.connectionId, bucket: from.bucket, key: from.prefix + action.key },
    to: { connectionId: to.connectionId, bucket: to.bucket, key: to.prefix + action.key },
    size: action.bytes,
  };
}
