import { HeadObjectCommand, ListBucketsCommand, type ListObjectsV2CommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { basename, canonicalPrefix, isFolderKey } from '../../shared/keys';
import { ARCHIVE_CLASSES, parseRestore } from '../../shared/properties';
import type { BucketInfo, Entry, HeadInfo, ListPage, StatOutcome } from '../../shared/types';
import type { CachedPage, S3Cache } from '../cache/s3-cache';
import { decodePage, listObjectsPage, type ObjectsPage } from './list-objects';

/** Turn one ListObjectsV2 response into entries: folders from CommonPrefixes, objects from Contents. */
export function entriesOf(prefix: string, out: ListObjectsV2CommandOutput): Entry[] {
  return entriesOfPage(prefix, decodePage(out));
}

function entriesOfPage(prefix: string, page: ObjectsPage): Entry[] {
  const seen = new Set<string>();
  const entries: Entry[] = [];
  for (const key of page.prefixes) {
    if (seen.has(key) || key === prefix) continue;
    seen.add(key);
    entries.push({ kind: 'folder', key, name: basename(key) });
  }
  for (const obj of page.objects) {
    const key = obj.key;
    // The folder's own marker object is not its own child; a marker that repeats a CommonPrefix shows once.
    if (key === prefix || seen.has(key)) continue;
    seen.add(key);
    if (isFolderKey(key)) {
      entries.push({ kind: 'folder', key, name: basename(key) });
      continue;
    }
    entries.push({
      kind: 'object',
      key,
      name: basename(key),
      size: obj.size,
      lastModified: obj.lastModified,
      etag: obj.etag,
      storageClass: obj.storageClass,
      ...(obj.restore && obj.restore.state !== 'none' ? { restore: obj.restore } : {}),
    });
  }
  return entries;
}

export interface ListRequest {
  readonly connectionId: string;
  readonly client: S3Client;
  readonly bucket: string;
  readonly prefix: string;
  readonly cursor: string | null;
  readonly refresh: boolean;
}

/** Listing, stat and head over the cache. Listing is the only way stats get in; stat never touches the network. */
export class BrowseService {
  /** Concurrent asks for the same page share one request. */
  private readonly inflight = new Map<string, Promise<CachedPage>>();

  constructor(private readonly cache: S3Cache) {}

  /**
   * List buckets. AWS names each bucket's region in the same answer (BucketRegion); `onRegion` hears of each,
   * so the registry can sign the first request to a bucket for its region instead of paying a 301 redirect.
   */
  async listBuckets(client: S3Client, onRegion?: (bucket: string, region: string) => void): Promise<BucketInfo[]> {
    const out = await client.send(new ListBucketsCommand({}));
    return (out.Buckets ?? []).flatMap((b) => {
      if (!b.Name) return [];
      if (b.BucketRegion) onRegion?.(b.Name, b.BucketRegion);
      return [{ name: b.Name, createdAt: b.CreationDate?.getTime() ?? null }];
    });
  }

  async listPage(req: ListRequest): Promise<ListPage> {
    const prefix = canonicalPrefix(req.prefix);
    const cursor = req.cursor ?? '';
    if (req.refresh && cursor === '') this.cache.dropFolder(req.connectionId, req.bucket, prefix);
    const cached = req.refresh ? undefined : this.cache.getPage(req.connectionId, req.bucket, prefix, cursor);
    if (cached) return { bucket: req.bucket, prefix, ...this.withKnownRestores(req, cached), fromCache: true };

    // A request that went out before the folder was invalidated is neither joined nor cached.
    const generation = this.cache.generation(req.connectionId, req.bucket, prefix);
    const flightKey = JSON.stringify([req.connectionId, req.bucket, prefix, cursor, generation]);
    let flight = this.inflight.get(flightKey);
    if (!flight) {
      flight = this.fetchPage(req, prefix, cursor, generation).finally(() => this.inflight.delete(flightKey));
      this.inflight.set(flightKey, flight);
    }
    return { bucket: req.bucket, prefix, ...this.withKnownRestores(req, await flight), fromCache: false };
  }

  /**
   * Archived objects the listing gave no restore status (servers other than AWS): the state a HeadObject already
   * cached read from x-amz-restore (Info, Properties). A cache lookup per archived object, never a request.
   */
  private withKnownRestores(req: ListRequest, page: CachedPage): CachedPage {
    let entries: Entry[] | null = null;
    page.entries.forEach((e, i) => {
      if (e.kind !== 'object' || e.restore || !ARCHIVE_CLASSES.has(e.storageClass)) return;
      const restore = this.cache.restoreOf(req.connectionId, req.bucket, e.key);
      if (!restore || restore.state === 'none') return;
      entries ??= [...page.entries];
      entries[i] = { ...e, restore };
    });
    return entries ? { ...page, entries } : page;
  }

  stat(connectionId: string, bucket: string, keys: readonly string[]): StatOutcome[] {
    return keys.map((key) => {
      const stat = this.cache.getStat(connectionId, bucket, key);
      return stat ? { key, ok: true, stat } : { key, ok: false, code: 'NotCached' };
    });
  }

  async head(connectionId: string, client: S3Client, bucket: string, key: string): Promise<HeadInfo> {
    const cached = this.cache.getHead(connectionId, bucket, key);
    if (cached) return cached;
    const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    const head: HeadInfo = {
      key,
      size: out.ContentLength ?? 0,
      lastModified: out.LastModified?.getTime() ?? 0,
      etag: out.ETag ?? '',
      storageClass: out.StorageClass ?? 'STANDARD',
      contentType: out.ContentType ?? null,
      metadata: { ...(out.Metadata ?? {}) },
      serverSideEncryption: out.ServerSideEncryption ?? null,
      versionId: out.VersionId ?? null,
      restore: parseRestore(out.Restore),
    };
    this.cache.setHead(connectionId, bucket, head);
    return head;
  }

  private async fetchPage(req: ListRequest, prefix: string, cursor: string, generation: string): Promise<CachedPage> {
    const out = await listObjectsPage(req.client, { bucket: req.bucket, prefix, shallow: true, cursor: cursor === '' ? null : cursor, restoreStatus: true });
    const page: CachedPage = { entries: entriesOfPage(prefix, out), nextCursor: out.nextCursor };
    this.cache.setPage(req.connectionId, req.bucket, prefix, cursor, page, generation);
    return page;
  }
}
