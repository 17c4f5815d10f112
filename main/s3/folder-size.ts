/**
 * "Calculate size" in Info: one recursive listing (no delimiter) of a folder, summing as it goes, so a folder
 * of a million objects costs a thousand ListObjectsV2 pages and no memory for the keys.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { canonicalPrefix } from '../../shared/keys';
import type { FolderSize } from '../../shared/types';
import { listObjectsPage } from './list-objects';

export async function folderSize(client: S3Client, bucket: string, prefix: string, signal?: AbortSignal): Promise<FolderSize> {
  let objects = 0;
  let bytes = 0;
  let requests = 0;
  let cursor: string | null = null;
  const folder = canonicalPrefix(prefix);
  do {
    const page = await listObjectsPage(client, { bucket, prefix: folder, cursor, ...(signal ? { signal } : {}) });
    requests += 1;
    for (const o of page.objects) {
      // The folder's own marker ("photos/", 0 bytes) is not one of its objects.
      if (o.key === folder) continue;
      objects += 1;
      bytes += o.size;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { objects, bytes, requests };
}
