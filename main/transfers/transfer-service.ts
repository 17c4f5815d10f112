/**
 * Downloads, uploads and drag-out staging on top of the queue. Plans a batch (expand folders, map every key to
 * a safe path, find conflicts), then queues one job per file. Uploads report each new key through the core's
 * single invalidation path, coalesced over a few milliseconds so a 10,000-file upload does not send 10,000
 * cache:changed events; an item is reported done only after its invalidation went out.
 */
import { randomUUID } from 'node:crypto';
import { lstat, mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import type { DragOptions } from '../../shared/drag-stream';
import type { AppError } from '../../shared/errors';
import { basename, canonicalPrefix, isFolderKey, parentOf } from '../../shared/keys';
import type {
  ConflictPolicy,
  EnqueueOutcome,
  RefusedItem,
  SelectedItem,
  StageOutcome,
  TransferItem,
  TransferTotals,
} from '../../shared/transfers';
import type { CoreContext } from '../ipc/context';
import { HandlerError } from '../ipc/context';
import { toAppError } from '../s3/errors';
import type { DialogAdapter, DragAdapter } from './adapters';
import { DEFAULT_DOWNLOAD_TUNING, downloadObject, type DownloadTuning, type ObjectSpec, TransferError } from './download-object';
import { createSmallFiles } from './small-files';
import { Limiter } from './limiter';
import { listLevel, listTree } from './list-tree';
import { type JobSpec, TransferQueue } from './queue';
import { DEFAULT_RULES, numberedName, type PathRules, relativeTo, targetFor } from './safe-path';
import { appTempName, sweepStaleParts } from './temp-sweep';
import { DEFAULT_UPLOAD_TUNING, uploadFile, type UploadTuning } from './upload-file';

export interface TransferOptions {
  readonly download: DownloadTuning;
  readonly upload: UploadTuning;
  /** Files transferred at once. */
  readonly fileConcurrency: number;
  /** HTTP requests (GETs, PUTs, multipart uploads) in flight at once across all transfers. */
  readonly requestConcurrency: number;
  /** Progress events at most this often. */
  readonly throttleMs: number;
  readonly rules: PathRules;
  /** Where drag-out staging and streamed uploads keep temp files. */
  readonly tempDir: string;
  /** Drag-out stages larger than this are refused with a message suggesting Download. */
  readonly stageLimitBytes: number;
  /** How long staged files outlive the drag (the OS may copy them after the drop completes). */
  readonly stageGraceMs: number;
  /**
   * Single files at least this large are dragged out by Chromium's DownloadURL (fetched when dropped, no size
   * limit) instead of being staged; null where Chromium has no DownloadURL drags (Linux). Set by the app per OS.
   */
  readonly dragStreamAboveBytes: number | null;
  readonly dialogs?: DialogAdapter;
  readonly drag?: DragAdapter;
}

export const DEFAULT_TRANSFER_OPTIONS: TransferOptions = {
  download: DEFAULT_DOWNLOAD_TUNING,
  upload: DEFAULT_UPLOAD_TUNING,
  // Small files are bound by per-request latency (client, server, file system), not bandwidth: more in flight
  // keeps both cores busy; big objects still use at most download.partConcurrency ranges each.
  fileConcurrency: 32,
  requestConcurrency: 32,
  throttleMs: 250,
  rules: DEFAULT_RULES,
  /** Replaced per service by a fresh folder (two cores in one process never share temp files). */
  tempDir: '',
  stageLimitBytes: 512 * 1024 * 1024,
  stageGraceMs: 60_000,
  dragStreamAboveBytes: null,
};

export interface DownloadRequest {
  readonly connectionId: string;
  readonly bucket: string;
  readonly items: readonly SelectedItem[];
  readonly destination: string;
  readonly conflict: ConflictPolicy;
}

export interface UploadRequest {
  readonly connectionId: string;
  readonly bucket: string;
  readonly prefix: string;
  readonly paths: readonly string[];
  readonly streams?: readonly string[];
  readonly conflict: ConflictPolicy;
}

interface PlannedDownload {
  readonly object: ObjectSpec;
  readonly target: string;
  readonly note: string | null;
  readonly folderMarker: boolean;
}

interface PlannedUpload {
  readonly key: string;
  readonly localPath: string;
  readonly size: number;
  readonly stream?: string;
  /** An empty local folder: uploaded as a zero-byte folder marker ("name/"), as S3 consoles create them. */
  readonly folder?: true;
}

interface Stream {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly file: string;
  received: number;
  closed: boolean;
}

/** A complete, verified download waiting in the temp folder for Chromium to read; release() deletes it. */
export interface DragFile {
  readonly path: string;
  readonly size: number;
  release(): Promise<void>;
}

interface Stage {
  readonly id: string;
  readonly dir: string;
  readonly paths: readonly string[];
  timer?: NodeJS.Timeout;
}

const UTF8 = new TextEncoder();

export class TransferService {
  readonly queue: TransferQueue;
  private readonly options: TransferOptions;
  private readonly requests: Limiter;
  /** Small downloads are written, small uploads read, on a worker thread (see small-files.ts). */
  private readonly smallFiles = createSmallFiles();
  private readonly streams = new Map<string, Stream>();
  private readonly stages = new Map<string, Stage>();
  private readonly invalidations = new Map<string, { connectionId: string; bucket: string; keys: string[]; waiters: Array<() => void> }>();
  private invalidationTimer: NodeJS.Timeout | null = null;
  /** Folders the user picked in the native folder dialog (download destinations are limited to these). */
  private readonly grantedFolders = new Set<string>();

  constructor(
    private readonly ctx: CoreContext,
    options: Partial<TransferOptions> = {},
  ) {
    const merged = { ...DEFAULT_TRANSFER_OPTIONS, ...options };
    this.options = merged.tempDir ? merged : { ...merged, tempDir: path.join(os.tmpdir(), appTempName(process.pid, randomUUID().slice(0, 8))) };
    this.requests = new Limiter(this.options.requestConcurrency);
    this.queue = new TransferQueue({
      concurrency: this.options.fileConcurrency,
      throttleMs: this.options.throttleMs,
      onProgress: (event) => ctx.events('transfers:progress', event),
      onBatchDone: (event) => {
        ctx.events('transfers:batch', event);
        const verb = event.direction === 'download' ? 'Download' : 'Upload';
        const problems = event.failed ? `, ${event.failed} failed` : '';
        this.options.dialogs?.notify(`${verb} finished`, `${event.done} done${event.skipped ? `, ${event.skipped} skipped` : ''}${problems}`);
      },
      toError: appErrorOf,
    });
  }

  list(): { items: TransferItem[]; totals: TransferTotals } {
    return this.queue.list();
  }

  // ── downloads ──

  async download(req: DownloadRequest): Promise<EnqueueOutcome> {
    this.smallFiles.warm();
    const destination = await this.checkDestination(req.destination);
    // Part files a crashed S3 Desk left in this folder (one readdir; sub-folders are not walked).
    await sweepStaleParts(destination);
    const { planned, refused } = await this.planDownload(req.connectionId, req.bucket, req.items, destination);
    const existing = new Set<string>();
    if (req.conflict !== 'overwrite') {
      for (const p of planned) if (!p.folderMarker && (await exists(p.target))) existing.add(p.target);
    }
    if (req.conflict === 'ask' && existing.size > 0) {
      return { status: 'conflicts', count: existing.size, sample: [...existing].slice(0, 5).map((t) => path.relative(destination, t)) };
    }
    const jobs: JobSpec[] = planned.map((p) => this.downloadJob(req.connectionId, p, req.conflict));
    for (const r of refused) jobs.push(refusedJob('download', req.connectionId, req.bucket, r));
    const { batchId } = this.queue.add(jobs, 'download');
    return { status: 'queued', batchId, queued: jobs.length - refused.length, refused };
  }

  private async checkDestination(destination: string): Promise<string> {
    if (!path.isAbsolute(destination)) throw invalid('the destination must be an absolute folder path');
    // With native dialogs (the app), downloads go only where the user picked a folder in one: a compromised
    // renderer cannot aim a download at ~/.bashrc. Headless callers (tests, benchmarks) have no dialogs.
    if (this.options.dialogs && !this.isGranted(destination))
      throw new HandlerError({ code: 'AccessDenied', message: 'downloads go only into a folder chosen in the folder picker' });
    const s = await stat(destination).catch(() => null);
    if (!s?.isDirectory()) throw invalid(`the destination folder does not exist: ${destination}`);
    return path.resolve(destination);
  }

  private async planDownload(connectionId: string, bucket: string, items: readonly SelectedItem[], destination: string) {
    const client = this.ctx.clientFor(connectionId, bucket);
    const planned: PlannedDownload[] = [];
    const refused: RefusedItem[] = [];
    for (const item of items) {
      const base = parentOf(item.key);
      const objects: ObjectSpec[] = [];
      if (item.kind === 'folder' || isFolderKey(item.key)) {
        const tree = await listTree(client, bucket, canonicalPrefix(item.key));
        for (const o of tree) objects.push({ bucket, key: o.key, size: o.size, etag: o.etag });
        // An empty folder (nothing under it, or only its marker) still appears at the destination.
        if (objects.length === 0)
          objects.push({ bucket, key: canonicalPrefix(item.key), size: 0, etag: '' });
      } else {
        try {
          objects.push(await this.objectSpec(connectionId, bucket, item.key));
        } catch (error) {
          // One vanished or forbidden object should not sink the rest of the selection.
          refused.push({ key: item.key, reason: toAppError(error, item.key).message });
          continue;
        }
      }
      for (const object of objects) {
        const target = targetFor(destination, relativeTo(base, object.key), this.options.rules);
        if (!target.ok) refused.push({ key: object.key, reason: target.reason });
        else planned.push({ object, target: target.path, note: target.note, folderMarker: isFolderKey(object.key) });
      }
    }
    return { planned, refused };
  }

  /** Size and ETag from the listing cache when the key was listed (no request), else one HeadObject. */
  private async objectSpec(connectionId: string, bucket: string, key: string): Promise<ObjectSpec> {
    const cached = this.ctx.cache.getStat(connectionId, bucket, key);
    if (cached?.kind === 'object') return { bucket, key, size: cached.size, etag: cached.etag };
    const head = await this.ctx.clientFor(connectionId, bucket).send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { bucket, key, size: head.ContentLength ?? 0, etag: head.ETag ?? '' };
  }

  private downloadJob(connectionId: string, p: PlannedDownload, conflict: ConflictPolicy): JobSpec {
    return {
      direction: 'download',
      connectionId,
      bucket: p.object.bucket,
      key: p.object.key,
      localPath: p.target,
      size: p.object.size,
      note: p.note,
      run: async (job) => {
        if (p.folderMarker) {
          await mkdir(p.target, { recursive: true });
          return 'done';
        }
        if (conflict === 'skip' && (await exists(p.target))) {
          job.setNote('skipped: a file with this name exists');
          return 'skipped';
        }
        const final = await downloadObject({
          client: this.ctx.clientFor(connectionId, p.object.bucket),
          object: p.object,
          target: p.target,
          tuning: this.options.download,
          signal: job.signal,
          requests: this.requests,
          writer: this.smallFiles,
          onBytes: job.progress,
          // Re-checked just before the rename: a file that appeared meanwhile is never silently replaced
          // unless the policy says overwrite ('ask' found no conflict at planning time, so it keeps both).
          commit: async (target) => {
            if (conflict === 'overwrite' || !(await exists(target))) return target;
            if (conflict === 'skip') return null;
            return freeName(target);
          },
        });
        if (final === null) {
          job.setNote('skipped: a file with this name appeared meanwhile');
          return 'skipped';
        }
        if (final !== p.target) {
          job.setLocalPath(final);
          job.setNote(`saved as ${path.basename(final)}`);
        }
        return 'done';
      },
    };
  }

  private isGranted(destination: string): boolean {
    const target = path.resolve(destination);
    for (const folder of this.grantedFolders) {
      const rel = path.relative(folder, target);
      if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) return true;
    }
    return false;
  }

  // ── uploads ──

  async upload(req: UploadRequest): Promise<EnqueueOutcome> {
    this.smallFiles.warm();
    const prefix = canonicalPrefix(req.prefix);
    const { planned, refused } = await this.planUpload(prefix, req.paths, req.streams ?? []);
    let existing = new Set<string>();
    if (req.conflict !== 'overwrite' && planned.length > 0) existing = await this.existingKeys(req.connectionId, req.bucket, prefix, planned);
    const conflicts = planned.filter((p) => existing.has(p.key));
    if (req.conflict === 'ask' && conflicts.length > 0) {
      return { status: 'conflicts', count: conflicts.length, sample: conflicts.slice(0, 5).map((c) => c.key.slice(prefix.length)) };
    }
    const taken = new Set([...existing, ...planned.map((p) => p.key)]);
    const jobs: JobSpec[] = [];
    for (const p of planned) {
      let key = p.key;
      let note: string | null = null;
      if (existing.has(key)) {
        if (req.conflict === 'skip') {
          jobs.push(skippedJob(req.connectionId, req.bucket, p, () => this.releaseStream(p.stream)));
          continue;
        }
        if (req.conflict === 'keep-both') {
          key = freeKey(key, taken);
          taken.add(key);
          note = `uploaded as ${basename(key)}`;
        }
      }
      jobs.push(this.uploadJob(req.connectionId, req.bucket, { ...p, key }, note));
    }
    for (const r of refused) jobs.push(refusedJob('upload', req.connectionId, req.bucket, r));
    const { batchId } = this.queue.add(jobs, 'upload');
    return { status: 'queued', batchId, queued: jobs.length - refused.length, refused };
  }

  private async planUpload(prefix: string, paths: readonly string[], streamIds: readonly string[]) {
    const planned: PlannedUpload[] = [];
    const refused: RefusedItem[] = [];
    const plan = (p: PlannedUpload) => {
      if (UTF8.encode(p.key).length > 1024) refused.push({ key: p.key, reason: 'refused: the key would be longer than 1,024 bytes' });
      else planned.push(p);
    };
    const add = (key: string, localPath: string, size: number, stream?: string) => plan({ key, localPath, size, ...(stream ? { stream } : {}) });
    const addFolder = (key: string, localPath: string) => plan({ key, localPath, size: 0, folder: true });
    for (const p of paths) {
      if (!path.isAbsolute(p)) throw invalid(`not an absolute path: ${p}`);
      const s = await stat(p).catch(() => null);
      if (!s) {
        refused.push({ key: prefix + path.basename(p), reason: `cannot read ${p}` });
        continue;
      }
      if (s.isFile()) add(prefix + path.basename(p), p, s.size);
      else if (s.isDirectory()) {
        const top = prefix + path.basename(p);
        const found = await walk(p);
        if (found.length === 0) addFolder(`${top}/`, p);
        for (const f of found) {
          const key = [top, ...f.relative].join('/');
          if (f.folder) addFolder(`${key}/`, f.path);
          else add(key, f.path, f.size);
        }
      }
    }
    for (const id of streamIds) {
      const s = this.streams.get(id);
      if (!s?.closed) throw invalid(`upload stream ${id} is not complete`);
      const segments = s.name.split(/[\\/]/).filter((x) => x !== '' && x !== '.');
      if (segments.length === 0 || segments.includes('..')) {
        refused.push({ key: prefix + s.name, reason: 'refused: the dropped file name is not a plain relative path' });
        continue;
      }
      add(prefix + segments.join('/'), s.file, s.size, id);
    }
    return { planned, refused };
  }

  /** Which planned keys already exist: one listing per top-level folder/file set, never a HEAD per file. */
  private async existingKeys(connectionId: string, bucket: string, prefix: string, planned: readonly PlannedUpload[]): Promise<Set<string>> {
    const client = this.ctx.clientFor(connectionId, bucket);
    const tops = new Set<string>();
    let direct = false;
    for (const p of planned) {
      const rest = p.key.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) direct = true;
      else tops.add(prefix + rest.slice(0, slash + 1));
    }
    const found = new Set<string>();
    if (direct) for (const k of await listLevel(client, bucket, prefix)) found.add(k);
    for (const top of tops) for (const o of await listTree(client, bucket, top)) found.add(o.key);
    return found;
  }

  private uploadJob(connectionId: string, bucket: string, p: PlannedUpload, note: string | null): JobSpec {
    return {
      ...uploadItem(connectionId, bucket, p, note),
      run: async (job) => {
        // One call: the file's size now, and its bytes when it goes up in a single PutObject.
        const current = p.folder ? { size: 0, data: Buffer.alloc(0) } : await this.smallFiles.readSmall(p.localPath, this.options.upload.partSize);
        job.setSize(current.size);
        await uploadFile({
          client: this.ctx.clientFor(connectionId, bucket),
          bucket,
          key: p.key,
          localPath: p.localPath,
          size: current.size,
          ...(current.data ? { body: current.data } : {}),
          // What S3 consoles and rclone give a folder marker.
          ...(p.folder ? { contentType: 'application/x-directory' } : {}),
          tuning: this.options.upload,
          signal: job.signal,
          requests: this.requests,
          onBytes: job.progress,
        });
        // The bytes are up: the next file may start while this one waits for its coalesced invalidation.
        job.releaseSlot();
        await this.invalidatePut(connectionId, bucket, p.key);
        return 'done';
      },
      dispose: () => this.releaseStream(p.stream),
    };
  }

  /** Report a put through ctx.invalidate, coalesced: resolves once the change went out. */
  private invalidatePut(connectionId: string, bucket: string, key: string): Promise<void> {
    const id = JSON.stringify([connectionId, bucket]);
    let group = this.invalidations.get(id);
    if (!group) this.invalidations.set(id, (group = { connectionId, bucket, keys: [], waiters: [] }));
    group.keys.push(key);
    const done = new Promise<void>((resolve) => group.waiters.push(resolve));
    this.invalidationTimer ??= setTimeout(() => this.flushInvalidations(), 20);
    return done;
  }

  private flushInvalidations(): void {
    this.invalidationTimer = null;
    const groups = [...this.invalidations.values()];
    this.invalidations.clear();
    for (const g of groups) {
      this.ctx.invalidate(g.connectionId, g.bucket, g.keys.map((key) => ({ key, change: 'put' as const })));
      for (const w of g.waiters) w();
    }
  }

  // ── streamed uploads (files dropped without a local path) ──

  async openStream(name: string, size: number): Promise<{ streamId: string }> {
    const id = randomUUID();
    const dir = path.join(this.options.tempDir, 'streams');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, id);
    await (await open(file, 'wx')).close();
    this.streams.set(id, { id, name, size, file, received: 0, closed: false });
    return { streamId: id };
  }

  async writeStream(streamId: string, offset: number, data: Buffer): Promise<{ received: number }> {
    const s = this.streams.get(streamId);
    if (!s || s.closed) throw invalid(`no open upload stream ${streamId}`);
    if (offset !== s.received) throw invalid(`upload stream ${streamId}: expected offset ${s.received}, got ${offset}`);
    if (s.received + data.length > s.size) throw invalid(`upload stream ${streamId}: more bytes than announced`);
    const fh = await open(s.file, 'r+');
    try {
      await fh.write(data, 0, data.length, offset);
    } finally {
      await fh.close();
    }
    s.received += data.length;
    return { received: s.received };
  }

  async closeStream(streamId: string, abort = false): Promise<{ size: number }> {
    const s = this.streams.get(streamId);
    if (!s || s.closed) throw invalid(`no open upload stream ${streamId}`);
    if (abort || s.received !== s.size) {
      await this.releaseStream(streamId);
      if (abort) return { size: 0 };
      throw invalid(`upload stream ${streamId}: got ${s.received} of ${s.size} bytes`);
    }
    s.closed = true;
    return { size: s.size };
  }

  private async releaseStream(id: string | undefined): Promise<void> {
    if (!id) return;
    const s = this.streams.get(id);
    if (!s) return;
    this.streams.delete(id);
    await rm(s.file, { force: true });
  }

  // ── drag-out staging ──

  /**
   * Download a selection completely (verified, renamed into place) into a fresh temp folder, for the OS drag.
   * Runs outside the visible queue but through the same engine and request limit.
   */
  async stage(connectionId: string, bucket: string, items: readonly SelectedItem[], signal?: AbortSignal): Promise<StageOutcome> {
    const id = randomUUID();
    const dir = path.join(this.options.tempDir, 'drag', id);
    await mkdir(dir, { recursive: true });
    try {
      const { planned, refused } = await this.planDownload(connectionId, bucket, items, dir);
      const bytes = planned.reduce((sum, p) => sum + p.object.size, 0);
      if (bytes > this.options.stageLimitBytes) {
        await rm(dir, { recursive: true, force: true });
        const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
        return {
          status: 'too-large',
          bytes,
          limit: this.options.stageLimitBytes,
          message: `The selection is ${mb(bytes)}; dragging out is limited to ${mb(this.options.stageLimitBytes)}. Use Download instead.`,
        };
      }
      const controller = new AbortController();
      const onAbort = () => controller.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      const files = new Limiter(this.options.fileConcurrency);
      try {
        await Promise.all(
          planned.map((p) =>
            files.run(async () => {
              if (p.folderMarker) return void (await mkdir(p.target, { recursive: true }));
              await downloadObject({
                client: this.ctx.clientFor(connectionId, bucket),
                object: p.object,
                target: p.target,
                tuning: this.options.download,
                signal: controller.signal,
                requests: this.requests,
                writer: this.smallFiles,
              });
            }).catch((error: unknown) => {
              controller.abort();
              throw error;
            }),
          ),
        );
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
      // The drag carries the top-level names of what was selected, as they exist in the stage folder.
      const top = new Set<string>();
      for (const p of planned) top.add(path.join(dir, path.relative(dir, p.target).split(path.sep)[0]!));
      this.stages.set(id, { id, dir, paths: [...top] });
      return { status: 'ready', stageId: id, files: planned.filter((p) => !p.folderMarker).length, bytes, refused };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  stagedPaths(stageId: string): readonly string[] {
    const s = this.stages.get(stageId);
    if (!s) throw invalid(`no staged drag ${stageId}`);
    return s.paths;
  }

  startDrag(stageId: string): { paths: readonly string[] } {
    const paths = this.stagedPaths(stageId);
    if (!this.options.drag) throw new HandlerError({ code: 'Unknown', message: 'dragging out is not available here' });
    this.options.drag.startDrag(paths);
    return { paths };
  }

  /** The drag ended: delete the staged files after a grace period (the OS may still be copying them). */
  releaseStage(stageId: string): void {
    const s = this.stages.get(stageId);
    if (!s || s.timer) return;
    const drop = () => {
      this.stages.delete(stageId);
      void rm(s.dir, { recursive: true, force: true });
    };
    if (this.options.stageGraceMs <= 0) return drop();
    s.timer = setTimeout(drop, this.options.stageGraceMs);
    s.timer.unref?.();
  }

  /** Wait until a released stage is gone (tests). */
  async removeStageNow(stageId: string): Promise<void> {
    const s = this.stages.get(stageId);
    if (!s) return;
    if (s.timer) clearTimeout(s.timer);
    this.stages.delete(stageId);
    await rm(s.dir, { recursive: true, force: true });
  }

  // ── drag-out by streaming (DownloadURL: Windows, macOS) ──

  dragOptions(): DragOptions {
    return { streamAboveBytes: this.options.dragStreamAboveBytes, stageLimitBytes: this.options.stageLimitBytes };
  }

  /**
   * The user dropped a DownloadURL drag and Chromium asks for the object: download it as a visible queue item
   * (progress, cancel) into a temp folder, complete and verified, before a single byte goes to Chromium. So a
   * network failure fails the drop instead of leaving a short file there. `signal`: Chromium gave up.
   */
  async fetchForDrag(connectionId: string, bucket: string, key: string, signal: AbortSignal): Promise<DragFile> {
    if (isFolderKey(key)) throw invalid('only files are dragged out by DownloadURL');
    const object = await this.objectSpec(connectionId, bucket, key);
    const dir = path.join(this.options.tempDir, 'drag-stream', randomUUID());
    const release = () => rm(dir, { recursive: true, force: true });
    const planned: PlannedDownload = { object, target: path.join(dir, 'object'), note: 'dragged out', folderMarker: false };
    const job = this.downloadJob(connectionId, planned, 'overwrite');
    let wanted = true;
    const { ids } = this.queue.add(
      [
        {
          ...job,
          // Retrying from the panel after Chromium gave up would fetch bytes nobody takes.
          run: (ctx) => (wanted ? job.run(ctx) : Promise.reject(invalid('this drag-out has ended: drag the file out again'))),
        },
      ],
      'download',
    );
    const id = ids[0]!;
    const onAbort = () => this.queue.cancel([id]);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    try {
      const item = await this.queue.whenSettled(id);
      if (item?.state !== 'done') throw new HandlerError(item?.error ?? { code: 'Cancelled', message: 'the drag-out was cancelled' });
      return { path: planned.target, size: object.size, release };
    } catch (error) {
      await release();
      throw error;
    } finally {
      wanted = false;
      signal.removeEventListener('abort', onAbort);
    }
  }

  // ── dialogs ──

  async pickFolder(): Promise<{ path: string | null }> {
    if (!this.options.dialogs) return { path: null };
    const picked = await this.options.dialogs.pickFolder({ title: 'Download to folder' });
    if (picked) this.grantedFolders.add(path.resolve(picked));
    return { path: picked };
  }

  async pickUploadPaths(folders: boolean): Promise<{ paths: string[] }> {
    if (!this.options.dialogs) return { paths: [] };
    return { paths: await this.options.dialogs.pickUploadPaths({ folders }) };
  }

  /** Cancel everything and remove every temp file (staged drags, streamed uploads). */
  async dispose(): Promise<void> {
    this.queue.dispose();
    await this.queue.whenIdle();
    if (this.invalidationTimer) {
      clearTimeout(this.invalidationTimer);
      this.flushInvalidations();
    }
    for (const s of this.stages.values()) if (s.timer) clearTimeout(s.timer);
    this.stages.clear();
    this.streams.clear();
    await this.smallFiles.close();
    await rm(this.options.tempDir, { recursive: true, force: true });
  }
}

/** The app error for anything a transfer throws (engine, handler, local file system or S3). */
export function appErrorOf(error: unknown, context = 'transfer'): AppError {
  if (error instanceof TransferError) return error.appError;
  if (error instanceof HandlerError) return error.appError;
  const e = error as { code?: string; message?: string };
  if (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code)) return { code: 'Unknown', message: `local file system: ${e.message ?? e.code}` };
  return toAppError(error, context);
}

function invalid(message: string): HandlerError {
  return new HandlerError({ code: 'InvalidInput', message });
}

async function exists(p: string): Promise<boolean> {
  return (await lstat(p).catch(() => null)) !== null;
}

async function freeName(target: string): Promise<string> {
  const dir = path.dirname(target);
  const name = path.basename(target);
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, numberedName(name, n));
    if (!(await exists(candidate))) return candidate;
  }
}

