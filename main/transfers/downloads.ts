/**
 * Queueing a download: check the destination, plan, settle conflicts by policy, one job per file. With a
 * journal, every file's job is journaled (journal/journaled-download.ts) and survives a quit or crash.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConflictPolicy, EnqueueOutcome, RefusedItem } from '../../shared/transfers';
import { codedError, invalidInput } from '../core/app-error';
import { downloadObject, partPathFor } from './download-object';
import { exists, freeName, type PlannedDownload, planDownload } from './download-plan';
import type { GrantedFolders } from './granted-folders';
import { journaledDownloadJob } from './journal/journaled-download';
import type { TransferJournal } from './journal/transfer-journal';
import type { JobSpec, TransferQueue } from './queue';
import { sweepStaleParts } from './temp-sweep';
import type { DownloadRequest, TransferDeps } from './transfer-options';

export async function enqueueDownload(
  deps: TransferDeps,
  queue: TransferQueue,
  granted: GrantedFolders,
  req: DownloadRequest,
): Promise<EnqueueOutcome> {
  deps.smallFiles.warm();
  const destination = await checkDestination(deps, granted, req.destination);
  const journal = (await deps.journal) ?? null;
  // Part files a crashed S3 Desk left in this folder (one readdir; sub-folders are not walked), except
  // those of journaled downloads, which resume from them.
  await sweepStaleParts(destination, undefined, journal?.keepPaths());
  const { planned, refused } = await planDownload(deps, req.connectionId, req.bucket, req.items, destination);
  const existing = new Set<string>();
  if (req.conflict !== 'overwrite') {
    for (const p of planned) if (!p.folderMarker && (await exists(p.target))) existing.add(p.target);
  }
  if (req.conflict === 'ask' && existing.size > 0) {
    return { status: 'conflicts', count: existing.size, sample: [...existing].slice(0, 5).map((t) => path.relative(destination, t)) };
  }
  const jobs: JobSpec[] = planned.map((p) => {
    const job = journal && !p.folderMarker ? journaledJob(deps, journal, req.connectionId, p, req.conflict) : downloadJob(deps, req.connectionId, p, req.conflict);
    return deps.archived && !p.folderMarker ? deps.archived.wrap(job) : job;
  });
  for (const r of refused) jobs.push(refusedJob('download', req.connectionId, req.bucket, r));
  const { batchId } = queue.add(jobs, 'download');
  // Queued is journaled before the caller hears so; a journal that cannot be written costs only the resume.
  await journal?.store.flush().catch(() => {});
  return { status: 'queued', batchId, queued: jobs.length - refused.length, refused };
}

async function checkDestination(deps: TransferDeps, granted: GrantedFolders, destination: string): Promise<string> {
  if (!path.isAbsolute(destination)) throw invalidInput('the destination must be an absolute folder path');
  // Headless callers (tests, benchmarks) have no dialogs, so nothing to have been granted.
  if (deps.options.dialogs && !granted.covers(destination))
    throw codedError('AccessDenied', 'downloads go only into a folder chosen in the folder picker');
  const s = await stat(destination).catch(() => null);
  if (!s?.isDirectory()) throw invalidInput(`the destination folder does not exist: ${destination}`);
  return path.resolve(destination);
}

function journaledJob(deps: TransferDeps, journal: TransferJournal, connectionId: string, p: PlannedDownload, conflict: ConflictPolicy): JobSpec {
  const entry = {
    id: randomUUID(),
    direction: 'download' as const,
    connectionId,
    bucket: p.object.bucket,
    key: p.object.key,
    size: p.object.size,
    note: p.note,
    state: 'queued' as const,
    createdAt: Date.now(),
    etag: p.object.etag,
    ...(p.object.versionId !== undefined ? { versionId: p.object.versionId } : {}),
    target: p.target,
    partPath: partPathFor(p.target),
    // 'ask' found no conflict at planning time, so a file that appears meanwhile is kept beside it.
    conflict: conflict === 'ask' ? ('keep-both' as const) : conflict,
  };
  journal.store.put(entry);
  return journaledDownloadJob(deps, journal, entry);
}

/** The queue job of one planned file (or folder marker, which becomes an empty folder). */
export function downloadJob(deps: TransferDeps, connectionId: string, p: PlannedDownload, conflict: ConflictPolicy): JobSpec {
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
        client: deps.ctx.clientFor(connectionId, p.object.bucket),
        object: p.object,
        target: p.target,
        tuning: deps.options.download,
        signal: job.signal,
        requests: deps.requests,
        writer: deps.smallFiles,
        onBytes: job.progress,
        ...(deps.bandwidth ? { bandwidth: deps.bandwidth.download } : {}),
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

/** A refused item still shows in the queue, failed with its reason (the user sees what was left out). */
export function refusedJob(direction: 'download' | 'upload', connectionId: string, bucket: string, r: RefusedItem): JobSpec {
  return {
    direction,
    connectionId,
    bucket,
    key: r.key,
    localPath: null,
    size: 0,
    note: r.reason,
    run: () => Promise.reject(invalidInput(r.reason)),
  };
}
