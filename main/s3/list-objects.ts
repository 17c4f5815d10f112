/**
 * The one ListObjectsV2 pager: browse (one page at a time, with a delimiter), operations (plans of deletes,
 * moves, copies) and transfers (folder downloads, upload conflict checks) all list through here, so keys are
 * decoded in one place and every listing asks for S3's largest page.
 */
import { ListObjectsV2Command, type ListObjectsV2CommandOutput, type S3Client } from '@aws-sdk/client-s3';
import type { RestoreState } from '../../shared/properties';

/** S3's own maximum; one request per 1000 keys is the floor for any client. */
export const PAGE_SIZE = 1000;

export interface ListedObject {
  readonly key: string;
  readonly size: number;
  /** As listed, quotes included; "" when the server leaves it out. */
  readonly etag: string;
  /** Milliseconds since the epoch; 0 when the server leaves it out. */
  readonly lastModified: number;
  /** As the listing says ("STANDARD" when the server leaves it out); copies carry it over. */
  readonly storageClass: string;
  /** A stored checksum's algorithm (x-amz-checksum-*), when the listing names one; its value needs a request. */
  readonly checksumAlgorithm?: string;
  /** An archived object's restore, when the listing was asked for RestoreStatus and the server sent it. */
  readonly restore?: RestoreState;
}

/** One decoded response: objects from Contents, sub-folders from CommonPrefixes (both in the server's order). */
export interface ObjectsPage {
  readonly objects: ListedObject[];
  readonly prefixes: string[];
  /** The continuation token of the next page, or null when this was the last. */
  readonly nextCursor: string | null;
}

export interface PageRequest {
  readonly bucket: string;
  /** "" lists the whole bucket. */
  readonly prefix: string;
  /** One level (Delimiter "/"): sub-folders come back as prefixes instead of their objects. */
  readonly shallow?: boolean;
  readonly cursor?: string | null;
  /** Begin after this key (S3 ignores it once a continuation token is sent). */
  readonly startAfter?: string;
  readonly maxKeys?: number;
  /** Aborts the request in flight. */
  readonly signal?: AbortSignal;
  /** Ask for archived objects' restore status (OptionalObjectAttributes; AWS answers it, others ignore it). */
  readonly restoreStatus?: boolean;
}

/** S3 url-encodes keys with form encoding ("+" for space) when asked to; undo it only if the server did. */
export function decodeKey(key: string, encoded: boolean): string {
  return encoded ? decodeURIComponent(key.replace(/\+/g, ' ')) : key;
}

export function decodePage(out: ListObjectsV2CommandOutput): ObjectsPage {
  const encoded = out.EncodingType === 'url';
  const objects: ListedObject[] = [];
  for (const o of out.Contents ?? []) {
    if (o.Key === undefined) continue;
    objects.push({
      key: decodeKey(o.Key, encoded),
      size: o.Size ?? 0,
      etag: o.ETag ?? '',
      lastModified: o.LastModified?.getTime() ?? 0,
      storageClass: o.StorageClass ?? 'STANDARD',
      ...(o.ChecksumAlgorithm?.[0] !== undefined ? { checksumAlgorithm: o.ChecksumAlgorithm[0] } : {}),
      ...(o.RestoreStatus ? { restore: restoreOf(o.RestoreStatus) } : {}),
    });
  }
  const prefixes: string[] = [];
  for (const p of out.CommonPrefixes ?? []) if (p.Prefix) prefixes.push(decodeKey(p.Prefix, encoded));
  return { objects, prefixes, nextCursor: out.IsTruncated && out.NextContinuationToken ? out.NextContinuationToken : null };
}

function restoreOf(s: { IsRestoreInProgress?: boolean; RestoreExpiryDate?: Date }): RestoreState {
  if (s.IsRestoreInProgress) return { state: 'in-progress' };
  const until = s.RestoreExpiryDate?.getTime();
  return until === undefined || Number.isNaN(until) ? { state: 'none' } : { state: 'available', until };
}

/** One ListObjectsV2 request. */
export async function listObjectsPage(client: S3Client, req: PageRequest): Promise<ObjectsPage> {
  const out = await client.send(
    new ListObjectsV2Command({
      Bucket: req.bucket,
      Prefix: req.prefix === '' ? undefined : req.prefix,
      Delimiter: req.shallow ? '/' : undefined,
      MaxKeys: req.maxKeys ?? PAGE_SIZE,
      // Keys may hold characters XML 1.0 cannot carry; S3 then url-encodes them and says so in the response.
      EncodingType: 'url',
      ContinuationToken: req.cursor ?? undefined,
      StartAfter: req.cursor ? undefined : req.startAfter,
      ...(req.restoreStatus ? { OptionalObjectAttributes: ['RestoreStatus'] } : {}),
    }),
    req.signal ? { abortSignal: req.signal } : {},
  );
  return decodePage(out);
}

export interface ListAllOptions {
  /** Stops the listing: the request in flight is aborted and no further page is asked for. */
  readonly signal?: AbortSignal;
  /** Only what is directly in the prefix (Delimiter "/"): its objects, and its sub-folders as prefixes. */
  readonly shallow?: boolean;
  /** Called after each page with that page's objects (for progress while a big folder is counted). */
  readonly onPage?: (objects: readonly ListedObject[]) => void;
}

/** Every page under a prefix, followed to the end; never a HeadObject per key (the listing carries sizes). */
export async function listAll(
  client: S3Client,
  bucket: string,
  prefix: string,
  options: ListAllOptions = {},
): Promise<{ objects: ListedObject[]; prefixes: string[] }> {
  const objects: ListedObject[] = [];
  const prefixes: string[] = [];
  let cursor: string | null = null;
  do {
    options.signal?.throwIfAborted();
    const page: ObjectsPage = await listObjectsPage(client, { bucket, prefix, cursor, shallow: options.shallow ?? false, ...(options.signal ? { signal: options.signal } : {}) });
    objects.push(...page.objects);
    prefixes.push(...page.prefixes);
    options.onPage?.(page.objects);
    cursor = page.nextCursor;
  } while (cursor);
  return { objects, prefixes };
}

/** Whether anything at all exists under a prefix (one request, one key). */
export async function anyUnder(client: S3Client, bucket: string, prefix: string): Promise<boolean> {
  const page = await listObjectsPage(client, { bucket, prefix, maxKeys: 1 });
  return page.objects.length > 0 || page.prefixes.length > 0;
}
