/**
 * Drag-out by streaming (DownloadURL: Windows, macOS). The user dropped and Chromium asks for the object:
 * download it as a visible queue item (progress, cancel) into a temp folder, complete and verified, before a
 * single byte goes to Chromium. So a network failure fails the drop instead of leaving a short file there.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { isFolderKey } from '../../shared/keys';
import { CodedError, invalidInput } from '../core/app-error';
import { type PlannedDownload, objectSpec } from './download-plan';
import { downloadJob } from './downloads';
import type { TransferQueue } from './queue';
import type { TransferDeps } from './transfer-options';

/** A complete, verified download waiting in the temp folder for Chromium to read; release() deletes it. */
export interface DragFile {
  readonly path: string;
  readonly size: number;
  release(): Promise<void>;
}

/** `signal`: Chromium gave up. */
export async function fetchForDrag(
  deps: TransferDeps,
  queue: TransferQueue,
  connectionId: string,
  bucket: string,
  key: string,
  signal: AbortSignal,
): Promise<DragFile> {
  if (isFolderKey(key)) throw invalidInput('only files are dragged out by DownloadURL');
  const object = await objectSpec(deps, connectionId, bucket, key);
  const dir = path.join(deps.options.tempDir, 'drag-stream', randomUUID());
  const release = () => rm(dir, { recursive: true, force: true });
  const planned: PlannedDownload = { object, target: path.join(dir, 'object'), note: 'dragged out', folderMarker: false };
  const job = downloadJob(deps, connectionId, planned, 'overwrite');
  let wanted = true;
  const { ids } = queue.add(
    [
      {
        ...job,
        // Retrying from the panel after Chromium gave up would fetch bytes nobody takes.
        run: (ctx) => (wanted ? job.run(ctx) : Promise.reject(invalidInput('this drag-out has ended: drag the file out again'))),
      },
    ],
    'download',
  );
  const id = ids[0]!;
  const onAbort = () => queue.cancel([id]);
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) onAbort();
  try {
    const item = await queue.whenSettled(id);
    if (item?.state !== 'done') throw new CodedError(item?.error ?? { code: 'Cancelled', message: 'the drag-out was cancelled' });
    return { path: planned.target, size: object.size, release };
  } catch (error) {
    await release();
    throw error;
  } finally {
    wanted = false;
    signal.removeEventListener('abort', onAbort);
  }
}
