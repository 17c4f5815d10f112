import { describe, expect, it } from 'vitest';
import type { ObjectVersion } from '../../shared/versions';
import { cacheKey } from './cache-key';
import { S3Cache } from './s3-cache';

const version = (key: string): ObjectVersion => ({
  key,
  versionId: 'v1',
  isLatest: true,
  isDeleteMarker: false,
  size: 1,
  etag: '"e"',
  lastModified: 1,
  storageClass: 'STANDARD',
});
const entry = (key: string) => ({ versions: [version(key)], prefixes: [] });

describe('version caching', () => {
  it('keys folders canonically and exact keys exactly, apart from listings', () => {
    expect(cacheKey({ connectionId: 'c', op: 'version-tree', bucket: 'b', key: 'a' })).toBe(
      cacheKey({ connectionId: 'c', op: 'version-tree', bucket: 'b', key: 'a/' }),
    );
    expect(cacheKey({ connectionId: 'c', op: 'versions', bucket: 'b', key: 'a' })).not.toBe(
      cacheKey({ connectionId: 'c', op: 'versions', bucket: 'b', key: 'a/' }),
    );
    expect(cacheKey({ connectionId: 'c', op: 'version-folder', bucket: 'b', key: 'a/' })).not.toBe(
      cacheKey({ connectionId: 'c', op: 'list', bucket: 'b', key: 'a/' }),
    );
  });

  it('a write drops exactly that key’s versions and its ancestors’ folder versions', () => {
    let now = 0;
    const cache = new S3Cache({ sweepIntervalMs: 0, ttlMs: 1000, clock: { now: () => now } });
    cache.setVersions('c', 'b', 'versions', 'x/y/f', entry('x/y/f'));
    cache.setVersions('c', 'b', 'versions', 'x/y/g', entry('x/y/g'));
    cache.setVersions('c', 'b', 'version-tree', 'x/', entry('x/y/f'));
    cache.setVersions('c', 'b', 'version-folder', 'x/y/', entry('x/y/f'));
    cache.setVersions('c', 'b', 'version-tree', 'z/', entry('z/h'));
    cache.invalidate('c', 'b', [{ key: 'x/y/f', change: 'put' }]);
    expect(cache.getVersions('c', 'b', 'versions', 'x/y/f')).toBeUndefined();
    expect(cache.getVersions('c', 'b', 'version-tree', 'x')).toBeUndefined();
    expect(cache.getVersions('c', 'b', 'version-folder', 'x/y/')).toBeUndefined();
    expect(cache.getVersions('c', 'b', 'versions', 'x/y/g')?.versions).toHaveLength(1);
    expect(cache.getVersions('c', 'b', 'version-tree', 'z/')?.versions).toHaveLength(1);
    now = 1001;
    expect(cache.getVersions('c', 'b', 'versions', 'x/y/g')).toBeUndefined();
    expect(cache.stats().entries).toBe(1);
  });
});
