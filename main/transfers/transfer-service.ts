/**
 * The transfers feature's facade: one queue, one request limit and one small-file writer shared by downloads
 * (downloads.ts, download-plan.ts), uploads (uploads.ts, upload-plan.ts, upload-streams.ts), drag-out by
 * staging (drag-stage.ts) or by DownloadURL (drag-fetch.ts), the granted-folder list and the coalesced
 * invalidation of uploaded keys. Each concern lives in its own file; this only wires them.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DragOptions } from '../../shared/drag-stream';
import type { EnqueueOutcome, SelectedItem, StageOutcome, TransferItem, TransferTotals } from '../../shared/transfers';
import type { CoreContext } from '../core/context';
import { codedError } from '../core/app-error';
import { toAppError } from '../core/to-app-error';
import { CoalescedInvalidation } from './coalesced-invalidation';
import { type DragFile, fetchForDrag } from './drag-fetch';
import { DragStages } from './drag-stage';
import { enqueueDownload } from './downloads';
import { GrantedFolders } from './granted-folders';
import { Limiter } from './limiter';
import { TransferQueue } from './queue';
import { createSmallFiles } from './small-files';
import { appTempName } from './temp-sweep';
import { DEFAULT_TRANSFER_OPTIONS, type DownloadRequest, type TransferOptions, type UploadRequest } from './transfer-options';
import { enqueueUpload, type UploadDeps } from './uploads';
import { UploadStreams } from './upload-streams';

export type { DragFile } from './drag-fetch';
export { DEFAULT_TRANSFER_OPTIONS, type DownloadRequest, type TransferOptions, type UploadRequest } from './transfer-options';

export class TransferService {
  readonly queue: TransferQueue;
  private readonly deps: UploadDeps;
  private readonly streams: UploadStreams;
  private readonly stages: DragStages;
  private readonly invalidation: CoalescedInvalidation;
  private readonly granted = new GrantedFolders();
  private readonly requests: Limiter;

  constructor(ctx: CoreContext, options: Partial<TransferOptions> = {}) {
    const merged = { ...DEFAULT_TRANSFER_OPTIONS, ...options };
    const resolved = merged.tempDir ? merged : { ...merged, tempDir: path.join(os.tmpdir(), appTempName(process.pid, randomUUID().slice(0, 8))) };
    this.streams = new UploadStreams(resolved.tempDir);
    this.invalidation = new CoalescedInvalidation(ctx);
    this.requests = new Limiter(resolved.requestConcurrency);
    this.deps = {
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

  upload(req: UploadRequest): Promise<EnqueueOutcome> {
    return enqueueUpload(this.deps, this.queue, req);
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

  /** Cancel everything and remove every temp file (staged drags, streamed uploads). */
  async dispose(): Promise<void> {
    this.queue.dispose();
    await this.queue.whenIdle();
    this.invalidation.flushNow();
    this.stages.clear();
    this.streams.clear();
    await this.deps.smallFiles.close();
    await rm(this.deps.options.tempDir, { recursive: true, force: true });
  }
}
