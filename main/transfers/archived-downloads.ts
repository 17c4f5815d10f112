/**
 * Downloads of archived objects (GLACIER / DEEP_ARCHIVE not restored): S3 refuses the GET with
 * InvalidObjectState. The item then fails saying so (note ARCHIVED_NOTE), and "Restore and download"
 * (transfers:restore-download) runs it again as: RestoreObject (an "already in progress" answer is fine),
 * then one HeadObject every `pollMs` until x-amz-restore says the copy is readable, the interval and the last
 * check shown in the item's note, then the ordinary download. Cancel stops the wait like any transfer.
 * While it waits the item keeps its file slot (a restore takes minutes to hours; a slot is cheap).
 */
import { HeadObjectCommand, RestoreObjectCommand } from '@aws-sdk/client-s3';
import { parseRestore, type RestoreRequest } from '../../shared/properties';
import { ARCHIVED_NOTE, type TransferItem } from '../../shared/transfers';
import { CodedError } from '../core/app-error';
import type { CoreContext } from '../core/context';
import { sleep } from './limiter';
import type { JobContext, JobSpec } from './queue';

/** How often a waiting download asks whether its restore is done (AWS: Expedited 1–5 min, Standard 3–5 h). */
export const DEFAULT_RESTORE_POLL_MS = 5 * 60_000;

export function isArchivedError(error: unknown): boolean {
  const e = error as { name?: string; Code?: string; message?: string } | null;
  if (!e) return false;
  if (e.name === 'InvalidObjectState' || e.Code === 'InvalidObjectState') return true;
  return error instanceof CodedError && /InvalidObjectState/.test(error.appError.message);
}

function every(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

export class ArchivedDownloads {
  /** Restores asked for, by connection + bucket + key: the item's next run requests it and waits. */
  private readonly pending = new Map<string, RestoreRequest>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly pollMs: number = DEFAULT_RESTORE_POLL_MS,
  ) {}

  /** The job, refusing an archived object with a clear reason, and waiting for a restore once one is asked. */
  wrap(spec: JobSpec): JobSpec {
    const slot = slotOf(spec.connectionId, spec.bucket, spec.key);
    return {
      ...spec,
      run: async (job) => {
        const restore = this.pending.get(slot);
        if (restore) {
          await this.restoreAndWait(job, spec, restore);
          this.pending.delete(slot);
        }
        try {
          return await spec.run(job);
        } catch (error) {
          if (!isArchivedError(error) || job.signal.aborted) throw error;
          job.setNote(ARCHIVED_NOTE);
          throw new CodedError({
            code: 'Conflict',
            message: `${spec.key} is archived (GLACIER or DEEP_ARCHIVE) and not restored, so it cannot be read yet: "Restore and download" requests a restore and waits for it`,
          });
        }
      },
    };
  }

  /** Queue these failed archived downloads again, to restore first. Returns the ids to retry. */
  request(items: readonly TransferItem[], restore: RestoreRequest): string[] {
    const ids: string[] = [];
    for (const item of items) {
      if (item.direction !== 'download' || item.state !== 'failed' || item.note !== ARCHIVED_NOTE) continue;
      this.pending.set(slotOf(item.connectionId, item.bucket, item.key), restore);
      ids.push(item.id);
    }
    return ids;
  }

  private async restoreAndWait(job: JobContext, spec: JobSpec, r: RestoreRequest): Promise<void> {
    const client = this.ctx.clientFor(spec.connectionId, spec.bucket);
    const opts = { abortSignal: job.signal };
    job.setNote(`requesting a ${r.tier} restore for ${r.days} ${r.days === 1 ? 'day' : 'days'}`);
    try {
      await client.send(new RestoreObjectCommand({ Bucket: spec.bucket, Key: spec.key, RestoreRequest: { Days: r.days, GlacierJobParameters: { Tier: r.tier } } }), opts);
    } catch (error) {
      if ((error as { name?: string }).name !== 'RestoreAlreadyInProgress') throw error;
    }
    // x-amz-restore changed: the table and Info read the state again through the one invalidation path.
    this.ctx.invalidate(spec.connectionId, spec.bucket, [{ key: spec.key, change: 'put' }]);
    for (;;) {
      const head = await client.send(new HeadObjectCommand({ Bucket: spec.bucket, Key: spec.key }), opts);
      if (parseRestore(head.Restore).state === 'available') break;
      const at = new Date().toTimeString().slice(0, 5);
      job.setNote(`waiting for the ${r.tier} restore: checked at ${at}, checking every ${every(this.pollMs)}`);
      await sleep(this.pollMs, job.signal);
    }
    this.ctx.invalidate(spec.connectionId, spec.bucket, [{ key: spec.key, change: 'put' }]);
    job.setNote(null);
  }
}

const slotOf = (connectionId: string, bucket: string, key: string) => `${connectionId}\n${bucket}\n${key}`;
