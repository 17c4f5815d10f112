/**
 * One object downloaded to a path the app owns (Open / Edit's temp copies), as a visible queue item: progress,
 * cancel, verification (size, MD5 of single-part ETags, GETs pinned with If-Match) like every download.
 */
import { CodedError } from '../core/app-error';
import type { ObjectSpec } from './download-object';
import { objectSpec } from './download-plan';
import { downloadJob } from './downloads';
import type { JobSpec, TransferQueue } from './queue';
import type { TransferDeps } from './transfer-options';
import type { TransferItem } from '../../shared/transfers';

export interface FetchFileRequest {
  readonly connectionId: string;
  readonly bucket: string;
  readonly key: string;
  /** Absolute path inside a folder the caller owns; replaced if it exists. */
  readonly target: string;
  readonly note: string;
  /** Size and ETag when the caller has just asked the server (else the listing cache or one HeadObject). */
  readonly object?: ObjectSpec;
}

export async function fetchFile(deps: TransferDeps, queue: TransferQueue, req: FetchFileRequest): Promise<ObjectSpec> {
  const object = req.object ?? (await objectSpec(deps, req.connectionId, req.bucket, req.key));
  const job = downloadJob(deps, req.connectionId, { object, target: req.target, note: req.note, folderMarker: false }, 'overwrite');
  await runJob(queue, job);
  return object;
}

/** Queue one job and wait for it; anything but done throws the item's own error. */
export async function runJob(queue: TransferQueue, job: JobSpec): Promise<TransferItem> {
  const { ids } = queue.add([job], job.direction);
  const item = await queue.whenSettled(ids[0]!);
  if (item?.state !== 'done') throw new CodedError(item?.error ?? { code: 'Cancelled', message: `the ${job.direction} was cancelled` });
  return item;
}
