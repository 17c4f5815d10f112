/**
 * Planning "empty and delete" (issue 15): the exact list of what the bucket holds — every version and delete
 * marker (ListObjectVersions, so an unversioned bucket's objects come back as version "null") and every
 * incomplete multipart upload (S3 refuses DeleteBucket while any remains on some servers, and their parts are
 * billed) — and what deleting it all will be billed for. Nothing is deleted here.
 */
import { ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';
import { ageDays, type CostInput } from '../../shared/cost';
import type { ObjectVersion } from '../../shared/versions';
import { DELETE_BATCH } from '../versions/version-run';
import { listAllVersions } from '../versions/list-versions';

export interface EmptyDraft {
  readonly versions: readonly ObjectVersion[];
  readonly uploads: ReadonlyArray<{ readonly key: string; readonly uploadId: string }>;
  /** ListObjectVersions and ListMultipartUploads pages sent while planning. */
  readonly listRequests: number;
}

export async function planEmpty(
  client: S3Client,
  bucket: string,
  signal: AbortSignal,
  onCounted: (versions: number, bytes: number) => void,
): Promise<EmptyDraft> {
  let pages = 0;
  let bytes = 0;
  let counted = 0;
  const { versions } = await listAllVersions(client, {
    bucket,
    prefix: '',
    signal,
    onPage: (page) => {
      pages++;
      counted += page.versions.length;
      for (const v of page.versions) bytes += v.size;
      onCounted(counted, bytes);
    },
  });
  const uploads: Array<{ key: string; uploadId: string }> = [];
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    signal.throwIfAborted();
    const page = await client.send(
      new ListMultipartUploadsCommand({ Bucket: bucket, ...(keyMarker ? { KeyMarker: keyMarker } : {}), ...(uploadIdMarker ? { UploadIdMarker: uploadIdMarker } : {}) }),
      { abortSignal: signal },
    );
    pages++;
    for (const u of page.Uploads ?? []) if (u.Key && u.UploadId) uploads.push({ key: u.Key, uploadId: u.UploadId });
    if (!page.IsTruncated || (!page.NextKeyMarker && !page.NextUploadIdMarker)) break;
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
  }
  return { versions, uploads, listRequests: pages };
}

/** The run's requests: DeleteObjects per 1,000 versions, one AbortMultipartUpload per upload, one DeleteBucket. */
export const deleteRequests = (draft: Pick<EmptyDraft, 'versions'>) => Math.ceil(draft.versions.length / DELETE_BATCH);

/**
 * What the run is billed for: DELETE requests are free; AbortMultipartUpload is billed like a DELETE (free);
 * what it does cost is early deletion of versions still inside their class's minimum duration. The plan's own
 * listings were already sent (and are shown as such), so they are not part of the run's estimate.
 */
export function emptyCostInput(draft: EmptyDraft, now: number): CostInput {
  return {
    requests: [{ kind: 'delete', count: deleteRequests(draft) + draft.uploads.length + 1 }],
    bytesRead: 0,
    bytesWritten: 0,
    removals: draft.versions.filter((v) => !v.isDeleteMarker).map((v) => ({ storageClass: v.storageClass, bytes: v.size, ageDays: ageDays(v.lastModified, now) })),
  };
}
