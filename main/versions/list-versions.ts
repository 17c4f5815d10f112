/**
 * The one ListObjectVersions pager, beside the ListObjectsV2 one (main/s3/list-objects.ts). Only the versions
 * feature calls it, and only on demand: ordinary browsing never sends ListObjectVersions.
 */
import { ListObjectVersionsCommand, type ListObjectVersionsCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectVersion } from '../../shared/versions';
import { decodeKey, PAGE_SIZE } from '../s3/list-objects';

export interface VersionsPage {
  /** Versions and delete markers merged, in S3's order: by key, newest first within a key. */
  readonly versions: ObjectVersion[];
  readonly prefixes: string[];
  /** Both markers of the next page, or null when this was the last. */
  readonly next: { readonly keyMarker: string; readonly versionIdMarker: string } | null;
}

export function decodeVersionsPage(out: ListObjectVersionsCommandOutput): VersionsPage {
  const encoded = out.EncodingType === 'url';
  const plain: ObjectVersion[] = [];
  for (const v of out.Versions ?? []) {
    if (v.Key === undefined) continue;
    plain.push({
      key: decodeKey(v.Key, encoded),
      versionId: v.VersionId ?? 'null',
      isLatest: v.IsLatest ?? false,
      isDeleteMarker: false,
      size: v.Size ?? 0,
      etag: v.ETag ?? '',
      lastModified: v.LastModified?.getTime() ?? 0,
      storageClass: v.StorageClass ?? 'STANDARD',
    });
  }
  const markers: ObjectVersion[] = [];
  for (const m of out.DeleteMarkers ?? []) {
    if (m.Key === undefined) continue;
    markers.push({
      key: decodeKey(m.Key, encoded),
      versionId: m.VersionId ?? 'null',
      isLatest: m.IsLatest ?? false,
      isDeleteMarker: true,
      size: 0,
      etag: '',
      lastModified: m.LastModified?.getTime() ?? 0,
      storageClass: 'STANDARD',
    });
  }
  const versions = mergeInListOrder(plain, markers);
  const prefixes: string[] = [];
  for (const p of out.CommonPrefixes ?? []) if (p.Prefix) prefixes.push(decodeKey(p.Prefix, encoded));
  const next =
    out.IsTruncated && out.NextKeyMarker !== undefined
      ? { keyMarker: decodeKey(out.NextKeyMarker, encoded), versionIdMarker: out.NextVersionIdMarker ?? '' }
      : null;
  return { versions, prefixes, next };
}

/**
 * The SDK hands versions and delete markers back as two lists, each already in S3's order (key bytes, newest
 * first). Re-sorting by LastModified would be wrong: concurrent PUTs tie or even invert timestamps while S3's
 * order (and IsLatest) follows commit order. So each list keeps its order and only the two are interleaved.
 */
export function mergeInListOrder(a: readonly ObjectVersion[], b: readonly ObjectVersion[]): ObjectVersion[] {
  const out: ObjectVersion[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(comesFirst(a[i]!, b[j]!) ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

function comesFirst(x: ObjectVersion, y: ObjectVersion): boolean {
  if (x.key !== y.key) return Buffer.compare(Buffer.from(x.key), Buffer.from(y.key)) < 0;
  if (x.isLatest !== y.isLatest) return x.isLatest;
  return x.lastModified >= y.lastModified;
}

export interface VersionsRequest {
  readonly bucket: string;
  readonly prefix: string;
  readonly shallow?: boolean;
  readonly signal?: AbortSignal;
  /** Called after each page (progress while a big folder is counted). */
  readonly onPage?: (page: VersionsPage) => void;
}

/** Every version under a prefix, following KeyMarker/VersionIdMarker to the end. */
export async function listAllVersions(client: S3Client, req: VersionsRequest): Promise<{ versions: ObjectVersion[]; prefixes: string[] }> {
  const versions: ObjectVersion[] = [];
  const prefixes: string[] = [];
  let next: VersionsPage['next'] = null;
  do {
    req.signal?.throwIfAborted();
    const out = await client.send(
      new ListObjectVersionsCommand({
        Bucket: req.bucket,
        Prefix: req.prefix === '' ? undefined : req.prefix,
        Delimiter: req.shallow ? '/' : undefined,
        MaxKeys: PAGE_SIZE,
        EncodingType: 'url',
        KeyMarker: next?.keyMarker,
        VersionIdMarker: next?.versionIdMarker || undefined,
      }),
      req.signal ? { abortSignal: req.signal } : {},
    );
    const page = decodeVersionsPage(out);
    versions.push(...page.versions);
    prefixes.push(...page.prefixes);
    req.onPage?.(page);
    next = page.next;
  } while (next);
  // Pages follow one another in S3's order, so concatenating them keeps it.
  return { versions, prefixes };
}

/**
 * Every version of one exact key. S3 has no exact-key filter: the key is sent as the prefix and longer keys
 * ("a.txt.bak" for "a.txt") are dropped here. A key with thousands of longer siblings still lists all of them.
 */
export async function listKeyVersions(client: S3Client, bucket: string, key: string, signal?: AbortSignal): Promise<ObjectVersion[]> {
  const { versions } = await listAllVersions(client, { bucket, prefix: key, ...(signal ? { signal } : {}) });
  return versions.filter((v) => v.key === key);
}
