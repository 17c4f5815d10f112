/**
 * Queueing an upload: plan, settle conflicts by policy (skip, keep both under a free name, overwrite), one
 * job per file. An item is reported done only after its coalesced invalidation went out. With a journal,
 * uploads of local files are journaled (journal/journaled-upload.ts) and survive a quit or crash; streamed
 * ones cannot (their temp files go with the app's temp folder).
 */
import { randomUUID } from 'node:crypto';
import { basename, canonicalPrefix } from '../../shared/keys';
import type { EnqueueOutcome } from '../../shared/transfers';
import type { CoalescedInvalidation } from './coalesced-invalidation';
import { refusedJob } from './downloads';
import { journaledUploadJob } from './journal/journaled-upload';
import type { TransferJournal } from './journal/transfer-journal';
import type { JobSpec, TransferQueue } from './queue';
import type { TransferDeps, UploadRequest } from './transfer-options';
import type { UploadOptions } from '../../shared/upload-options';
import { bucketDefaultEncryption } from './bucket-encryption';
import { resolveKmsKey, type ResolvedUploadOptions } from './upload-headers';
import { fireAndForget } from '../../shared/fire-and-forget';
import { uploadFile } from './upload-file';
import { existingKeys, freeKey, type PlannedUpload, planUpload } from './upload-plan';
import type { UploadStreams } from './upload-streams';

export interface UploadDeps extends TransferDeps {
  readonly streams: UploadStreams;
  readonly invalidation: CoalescedInvalidation;
}

export async function enqueueUpload(deps: UploadDeps, queue: TransferQueue, req: UploadRequest): Promise<EnqueueOutcome> {
  deps.smallFiles.warm();
  const prefix = canonicalPrefix(req.prefix);
  const { planned, refused } = await planUpload(prefix, req.paths, req.streams ?? [], deps.streams);
  let existing = new Set<string>();
  if (req.conflict !== 'overwrite' && planned.length > 0) existing = await existingKeys(deps.ctx, req.connectionId, req.bucket, prefix, planned);
  const conflicts = planned.filter((p) => existing.has(p.key));
  if (req.conflict === 'ask' && conflicts.length > 0) {
    return { status: 'conflicts', count: conflicts.length, sample: conflicts.slice(0, 5).map((c) => c.key.slice(prefix.length)) };
  }
  const options = await resolveUploadOptions(deps, req);
  const journal = (await deps.journal) ?? null;
  const taken = new Set([...existing, ...planned.map((p) => p.key)]);
  const jobs: JobSpec[] = [];
  for (const p of planned) {
    let key = p.key;
    let note: string | null = null;
    if (existing.has(key)) {
      if (req.conflict === 'skip') {
        jobs.push(skippedJob(req.connectionId, req.bucket, p, () => fireAndForget(deps.streams.release(p.stream), 'upload stream release')));
        continue;
      }
      if (req.conflict === 'keep-both') {
        key = freeKey(key, taken);
        taken.add(key);
        note = `uploaded as ${basename(key)}`;
      }
    }
    const journaled = journal && !p.stream && !p.folder;
    const planned = { ...p, key };
    jobs.push(journaled ? journaledJob(deps, journal, req.connectionId, req.bucket, planned, note, options) : uploadJob(deps, req.connectionId, req.bucket, planned, note, options));
  }
  for (const r of refused) jobs.push(refusedJob('upload', req.connectionId, req.bucket, r));
  const { batchId } = queue.add(jobs, 'upload');
  // Queued is journaled before the caller hears so; a journal that cannot be written costs only the resume.
  await journal?.store.flush().catch(() => {});
  return { status: 'queued', batchId, queued: jobs.length - refused.length, refused };
}

/**
 * The options this batch writes its objects with: the request's own, else the connection's defaults; SSE-KMS
 * without a key id then takes the bucket's default key (one GetBucketEncryption per batch, only then).
 */
async function resolveUploadOptions(deps: UploadDeps, req: UploadRequest): Promise<ResolvedUploadOptions> {
  const options: UploadOptions = req.options ?? deps.options.uploadDefaults?.defaultsFor(req.connectionId) ?? {};
  if (options.encryption?.kind !== 'aws:kms' || options.encryption.keyId) return options;
  return resolveKmsKey(options, await bucketDefaultEncryption(deps.ctx.clientFor(req.connectionId, req.bucket), req.bucket));
}

function journaledJob(
  deps: UploadDeps,
  journal: TransferJournal,
  connectionId: string,
  bucket: string,
  p: PlannedUpload,
  note: string | null,
  options: ResolvedUploadOptions,
): JobSpec {
  const entry = {
    id: randomUUID(),
    direction: 'upload' as const,
    connectionId,
    bucket,
    key: p.key,
    size: p.size,
    note,
    state: 'queued' as const,
    createdAt: Date.now(),
    localPath: p.localPath,
    // Size, mtime and part size are taken from the file when its multipart upload begins.
    mtimeMs: 0,
    uploadId: null,
    partSize: deps.options.upload.partSize,
    parts: [],
    ...(hasOptions(options) ? { options } : {}),
  };
  journal.store.put(entry);
  return journaledUploadJob(deps, journal, entry);
}

function uploadJob(deps: UploadDeps, connectionId: string, bucket: string, p: PlannedUpload, note: string | null, options: ResolvedUploadOptions): JobSpec {
  return {
    ...uploadItem(connectionId, bucket, p, note),
    run: async (job) => {
      // One call: the file's size now, and its bytes when it goes up in a single PutObject.
      const current = p.folder ? { size: 0, data: Buffer.alloc(0) } : await deps.smallFiles.readSmall(p.localPath, deps.options.upload.partSize);
      job.setSize(current.size);
      await uploadFile({
        client: deps.ctx.clientFor(connectionId, bucket),
        bucket,
        key: p.key,
        localPath: p.localPath,
        size: current.size,
        ...(current.data ? { body: current.data } : {}),
        // A folder marker is only a name (typed application/x-directory, as S3 consoles and rclone make it).
        ...(p.folder ? {} : { options }),
        tuning: deps.options.upload,
        signal: job.signal,
        requests: deps.requests,
        onBytes: job.progress,
        ...(deps.bandwidth ? { bandwidth: deps.bandwidth.upload } : {}),
      });
      // The bytes are up: the next file may start while this one waits for its coalesced invalidation.
      job.releaseSlot();
      await deps.invalidation.put(connectionId, bucket, p.key);
      return 'done';
    },
    dispose: () => fireAndForget(deps.streams.release(p.stream), 'upload stream release'),
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

function hasOptions(o: ResolvedUploadOptions): boolean {
  return Object.values(o).some((v) => v !== undefined);
}
