/**
 * S3→S3 copies across two connections as transfer-queue items (a sync's cross-connection copies): the bytes
 * pass through the app, so they show in the transfer panel with progress, cancel and retry like any upload
 * (direction "upload": into the target; no local file). Each item streams GetObject into lib-storage's Upload
 * on the other side and invalidates the key it wrote through the one cache path. The bytes come in and go out
 * through this machine, so each chunk waits for both bandwidth limits (the slower one sets the pace).
 */
import { streamCopy } from '../operations/object-copy';
import { throughPace } from './bandwidth';
import type { JobSpec, TransferQueue } from './queue';
import type { TransferDeps } from './transfer-options';

export interface S3CopyItem {
  readonly from: { readonly connectionId: string; readonly bucket: string; readonly key: string };
  readonly to: { readonly connectionId: string; readonly bucket: string; readonly key: string };
  readonly size: number;
}

export function enqueueS3Copies(deps: TransferDeps, queue: TransferQueue, items: readonly S3CopyItem[]): { batchId: string; ids: string[]; queued: number } {
  const pace = deps.bandwidth ? throughPace(deps.bandwidth) : undefined;
  const jobs = items.map((item): JobSpec => ({
    direction: 'upload',
    connectionId: item.to.connectionId,
    bucket: item.to.bucket,
    key: item.to.key,
    localPath: null,
    size: item.size,
    note: `copy of s3://${item.from.bucket}/${item.from.key}`,
    run: async (job) => {
      let reported = 0;
      try {
        await streamCopy(
          deps.ctx.clientFor(item.from.connectionId, item.from.bucket),
          deps.ctx.clientFor(item.to.connectionId, item.to.bucket),
          item.from,
          item.to,
          job.signal,
          (loaded) => {
            if (loaded > reported) job.progress(loaded - reported);
            reported = Math.max(reported, loaded);
          },
          pace,
        );
      } catch (error) {
        // A retry starts over from byte 0: what this attempt reported is taken back, never counted twice.
        job.progress(-reported);
        throw error;
      }
      if (reported < item.size) job.progress(item.size - reported);
      deps.ctx.invalidate(item.to.connectionId, item.to.bucket, [{ key: item.to.key, change: 'put' }]);
      return 'done';
    },
  }));
  const { batchId, ids } = queue.add(jobs, 'upload');
  return { batchId, ids, queued: jobs.length };
}
