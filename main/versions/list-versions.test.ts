import { describe, expect, it } from 'vitest';
import type { ObjectVersion } from '../../shared/versions';
import { mergeInListOrder } from './list-versions';

function v(key: string, versionId: string, lastModified: number, extra: Partial<ObjectVersion> = {}): ObjectVersion {
  return { key, versionId, isLatest: false, isDeleteMarker: false, size: 1, etag: '"e"', lastModified, storageClass: 'STANDARD', ...extra };
}

describe('mergeInListOrder', () => {
  it("keeps S3's order within a list even when timestamps tie or run backwards", () => {
    // Concurrent PUTs: the latest committed version can carry an older LastModified than the one below it.
    const plain = [v('a', 'v3', 1000, { isLatest: true }), v('a', 'v2', 2000), v('a', 'v1', 2000)];
    expect(mergeInListOrder(plain, []).map((x) => x.versionId)).toEqual(['v3', 'v2', 'v1']);
  });

  it('interleaves delete markers by key, then latest, then time', () => {
    const plain = [v('a', 'a2', 300), v('a', 'a1', 100), v('b', 'b1', 500, { isLatest: true })];
    const markers = [v('a', 'm1', 400, { isLatest: true, isDeleteMarker: true }), v('a', 'm0', 200, { isDeleteMarker: true })];
    expect(mergeInListOrder(plain, markers).map((x) => x.versionId)).toEqual(['m1', 'a2', 'm0', 'a1', 'b1']);
  });

  it('orders keys by UTF-8 bytes, as S3 lists them', () => {
    const plain = [v('Z', 'z', 1), v('é', 'e', 1)];
    const markers = [v('a', 'm', 1, { isDeleteMarker: true })];
    expect(mergeInListOrder(plain, markers).map((x) => x.key)).toEqual(['Z', 'a', 'é']);
  });
});
