/**
 * The transfers feature's facade: one queue, one request limit and one small-file writer shared by downloads
 * (downloads.ts, download-plan.ts), uploads (uploads.ts, upload-plan.ts, upload-streams.ts), drag-out by
 * staging (drag-stage.ts) or by DownloadURL (drag-fetch.ts), the granted-folder list and the coalesced
 * invalidation of uploaded keys, the transfer journal (journal/: what survives a quit or crash) and the
 * bandwidth limits. Each concern lives in its own file; this only wires them.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DragOptions } from '../../shared/drag-stream';
import type { EnqueueOutcome, SelectedItem, StageOutcome, TransferItem, TransferTotals, UnfinishedReport } from '../../shared/transfers';
import type { CoreContext } from '../core/context';
import { codedError } from '../core/app-error';
import { toAppError } from '../core/to-app-error';
import type { RestoreRequest } from '../../shared/properties';
import { ArchivedDownloads } from './archived-downloads';
import type { ChunkPace } from '../operations/object-copy';
import { BandwidthLimit, throughPace } from './bandwidth';
import { CoalescedInvalidation } from './coalesced-invalidation';
import { discardPart } from './download-object';
import { type DragFile, fetchForDrag } from './drag-fetch';
import { DragStages } from './drag-stage';
import { enqueueDownload } from './downloads';
import { type FetchFileRequest, fetchFile, runJob } from './fetch-file';
import type { ObjectSpec } from './download-object';
import type { JobSpec } from './queue';
import { GrantedFolders } from './granted-folders';
import { IncompleteUploads } from './incomplete-uploads';
import { journaledDownloadJob } from './journal/journaled-download';
import { journaledUploadJob } from './journal/journaled-upload';
import { abortQuietly } from './journal/resumable-upload';
import { TransferJournal } from './journal/transfer-journal';
import { Limiter } from './limiter';
import { TransferQueue } from './queue';
import { enqueueS3Copies, type S3CopyItem } from './s3-copies';
import { createSmallFiles } from './small-files';
import { appTempName, sweepStaleParts } from './temp-sweep';
import {
  type BandwidthLimits,
  DEFAULT_TRANSFER_OPTIONS,
  type DownloadRequest,
  type TransferOptions,
  type UploadRequest,
} from './transfer-options';
import { enqueueUpload, type UploadDeps } from './uploads';
import { UploadStreams } from './upload-streams';

export type { DragFile } from './drag-fetch';
export { type BandwidthLimits, DEFAULT_TRANSFER_OPTIONS, type DownloadRequest, type TransferOptions, type UploadRequest } from './transfer-options';

export class TransferService {
  readonly queue: TransferQueue;
  /** The incomplete-multipart-uploads view and its abort plans. */
  readonly incomplete: IncompleteUploads;
  private readonly deps: UploadDeps;
  private readonly streams: UploadStreams;
  private readonly stages: DragStages;
  private readonly invalidation: CoalescedInvalidation;
  private readonly granted = new GrantedFolders();
  private readonly requests: Limiter;
  private readonly journal: Promise<TransferJournal | null>;
  private readonly bandwidth: { readonly download: BandwidthLimit; readonly upload: BandwidthLimit };
  private readonly archived: ArchivedDownloads;

  constructor(ctx: CoreContext, options: Partial<TransferOptions> = {}) {
    const merged = { ...DEFAULT_TRANSFER_OPTIONS, ...options };
    const resolved = merged.tempDir ? merged : { ...merged, tempDir: path.join(os.tmpdir(), appTempName(process.pid, randomUUID().slice(0, 8))) };
    this.streams = new UploadStreams(resolved.tempDir);
    this.invalidation = new CoalescedInvalidation(ctx);
    this.requests = new Limiter(resolved.requestConcurrency);
    this.incomplete = new IncompleteUploads(ctx);
    // A journal that cannot be opened at all (an unreadable folder) means no resume, never a failed start.
    this.journal = resolved.journalDir ? TransferJournal.open(resolved.journalDir).catch(() => null) : Promise.resolve(null);
    this.bandwidth = {
      download: new BandwidthLimit(resolved.bandwidth?.download ?? null),
      upload: new BandwidthLimit(resolved.bandwidth?.upload ?? null),
    };
    this.archived = new ArchivedDownloads(ctx, resolved.restorePollMs);
    this.deps = {
      archived: this.archived,
      journal: this.journal,
      bandwidth: this.bandwidth,
      ctx,
      options: resolved,
      requests: this.requests,
      smallFiles: createSmallFiles(),
      streams: this.streams,
      invalidation: this.invalidation,
    };
    this.stages = new DragStages(this.deps);
    this.queue = new TransferQueue({
      concurrency: resolved.fileConcurrency,
      throttleMs: resolved.throttleMs,
      onProgress: (event) => ctx.events('transfers:progress', event),
      onBatchDone: (event) => {
        ctx.events('transfers:batch', event);
        const verb = event.direction === 'download' ? 'Download' : 'Upload';
        const problems = event.failed ? `, ${event.failed} failed` : '';
        resolved.dialogs?.notify(`${verb} finished`, `${event.done} done${event.skipped ? `, ${event.skipped} skipped` : ''}${problems}`);
      },
      toError: (error) => toAppError(error, 'transfer'),
    });
  }

  list(): { items: TransferItem[]; totals: TransferTotals } {
    return this.queue.list();
  }

  download(req: DownloadRequest): Promise<EnqueueOutcome> {
    // The configured download folder counts as chosen: the user picked it (or it is the OS Downloads folder).
    const configured = this.deps.options.downloadFolders?.folder();
    if (configured) this.granted.add(configured);
    return enqueueDownload(this.deps, this.queue, this.granted, req);
  }

  /** Files at once and HTTP requests in flight (the Settings page); applies to running transfers too. */
  setConcurrency(files: number, requests: number): void {
    this.queue.setConcurrency(files);
    this.requests.setLimit(requests);
  }

  /** Failed archived downloads: restore, wait, download (see archived-downloads.ts). Returns how many. */
  restoreAndDownload(ids: readonly string[], restore: RestoreRequest): number {
    const wanted = new Set(ids);
    const items = this.queue.list().items.filter((i) => wanted.has(i.id));
    return this.queue.retry(this.archived.request(items, restore));
  }

  upload(req: UploadRequest): Promise<EnqueueOutcome> {
    return enqueueUpload(this.deps, this.queue, req);
  }

  /** Queue S3→S3 copies across connections (bytes through the app) as transfer items. */
  copyAcross(items: readonly S3CopyItem[]): { batchId: string; ids: string[]; queued: number } {
    return enqueueS3Copies(this.deps, this.queue, items);
  }

  /** What a previous run left unfinished, and a journal set aside at start (if any). */
  async unfinished(): Promise<UnfinishedReport> {
    const journal = await this.journal;
    return journal ? journal.unfinished() : { items: [], setAside: null };
  }

  /** Queue unfinished transfers again, from what they kept; resolves with how many were queued. */
  async resumeUnfinished(ids?: readonly string[]): Promise<{ count: number }> {
    const journal = await this.journal;
    if (!journal) return { count: 0 };
    const entries = journal.restoredEntries(ids);
    journal.release(entries.map((e) => e.id));
    const downloads = entries.flatMap((e) => (e.direction === 'download' ? [{ ...e, state: 'queued' as const }] : []));
    const uploads = entries.flatMap((e) => (e.direction === 'upload' ? [{ ...e, state: 'queued' as const }] : []));
    // What the crash left beside these part files (a half-written sidecar), but never a journaled part.
    for (const dir of new Set(downloads.map((e) => path.dirname(e.target)))) await sweepStaleParts(dir, undefined, journal.keepPaths());
    for (const e of [...downloads, ...uploads]) journal.store.put(e);
    if (downloads.length > 0) this.queue.add(downloads.map((e) => journaledDownloadJob(this.deps, journal, e)), 'download');
    if (uploads.length > 0) this.queue.add(uploads.map((e) => journaledUploadJob(this.deps, journal, e)), 'upload');
    await journal.store.flush().catch(() => {});
    return { count: entries.length };
  }

  /** Forget unfinished transfers and what they kept; resolves with how many. */
  async discardUnfinished(ids?: readonly string[]): Promise<{ count: number }> {
    const journal = await this.journal;
    if (!journal) return { count: 0 };
    const entries = journal.restoredEntries(ids);
    journal.release(entries.map((e) => e.id));
    for (const e of entries) {
      if (e.direction === 'download') await discardPart(e.partPath);
      // An upload the server cannot be reached for stays billed: say so rather than pretend.
      else if (e.uploadId) await abortQuietly(this.deps.ctx.clientFor(e.connectionId, e.bucket), e.bucket, e.key, e.uploadId);
      journal.store.remove(e.id);
    }
    const folders = entries.flatMap((e) => (e.direction === 'download' ? [path.dirname(e.target)] : []));
    for (const dir of new Set(folders)) await sweepStaleParts(dir, undefined, journal.keepPaths());
    await journal.store.flush().catch(() => {});
    return { count: entries.length };
  }

  /** The pace of copies that pass through this machine outside the queue (an operation across connections). */
  throughPace(): ChunkPace {
    return throughPace(this.bandwidth);
  }

  bandwidthLimits(): BandwidthLimits {
    return { download: this.bandwidth.download.bytesPerSecond, upload: this.bandwidth.upload.bytesPerSecond };
  }

  /** Change the limits while transfers run (undefined: leave as is; null: no limit). */
  setBandwidth(limits: Partial<BandwidthLimits>): BandwidthLimits {
    if (limits.download !== undefined) this.bandwidth.download.setRate(limits.download);
    if (limits.upload !== undefined) this.bandwidth.upload.setRate(limits.upload);
    return this.bandwidthLimits();
  }

  openStream(name: string, size: number): Promise<{ streamId: string }> {
    return this.streams.open(name, size);
  }

  writeStream(streamId: string, offset: number, data: Buffer): Promise<{ received: number }> {
    return this.streams.write(streamId, offset, data);
  }

  closeStream(streamId: string, abort = false): Promise<{ size: number }> {
    return this.streams.close(streamId, abort);
  }

  stage(connectionId: string, bucket: string, items: readonly SelectedItem[], signal?: AbortSignal): Promise<StageOutcome> {
    return this.stages.stage(connectionId, bucket, items, signal);
  }

  stagedPaths(stageId: string): readonly string[] {
    return this.stages.paths(stageId);
  }

  startDrag(stageId: string): { paths: readonly string[] } {
    return this.stages.startDrag(stageId);
  }

  releaseStage(stageId: string): void {
    this.stages.release(stageId);
  }

  /** Wait until a released stage is gone (tests). */
  removeStageNow(stageId: string): Promise<void> {
    return this.stages.removeNow(stageId);
  }

  dragOptions(): DragOptions {
    const { dragStreamAboveBytes, stageLimitBytes } = this.deps.options;
    return { streamAboveBytes: dragStreamAboveBytes, stageLimitBytes };
  }

  /** One object into an app-owned path (Open / Edit temp copies), shown in the transfer panel. */
  fetchFile(req: FetchFileRequest): Promise<ObjectSpec> {
    return fetchFile(this.deps, this.queue, req);
  }

  /** A transfer another feature runs itself (Edit's conditional save-back), shown in the panel; throws unless done. */
  runJob(job: JobSpec): Promise<TransferItem> {
    return runJob(this.queue, job);
  }

  fetchForDrag(connectionId: string, bucket: string, key: string, signal: AbortSignal): Promise<DragFile> {
    return fetchForDrag(this.deps, this.queue, connectionId, bucket, key, signal);
  }

  /**
   * The folder for a download: the configured one without a dialog, unless "ask every time" is on (or `ask`
   * is given), then the dialog opens at the last folder picked.
   */
  async pickFolder(ask = false): Promise<{ path: string | null }> {
    const { dialogs, downloadFolders } = this.deps.options;
    if (downloadFolders && !ask && !downloadFolders.askEveryTime()) {
      const folder = downloadFolders.folder();
      // The OS Downloads folder may not exist yet on a fresh account.
      await mkdir(folder, { recursive: true });
      this.granted.add(folder);
      return { path: folder };
    }
    if (!dialogs) return { path: null };
    const defaultPath = downloadFolders?.lastFolder() ?? downloadFolders?.folder();
    const picked = await dialogs.pickFolder({ title: 'Download to folder', ...(defaultPath ? { defaultPath } : {}) });
    if (picked) {
      this.granted.add(picked);
      downloadFolders?.remember(picked);
    }
    return { path: picked };
  }

  /** Show a finished download in the file manager, or open it: only files this app downloaded, by transfer id. */
  async reveal(id: string, how: 'show' | 'open'): Promise<Record<string, never>> {
    const desktop = this.deps.options.desktop;
    const item = this.queue.list().items.find((i) => i.id === id);
    if (!item || item.direction !== 'download' || item.state !== 'done' || item.localPath === null) {
      throw codedError('InvalidInput', 'only a finished download can be shown or opened');
    }
    if (!desktop) throw codedError('Unknown', 'showing files is not available here');
    if (how === 'show') {
      desktop.showItemInFolder(item.localPath);
      return {};
    }
    const problem = await desktop.openPath(item.localPath);
    if (problem) throw codedError('LocalFileError', `${path.basename(item.localPath)} could not be opened: ${problem}`);
    return {};
  }

  async pickUploadPaths(folders: boolean): Promise<{ paths: string[] }> {
    const dialogs = this.deps.options.dialogs;
    if (!dialogs) return { paths: [] };
    return { paths: await dialogs.pickUploadPaths({ folders }) };
  }

  /** Cancel everything and remove every temp file (staged drags, streamed uploads); the journal keeps its entries. */
  async dispose(): Promise<void> {
    const journal = await this.journal;
    // A quit: what is queued or running stays journaled (with its part files) for the next start.
    if (journal) journal.closing = true;
    this.queue.dispose();
    await this.queue.whenIdle();
    await journal?.store.flush().catch(() => {});
    this.invalidation.flushNow();
    this.stages.clear();
    this.streams.clear();
    await this.deps.smallFiles.close();
    await rm(this.deps.options.tempDir, { recursive: true, force: true });
  }
}
