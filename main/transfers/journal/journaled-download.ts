/**
 * The queue job of one journaled download, fresh or restored after a restart: its journal entry follows the
 * job (running, failed with the reason, gone once done or cancelled by the user), its part file and range
 * sidecar stay across failures and quits, and a changed object (If-Match answered 412) starts over once
 * from a fresh HeadObject, saying so in the item's note.
 */
import path from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { CodedError } from '../../core/app-error';
import { discardPart, downloadObject, type ObjectSpec } from '../download-object';
import { exists, freeName } from '../download-plan';
import { isPaused, type JobContext, type JobOutcome, type JobSpec } from '../queue';
import type { TransferDeps } from '../transfer-options';
import type { DownloadEntry } from './journal-schema';
import type { TransferJournal } from './transfer-journal';

export const CHANGED_NOTE = 'the object changed on the server since the download began: started again from the beginning';

export function journaledDownloadJob(deps: TransferDeps, journal: TransferJournal, entry: DownloadEntry): JobSpec {
  const { store } = journal;
  const forget = async () => {
    const current = store.get(entry.id);
    store.remove(entry.id);
    if (current?.direction === 'download') await discardPart(current.partPath);
  };
  return {
    direction: 'download',
    connectionId: entry.connectionId,
    bucket: entry.bucket,
    key: entry.key,
    localPath: entry.target,
    size: entry.size,
    note: entry.note,
    run: async (job) => {
      store.put({ ...(store.get(entry.id) ?? entry), state: 'running', note: null } as DownloadEntry);
      try {
        const outcome = await runDownload(deps, journal, entry.id, job);
        store.remove(entry.id);
        return outcome;
      } catch (error) {
        if (isPaused(job.signal)) {
          store.update<DownloadEntry>(entry.id, (e) => ({ ...e, state: 'paused', note: 'paused' }));
        } else if (job.signal.aborted) {
          // Quitting keeps the entry (the next start offers Resume); a user's cancel forgets it and its bytes.
          if (!journal.closing) await forget();
        } else {
          const message = error instanceof CodedError ? error.appError.message : String((error as Error).message ?? error);
          store.update<DownloadEntry>(entry.id, (e) => ({ ...e, state: 'failed', note: message }));
        }
        throw error;
      }
    },
    dispose: () => {
      if (!journal.closing) void forget();
    },
    discard: () => {
      if (!journal.closing) void forget();
    },
  };
}

async function runDownload(deps: TransferDeps, journal: TransferJournal, id: string, job: JobContext): Promise<JobOutcome> {
  const { store } = journal;
  let entry = store.get(id) as DownloadEntry;
  if (entry.conflict === 'skip' && (await exists(entry.target))) {
    job.setNote('skipped: a file with this name exists');
    return 'skipped';
  }
  for (let restarted = false; ; restarted = true) {
    let reported = 0;
    const object: ObjectSpec = {
      bucket: entry.bucket,
      key: entry.key,
      size: entry.size,
      etag: entry.etag,
      ...(entry.versionId !== undefined ? { versionId: entry.versionId } : {}),
    };
    try {
      const final = await downloadObject({
        client: deps.ctx.clientFor(entry.connectionId, entry.bucket),
        object,
        target: entry.target,
        tuning: deps.options.download,
        signal: job.signal,
        requests: deps.requests,
        writer: deps.smallFiles,
        onBytes: (delta) => {
          reported += delta;
          job.progress(delta);
        },
        resumable: {
          partPath: entry.partPath,
          onRejected: (n) => job.setNote(`${n} range${n === 1 ? '' : 's'} of the kept part file failed verification and ${n === 1 ? 'was' : 'were'} fetched again`),
        },
        ...(deps.bandwidth ? { bandwidth: deps.bandwidth.download } : {}),
        commit: (target) => commitTarget(entry.conflict, target),
      });
      if (final === null) {
        job.setNote('skipped: a file with this name appeared meanwhile');
        return 'skipped';
      }
      if (final !== entry.target) {
        job.setLocalPath(final);
        job.setNote(`saved as ${path.basename(final)}`);
      }
      if (restarted) job.setNote(CHANGED_NOTE);
      return 'done';
    } catch (error) {
      const changed = error instanceof CodedError && error.appError.code === 'Conflict' && !job.signal.aborted;
      if (!changed || restarted) throw error;
      // download-object removed the old version's bytes; what it had reported as progress is gone too.
      job.progress(-reported);
      const head = await deps.ctx.clientFor(entry.connectionId, entry.bucket).send(new HeadObjectCommand({ Bucket: entry.bucket, Key: entry.key, VersionId: entry.versionId }), { abortSignal: job.signal });
      entry = { ...entry, size: head.ContentLength ?? 0, etag: head.ETag ?? '', note: CHANGED_NOTE };
      store.put(entry);
      job.setSize(entry.size);
      job.setNote(CHANGED_NOTE);
    }
  }
}

/** Re-checked just before the rename: a file that appeared meanwhile is replaced only under 'overwrite'. */
async function commitTarget(conflict: DownloadEntry['conflict'], target: string): Promise<string | null> {
  if (conflict === 'overwrite' || !(await exists(target))) return target;
  if (conflict === 'skip') return null;
  return freeName(target);
}
