/**
 * Drag-out by staging: a selection is downloaded completely (verified, renamed into place) into a fresh temp
 * folder, then handed to the OS drag; the folder is deleted a grace period after the drag ends. Runs outside
 * the visible queue but through the same engine and request limit.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fireAndForget } from '../../shared/fire-and-forget';
import type { SelectedItem, StageOutcome } from '../../shared/transfers';
import { codedError, invalidInput } from '../core/app-error';
import { downloadObject } from './download-object';
import { type PlannedDownload, planDownload } from './download-plan';
import { Limiter } from './limiter';
import type { TransferDeps } from './transfer-options';

interface Stage {
  readonly id: string;
  readonly dir: string;
  readonly paths: readonly string[];
  timer?: NodeJS.Timeout;
}

export class DragStages {
  private readonly stages = new Map<string, Stage>();

  constructor(private readonly deps: TransferDeps) {}

  async stage(connectionId: string, bucket: string, items: readonly SelectedItem[], signal?: AbortSignal): Promise<StageOutcome> {
    const { options } = this.deps;
    const id = randomUUID();
    const dir = path.join(options.tempDir, 'drag', id);
    await mkdir(dir, { recursive: true });
    try {
      const { planned, refused } = await planDownload(this.deps, connectionId, bucket, items, dir);
      const bytes = planned.reduce((sum, p) => sum + p.object.size, 0);
      if (bytes > options.stageLimitBytes) {
        await rm(dir, { recursive: true, force: true });
        const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
        return {
          status: 'too-large',
          bytes,
          limit: options.stageLimitBytes,
          message: `The selection is ${mb(bytes)}; dragging out is limited to ${mb(options.stageLimitBytes)}. Use Download instead.`,
        };
      }
      await this.fetchAll(connectionId, bucket, planned, signal);
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

  /** Every planned file at once (within the file limit); the first failure stops the others. */
  private async fetchAll(connectionId: string, bucket: string, planned: readonly PlannedDownload[], signal?: AbortSignal): Promise<void> {
    const { ctx, options, requests, smallFiles } = this.deps;
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const files = new Limiter(options.fileConcurrency);
    try {
      await Promise.all(
        planned.map((p) =>
          files
            .run(async () => {
              if (p.folderMarker) return void (await mkdir(p.target, { recursive: true }));
              await downloadObject({
                client: ctx.clientFor(connectionId, bucket),
                object: p.object,
                target: p.target,
                tuning: options.download,
                signal: controller.signal,
                requests,
                writer: smallFiles,
              });
            })
            .catch((error: unknown) => {
              controller.abort();
              throw error;
            }),
        ),
      );
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  paths(stageId: string): readonly string[] {
    const s = this.stages.get(stageId);
    if (!s) throw invalidInput(`no staged drag ${stageId}`);
    return s.paths;
  }

  startDrag(stageId: string): { paths: readonly string[] } {
    const paths = this.paths(stageId);
    const drag = this.deps.options.drag;
    if (!drag) throw codedError('Unknown', 'dragging out is not available here');
    drag.startDrag(paths);
    return { paths };
  }

  /** The drag ended: delete the staged files after a grace period (the OS may still be copying them). */
  release(stageId: string): void {
    const s = this.stages.get(stageId);
    if (!s || s.timer) return;
    const drop = () => {
      this.stages.delete(stageId);
      fireAndForget(rm(s.dir, { recursive: true, force: true }), 'drag stage cleanup');
    };
    if (this.deps.options.stageGraceMs <= 0) return drop();
    s.timer = setTimeout(drop, this.deps.options.stageGraceMs);
    s.timer.unref?.();
  }

  /** Remove a stage now, grace period or not; resolves when it is gone (tests). */
  async removeNow(stageId: string): Promise<void> {
    const s = this.stages.get(stageId);
    if (!s) return;
    if (s.timer) clearTimeout(s.timer);
    this.stages.delete(stageId);
    await rm(s.dir, { recursive: true, force: true });
  }

  /** Stop every grace timer (the temp folder goes as a whole on dispose). */
  clear(): void {
    for (const s of this.stages.values()) if (s.timer) clearTimeout(s.timer);
    this.stages.clear();
  }
}
