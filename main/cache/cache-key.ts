import { canonicalPrefix } from '../../shared/keys';

export type CacheOp = 'list' | 'stat' | 'head';

export interface CacheKeyParts {
  readonly connectionId: string;
  readonly op: CacheOp;
  readonly bucket: string;
  /** An object key for stat/head (exact: S3 keys are not normalised), a folder prefix for list. */
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
  const key = parts.op === 'list' ? canonicalPrefix(parts.key) : parts.key;
  return JSON.stringify([parts.connectionId, parts.op, parts.bucket, key, parts.op === 'list' ? (parts.cursor ?? '') : '']);
}

/** Identity of a folder listing across all of its pages. */
export function folderId(connectionId: string, bucket: string, prefix: string): string {
  return JSON.stringify([connectionId, bucket, canonicalPrefix(prefix)]);
}
