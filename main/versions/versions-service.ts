/**
 * Versions and recovery (issue 13): versioning state, a key's versions, Show deleted, point in time, and the
 * two plans (undelete, restore folder) in the plan → confirm → run shape of main/operations. Only this service
 * sends ListObjectVersions, and only when asked: ordinary browsing never does.
 */
import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, GetBucketVersioningCommand, PutBucketVersioningCommand, type S3Client } from '@aws-sdk/client-s3';
import { isFolderKey } from '../../shared/keys';
import type {
  AsOfEntry,
  DeletedEntry,
  ObjectVersion,
  RestorePlan,
  UndeletePlan,
  VersionList,
  VersioningState,
  VersionsRunReport,
} from '../../shared/versions';
import type { CachedVersions, Change, VersionOp } from '../cache/s3-cache';
import { codedError, invalidInput } from '../core/app-error';
import type { CoreContext } from '../core/context';
import { toAppError } from '../core/to-app-error';
import { type CopyLimits, DEFAULT_COPY_LIMITS, serverCopy } from '../operations/object-copy';
import { ProgressMeter } from '../operations/progress';
import { listAll } from '../s3/list-objects';
import { listAllVersions } from './list-versions';
import { byKey, currentOf, deletedNow, restoreSteps, versionAt } from './point-in-time';
import { copyVersionsBack, deleteInBatches, type CopyStep, type MarkerStep, type StepOutcome } from './version-run';

export interface VersionsOptions extends CopyLimits {
  /** Versions copied back at once by a restore. */
  readonly concurrency: number;
  readonly planTtlMs: number;
  /** Progress events of a run at most this often (and always at its start and end). */
  readonly progressIntervalMs: number;
}

const DEFAULTS: VersionsOptions = { ...DEFAULT_COPY_LIMITS, concurrency: 8, planTtlMs: 30 * 60_000, progressIntervalMs: 100 };
const SAMPLE = 50;

interface Ref {
  readonly connectionId: string;
  readonly bucket: string;
}

type StoredPlan =
  | (Ref & { readonly kind: 'undelete'; readonly markers: readonly MarkerStep[]; readonly createdAt: number })
  | (Ref & { readonly kind: 'restore'; readonly copies: readonly CopyStep[]; readonly hides: readonly MarkerStep[]; readonly createdAt: number });

