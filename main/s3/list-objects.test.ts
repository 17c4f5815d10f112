import type { ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { decodeKey, decodePage } from './list-objects';

const out = (o: Partial<ListObjectsV2CommandOutput>): ListObjectsV2CommandOutput => ({ $metadata: {}, ...o });

describe('decodeKey', () => {
  it('undoes form url-encoding only when the server encoded', () => {
    expect(decodeKey('my+dir/a%2Bb%20c.txt', true)).toBe('my dir/a+b c.txt');
    expect(decodeKey('my+dir/a%2Bb.txt', false)).toBe('my+dir/a%2Bb.txt');
  });
});

describe('decodePage', () => {
  it("reads an archived object's RestoreStatus (AWS sends it when asked)", () => {
    const page = decodePage(
      out({
        Contents: [
          { Key: 'a', StorageClass: 'GLACIER', RestoreStatus: { IsRestoreInProgress: true } },
          { Key: 'b', StorageClass: 'DEEP_ARCHIVE', RestoreStatus: { IsRestoreInProgress: false, RestoreExpiryDate: new Date(Date.UTC(2030, 0, 1)) } },
          { Key: 'c', StorageClass: 'GLACIER' },
        ],
      }),
    );
    expect(page.objects.map((o) => o.restore ?? null)).toEqual([{ state: 'in-progress' }, { state: 'available', until: Date.UTC(2030, 0, 1) }, null]);
  });

  it('decodes objects and prefixes with defaults for what the server left out', () => {
    const page = decodePage(
      out({
        EncodingType: 'url',
        Contents: [{ Key: 'a%0Ab', Size: 3, ETag: '"e"', LastModified: new Date(5), StorageClass: 'GLACIER' }, { Key: 'c' }, {}],
        CommonPrefixes: [{ Prefix: 'sub+dir/' }, {}],
        IsTruncated: true,
        NextContinuationToken: 'next',
      }),
    );
    expect(page.objects).toEqual([
      { key: 'a\nb', size: 3, etag: '"e"', lastModified: 5, storageClass: 'GLACIER' },
      { key: 'c', size: 0, etag: '', lastModified: 0, storageClass: 'STANDARD' },
    ]);
    expect(page.prefixes).toEqual(['sub dir/']);
    expect(page.nextCursor).toBe('next');
  });
  it('has no next page unless the answer is truncated and carries a token', () => {
    expect(decodePage(out({ IsTruncated: false, NextContinuationToken: 'stale' })).nextCursor).toBeNull();
    expect(decodePage(out({ IsTruncated: true })).nextCursor).toBeNull();
  });
});
