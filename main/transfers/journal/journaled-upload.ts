/**
 * The queue job of one journaled upload of a local file, fresh or restored after a restart. Files up to the
 * part size go up in one PutObject (nothing to resume: they are simply sent again); bigger ones through
 * resumable-upload.ts. The entry follows the job like a download's (journaled-download.ts): kept on a quit,
 * failed with its reason, gone when done; a user's cancel also aborts the multipart upload on the server.
 */
import { CodedError } from '../../core/app-error';
import { isPaused, type JobSpec } from '../queue';
import { uploadFile } from '../upload-file';
import { explainRefusal } from '../upload-headers';
import type { UploadDeps } from '../uploads';
import type { UploadEntry } from './journal-schema';
import { abortQuietly, resumableMultipart } from './resumable-upload';
import type { TransferJournal } from './transfer-journal';

export function journaledUploadJob(deps: UploadDeps, journal: TransferJournal, entry: UploadEntry): JobSpec {
  const { store } = journal;
  const current = () => (store.get(entry.id) ?? entry) as UploadEntry;
  const forget = async () => {
    const e = current();
    store.remove(entry.id);
    if (e.uploadId) await abortQuietly(deps.ctx.clientFor(e.connectionId, e.bucket), e.bucket, e.key, e.uploadId).catch(() => {});
  };
  return {
    direction: 'upload',
    connectionId: entry.connectionId,
    bucket: entry.bucket,
    key: entry.key,
    localPath: entry.localPath,
    size: entry.size,
    note: entry.note,
    run: async (job) => {
      store.put({ ...current(), state: 'running', note: null });
      const client = deps.ctx.clientFor(entry.connectionId, entry.bucket);
      try {
        const small = await deps.smallFiles.readSmall(entry.localPath, deps.options.upload.partSize);
        job.setSize(small.size);
        if (small.data && !current().uploadId) {
          await uploadFile({
            client,
            bucket: entry.bucket,
            key: entry.key,
            localPath: entry.localPath,
            size: small.size,
            body: small.data,
            ...(entry.options ? { options: entry.options } : {}),
            tuning: deps.options.upload,
            signal: job.signal,
            requests: deps.requests,
            onBytes: job.progress,
            ...(deps.bandwidth ? { bandwidth: deps.bandwidth.upload } : {}),
          });
        } else {
          await resumableMultipart({
            client,
            entry: current,
            save: (change) => store.update<UploadEntry>(entry.id, change),
            durable: () => store.flush(),
            tuning: deps.options.upload,
            signal: job.signal,
            requests: deps.requests,
            onBytes: job.progress,
            onNote: job.setNote,
            ...(deps.bandwidth ? { bandwidth: deps.bandwidth.upload } : {}),
          }).catch((error: unknown) => {
            throw explainRefusal(error, entry.options);
          });
        }
        store.remove(entry.id);
        // The bytes are up: the next file may start while this one waits for its coalesced invalidation.
        job.releaseSlot();
        await deps.invalidation.put(entry.connectionId, entry.bucket, entry.key);
        return 'done';
      } catch (error) {
        if (isPaused(job.signal)) {
          store.update<UploadEntry>(entry.id, (e) => ({ ...e, state: 'paused', note: 'paused' }));
        } else if (job.signal.aborted) {
          if (!journal.closing) await forget();
        } else {
          const message = error instanceof CodedError ? error.appError.message : String((error as Error).message ?? error);
          store.update<UploadEntry>(entry.id, (e) => ({ ...e, state: 'failed', note: message }));
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