export class VersionsService {
  private readonly o: VersionsOptions;
  private readonly plans = new Map<string, StoredPlan>();
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly ctx: CoreContext,
    options: Partial<VersionsOptions> = {},
  ) {
    this.o = { ...DEFAULTS, ...options };
  }

  async state(connectionId: string, bucket: string): Promise<VersioningState> {
    const out = await this.ctx.clientFor(connectionId, bucket).send(new GetBucketVersioningCommand({ Bucket: bucket }));
    return out.Status === 'Enabled' ? 'enabled' : out.Status === 'Suspended' ? 'suspended' : 'never';
  }

  /** S3 cannot turn versioning off once on: only suspend it (existing versions stay). */
  async setState(connectionId: string, bucket: string, enabled: boolean): Promise<VersioningState> {
    await this.ctx
      .clientFor(connectionId, bucket)
      .send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: enabled ? 'Enabled' : 'Suspended' } }));
    return this.state(connectionId, bucket);
  }

  /** Every version and delete marker of one exact key, newest first. */
  async list(connectionId: string, bucket: string, key: string, refresh = false): Promise<VersionList> {
    const { versions } = await this.cached(connectionId, bucket, 'versions', key, refresh);
    return { key, versions };
  }

  /** Show deleted: the folder's files and sub-folders whose current version is a delete marker. */
  async deleted(connectionId: string, bucket: string, prefix: string, refresh = false): Promise<DeletedEntry[]> {
    const listing = await this.cached(connectionId, bucket, 'version-folder', prefix, refresh);
    const out: DeletedEntry[] = deletedNow(listing.versions).map((m) => ({ kind: 'object', key: m.key, deletedAt: m.lastModified }));
    if (listing.prefixes.length > 0) {
      // A sub-folder with versions is deleted when no current object is left in it: ask the folder's listing.
      const client = this.ctx.clientFor(connectionId, bucket);
      const live = new Set((await listAll(client, bucket, prefix, { shallow: true })).prefixes);
      for (const p of listing.prefixes) if (!live.has(p)) out.push({ kind: 'folder', key: p });
    }
    return out;
  }

  /** The folder as it was at `at`: its direct files and sub-folders then (read-only view). */
  async asOf(connectionId: string, bucket: string, prefix: string, at: number, refresh = false): Promise<AsOfEntry[]> {
    const { versions } = await this.cached(connectionId, bucket, 'version-tree', prefix, refresh);
    const files: AsOfEntry[] = [];
    const folders = new Set<string>();
    for (const [key, group] of byKey(versions)) {
      const then = versionAt(group, at);
      if (!then) continue;
      const rest = key.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash >= 0 && slash < rest.length - 1) folders.add(prefix + rest.slice(0, slash + 1));
      else if (isFolderKey(rest)) folders.add(key);
      else files.push({ kind: 'object', key, version: then, changedSince: currentOf(group)?.versionId !== then.versionId });
    }
    return [...[...folders].sort().map((key): AsOfEntry => ({ kind: 'folder', key })), ...files];
  }

  /** Restore one version as current: a server-side copy onto its own key. A new version; nothing is deleted. */
  async restoreVersion(connectionId: string, bucket: string, key: string, versionId: string): Promise<{ readonly restored: true }> {
    const client = this.ctx.clientFor(connectionId, bucket);
    const { versions } = await this.cached(connectionId, bucket, 'versions', key, true);
    const version = versions.find((v) => v.versionId === versionId);
    if (!version) throw codedError('NoSuchVersion', `${key} has no version ${versionId} any more`);
    if (version.isDeleteMarker) throw invalidInput('a delete marker has no content to restore; undelete the key instead');
    try {
      await serverCopy({ source: client, target: client }, { bucket, key, versionId, storageClass: version.storageClass }, { bucket, key }, version.size, this.o, new AbortController().signal);
    } finally {
      this.ctx.invalidate(connectionId, bucket, [{ key, change: 'put' }]);
    }
    return { restored: true };
  }

  /** Delete one version for good (the renderer confirms first: this cannot be undone). */
  async deleteVersion(connectionId: string, bucket: string, key: string, versionId: string): Promise<{ readonly deleted: true }> {
    try {
      await this.ctx.clientFor(connectionId, bucket).send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
    } finally {
      this.ctx.invalidate(connectionId, bucket, [{ key, change: 'delete' }]);
    }
    return { deleted: true };
  }

  /** Undelete plan: the exact current delete markers of the selected deleted files and folders (recursive). */
  async planUndelete(connectionId: string, bucket: string, items: readonly { key: string; kind: 'object' | 'folder' }[]): Promise<UndeletePlan> {
    const markers = new Map<string, MarkerStep>();
    for (const item of items) {
      // A plan always lists afresh: it must remove only markers that are current now.
      const op: VersionOp = item.kind === 'folder' ? 'version-tree' : 'versions';
      const { versions } = await this.cached(connectionId, bucket, op, item.key, true);
      for (const m of deletedNow(versions)) markers.set(`${m.key}\0${m.versionId}`, { key: m.key, versionId: m.versionId });
    }
    const steps = [...markers.values()];
    const planId = this.store({ connectionId, bucket, kind: 'undelete', markers: steps, createdAt: Date.now() });
    return { planId, kind: 'undelete', markers: steps.length, sample: steps.slice(0, SAMPLE).map((s) => s.key) };
  }

  /** Restore-folder plan: copies of every version current at `at` that differs from today's, and optional hides. */
  async planRestore(connectionId: string, bucket: string, prefix: string, at: number, hideNewer: boolean): Promise<RestorePlan> {
    const { versions } = await this.cached(connectionId, bucket, 'version-tree', prefix, true);
    const steps = restoreSteps(versions, at, hideNewer);
    const copies: CopyStep[] = [];
    const hides: MarkerStep[] = [];
    for (const s of steps) {
      if (s.kind === 'copy') copies.push({ key: s.key, versionId: s.version.versionId, size: s.version.size, storageClass: s.version.storageClass });
      else hides.push({ key: s.key });
    }
    const planId = this.store({ connectionId, bucket, kind: 'restore', copies, hides, createdAt: Date.now() });
    const bytes = copies.reduce((sum, c) => sum + c.size, 0);
    return { planId, kind: 'restore', at, copies: copies.length, bytes, hides: hides.length, sample: steps.slice(0, SAMPLE).map((s) => s.key) };
  }

  /**
   * Run a plan with live counts on `operations:progress` (under the plan id) until done or cancelled; a cancel
   * stops between DeleteObjects batches and copies, so every step is exactly done, failed or not run.
   */
  async run(planId: string): Promise<VersionsRunReport> {
    const plan = this.take(planId);
    const client = this.ctx.clientFor(plan.connectionId, plan.bucket);
    const controller = new AbortController();
    const signal = controller.signal;
    this.running.set(planId, controller);
    const total = plan.kind === 'undelete' ? plan.markers.length : plan.copies.length + plan.hides.length;
    const bytes = plan.kind === 'undelete' ? 0 : plan.copies.reduce((n, c) => n + c.size, 0);
    const kind = plan.kind === 'undelete' ? 'undelete' : 'restore-folder';
    const meter = new ProgressMeter(planId, kind, total, bytes, (p) => this.ctx.events('operations:progress', p), this.o.progressIntervalMs, Date.now);
    const changes: Change[] = [];
    let outcome: StepOutcome;
    try {
      meter.start();
      if (plan.kind === 'undelete') {
        outcome = await deleteInBatches(client, plan.bucket, plan.markers, signal, meter);
        for (const key of outcome.done) changes.push({ key, change: 'put' });
      } else {
        outcome = await copyVersionsBack(client, plan.bucket, plan.copies, this.o, signal, meter);
        for (const key of outcome.done) changes.push({ key, change: 'put' });
        const hidden = await deleteInBatches(client, plan.bucket, plan.hides, signal, meter);
        for (const key of hidden.done) changes.push({ key, change: 'delete' });
        outcome = { done: [...outcome.done, ...hidden.done], failed: [...outcome.failed, ...hidden.failed], notRun: outcome.notRun + hidden.notRun };
      }
      meter.finish();
      // Failed batches may have been applied in part: drop their keys too, so nothing stale stays cached.
      for (const f of outcome.failed) changes.push({ key: f.key, change: 'delete' });
    } finally {
      this.running.delete(planId);
      this.ctx.invalidate(plan.connectionId, plan.bucket, changes);
    }
    return { planId, done: outcome.done.length, failed: outcome.failed, notRun: outcome.notRun, cancelled: signal.aborted };
  }

  /** Stop a running plan (see run); false when it is not running. */
  cancel(planId: string): boolean {
    const controller = this.running.get(planId);
    controller?.abort();
    return controller !== undefined;
  }

  discard(planId: string): boolean {
    return this.plans.delete(planId);
  }

  private store(plan: StoredPlan): string {
    const cutoff = Date.now() - this.o.planTtlMs;
    for (const [id, p] of this.plans) if (p.createdAt < cutoff) this.plans.delete(id);
    const id = randomUUID();
    this.plans.set(id, plan);
    return id;
  }

  private take(planId: string): StoredPlan {
    const plan = this.plans.get(planId);
    this.plans.delete(planId);
    if (!plan || plan.createdAt < Date.now() - this.o.planTtlMs) throw codedError('Conflict', 'that plan expired or already ran; plan again');
    return plan;
  }

  /** A version listing through the keyed cache; denied listings get a message that names the permission. */
  private async cached(connectionId: string, bucket: string, op: VersionOp, key: string, refresh: boolean): Promise<CachedVersions> {
    if (!refresh) {
      const hit = this.ctx.cache.getVersions(connectionId, bucket, op, key);
      if (hit) return hit;
    }
    const client: S3Client = this.ctx.clientFor(connectionId, bucket);
    let listed: { versions: ObjectVersion[]; prefixes: string[] };
    try {
      listed = await listAllVersions(client, { bucket, prefix: op === 'versions' ? key : folderPrefix(key), shallow: op === 'version-folder' });
    } catch (error) {
      const app = toAppError(error, 'ListObjectVersions');
      if (app.code === 'AccessDenied') {
        throw codedError('AccessDenied', 'these credentials may not list versions (s3:ListBucketVersions); browsing is not affected');
      }
      throw error;
    }
    // S3 has no exact-key filter: the key went as the prefix, so drop longer keys ("a.txt.bak" for "a.txt").
    const value: CachedVersions = op === 'versions' ? { versions: listed.versions.filter((v) => v.key === key), prefixes: [] } : listed;
    this.ctx.cache.setVersions(connectionId, bucket, op, key, value);
    return value;
  }
}

/** "" stays the whole bucket; anything else is a folder, so "a" must not also list "ab/". */
function folderPrefix(prefix: string): string {
  return prefix === '' || isFolderKey(prefix) ? prefix : `${prefix}/`;
}


