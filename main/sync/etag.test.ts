import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { candidatePartSizes, multipartEtag, parseEtag } from './etag';

const MIB = 1024 * 1024;

describe('ETags', () => {
  it('tells MD5, multipart and opaque ETags apart', () => {
    expect(parseEtag('"9E107D9D372BB6826BD81D3542A419D6"')).toEqual({ kind: 'md5', md5: '9e107d9d372bb6826bd81d3542a419d6' });
    expect(parseEtag('"9e107d9d372bb6826bd81d3542a419d6-3"')).toMatchObject({ kind: 'multipart', parts: 3 });
    expect(parseEtag('"abc"').kind).toBe('opaque');
  });

  it('infers only part sizes that give the listed part count', () => {
    const size = 20 * MIB + 1; // 5 MiB → 5 parts; 8 MiB → 3 parts
    expect(candidatePartSizes(size, 3)).toContain(8 * MIB);
    expect(candidatePartSizes(size, 3)).not.toContain(5 * MIB);
    for (const p of candidatePartSizes(size, 5)) expect(Math.ceil(size / p)).toBe(5);
    expect(candidatePartSizes(size, 5)[0]).toBe(5 * MIB);
  });

  it('recomputes a multipart ETag from part digests', () => {
    const a = createHash('md5').update('a').digest();
    const b = createHash('md5').update('b').digest();
    const expected = createHash('md5').update(Buffer.concat([a, b])).digest('hex');
    expect(multipartEtag([a, b])).toBe(`${expected}-2`);
  });
});