function freeKey(key: string, taken: ReadonlySet<string>): string {
  const folder = parentOf(key);
  const name = basename(key);
  for (let n = 1; ; n++) {
    const candidate = folder + numberedName(name, n);
    if (!taken.has(candidate)) return candidate;
  }
}

function refusedJob(direction: 'download' | 'upload', connectionId: string, bucket: string, r: RefusedItem): JobSpec {
  return {
    direction,
    connectionId,
    bucket,
    key: r.key,
    localPath: null,
    size: 0,
    note: r.reason,
    run: () => Promise.reject(new HandlerError({ code: 'InvalidInput', message: r.reason })),
  };
}

/** What the queue shows of a planned upload, whatever then runs for it. */
function uploadItem(connectionId: string, bucket: string, p: PlannedUpload, note: string | null) {
  return {
    direction: 'upload',
    connectionId,
    bucket,
    key: p.key,
    localPath: p.stream ? null : p.localPath,
    size: p.size,
    note,
  } as const;
}

function skippedJob(connectionId: string, bucket: string, p: PlannedUpload, release: () => void): JobSpec {
  return {
    ...uploadItem(connectionId, bucket, p, 'skipped: the key exists'),
    run: () => Promise.resolve('skipped'),
    dispose: release,
  };
}

/**
 * Files under a folder, recursively, and the folders under it that hold nothing (they become folder markers;
 * a folder with content needs none). Symlinked folders are not followed: no loops.
 */
async function walk(root: string): Promise<Array<{ path: string; relative: string[]; size: number; folder?: true }>> {
  const out: Array<{ path: string; relative: string[]; size: number; folder?: true }> = [];
  const visit = async (dir: string, rel: string[]) => {
    const entries = await readdir(dir, { withFileTypes: true });
    if (entries.length === 0 && rel.length > 0) out.push({ path: dir, relative: rel, size: 0, folder: true });
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await visit(full, [...rel, entry.name]);
      else if (entry.isFile()) out.push({ path: full, relative: [...rel, entry.name], size: (await stat(full)).size });
      else if (entry.isSymbolicLink()) {
        const s = await stat(full).catch(() => null);
        if (s?.isFile()) out.push({ path: full, relative: [...rel, entry.name], size: s.size });
      }
    }
  };
  await visit(root, []);
  return out;
}
