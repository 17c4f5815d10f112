import { describe, expect, it } from 'vitest';
import { cacheKey, folderId } from './cache-key';

const base = { connectionId: 'c', bucket: 'b' } as const;

describe('cacheKey', () => {
  it('gives every spelling of a folder prefix one list key', () => {
    const a = cacheKey({ ...base, op: 'list', key: 'a/b' });
    expect(cacheKey({ ...base, op: 'list', key: 'a/b/' })).toBe(a);
    expect(cacheKey({ ...base, op: 'list', key: 'a/b/', cursor: '' })).toBe(a);
    expect(cacheKey({ ...base, op: 'list', key: '/' })).toBe(cacheKey({ ...base, op: 'list', key: '' }));
  });

  it('keeps object keys exact: S3 keys are not normalised', () => {
    const stat = (key: string) => cacheKey({ ...base, op: 'stat', key });
    expect(stat('a/b')).not.toBe(stat('a/b/'));
    expect(stat('a//b')).not.toBe(stat('a/b'));
    expect(stat('caf\u00e9')).not.toBe(stat('cafe\u0301'));
    expect(stat(' x')).not.toBe(stat('x'));
  });

  it('separates operations, pages, buckets and connections', () => {
    const keys = new Set([
      cacheKey({ ...base, op: 'stat', key: 'k' }),
      cacheKey({ ...base, op: 'head', key: 'k' }),
      cacheKey({ ...base, op: 'list', key: 'k' }),
      cacheKey({ ...base, op: 'list', key: 'k', cursor: 't1' }),
      cacheKey({ ...base, bucket: 'b2', op: 'stat', key: 'k' }),
      cacheKey({ ...base, connectionId: 'c2', op: 'stat', key: 'k' }),
    ]);
    expect(keys.size).toBe(6);
  });

  it('ignores a cursor on stat and head', () => {
    expect(cacheKey({ ...base, op: 'stat', key: 'k', cursor: 'x' })).toBe(cacheKey({ ...base, op: 'stat', key: 'k' }));
  });

  it('cannot be confused by separators inside the parts', () => {
    const one = cacheKey({ connectionId: 'c","b', bucket: 'x', op: 'stat', key: 'k' });
    const two = cacheKey({ connectionId: 'c', bucket: 'b","x', op: 'stat', key: 'k' });
    expect(one).not.toBe(two);
    expect(JSON.parse(cacheKey({ ...base, op: 'stat', key: 'a"]\\,[' }))).toEqual(['c', 'stat', 'b', 'a"]\\,[', '']);
  });
});

describe('folderId', () => {
  it('is the same for every spelling of a prefix and differs per bucket and connection', () => {
    expect(folderId('c', 'b', 'a')).toBe(folderId('c', 'b', 'a/'));
    expect(folderId('c', 'b', 'a/')).not.toBe(folderId('c', 'b2', 'a/'));
    expect(folderId('c', 'b', 'a/')).not.toBe(folderId('c2', 'b', 'a/'));
  });
});
