import { canonicalPrefix } from '../../shared/keys';

/**
 * versions: every version of one exact key; version-folder: a folder's one-level version listing (Show deleted);
 * version-tree: every version under a folder, all depths (point in time, undelete of folders);
 * properties / tags / acl: one object's HeadObject answer, GetObjectTagging answer, GetObjectAcl answer.
 */
export type CacheOp = 'list' | 'stat' | 'head' | 'versions' | 'version-folder' | 'version-tree' | PropertyOp;

/** An object's properties, each under its own key: full HeadObject headers, its tag set, its ACL. */
export type PropertyOp = 'properties' | 'tags' | 'acl';
export const PROPERTY_OPS: readonly PropertyOp[] = ['properties', 'tags', 'acl'];

/** The ops whose key is a folder prefix (canonicalised), not an exact object key. */
const FOLDER_OPS: ReadonlySet<CacheOp> = new Set(['list', 'version-folder', 'version-tree']);

export interface CacheKeyParts {
  readonly connectionId: string;
  readonly op: CacheOp;
  readonly bucket: string;
  /** An object key for stat/head/versions (exact: S3 keys are not normalised), a folder prefix for the others. */
  readonly key: string;
  /** List pages only: the continuation token that produced this page ("" for the first). */
  readonly cursor?: string;
}

/**
 * The only place a cache key is made. Listing stores stats and stat looks them up through this same function,
 * so the two can never disagree (the bug in docs/origin-s3-cache-fix.md). JSON keeps the parts unambiguous
 * whatever characters a key holds.
 */
export function cacheKey(parts: CacheKeyParts): string {
  const key = FOLDER_OPS.has(parts.op) ? canonicalPrefix(parts.key) : parts.key;
  return JSON.stringify([parts.connectionId, parts.op, parts.bucket, key, parts.op === 'list' ? (parts.cursor ?? '') : '']);
}

/** Identity of a folder listing across all of its pages. */
export function folderId(connectionId: string, bucket: string, prefix: string): string {
  return JSON.stringify([connectionId, bucket, canonicalPrefix(prefix)]);
}
