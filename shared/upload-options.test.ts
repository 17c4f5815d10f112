import { describe, expect, it } from 'vitest';
import { taggingOf, uploadOptionsProblems } from './upload-options';

describe('upload options', () => {
  it('accepts no options and good ones', () => {
    expect(uploadOptionsProblems({})).toEqual([]);
    expect(
      uploadOptionsProblems({ storageClass: 'GLACIER_IR', encryption: { kind: 'bucket-default' }, contentType: 'text/plain; charset=utf-8', metadata: { a: 'b' }, tags: { t: 'v' } }),
    ).toEqual([]);
  });

  it('refuses what S3 or HTTP cannot carry, with the reason', () => {
    expect(uploadOptionsProblems({ metadata: { Owner: 'x' } })[0]).toMatch(/lower case/);
    expect(uploadOptionsProblems({ metadata: { 'a b': 'x' } })[0]).toMatch(/HTTP header name/);
    expect(uploadOptionsProblems({ metadata: { a: 'é' } })[0]).toMatch(/ASCII/);
    expect(uploadOptionsProblems({ tags: { 'aws:x': '1' } })[0]).toMatch(/reserved/);
    expect(uploadOptionsProblems({ tags: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])) })[0]).toMatch(/at most 10/);
    expect(uploadOptionsProblems({ storageClass: 'cold' })[0]).toMatch(/storage class/);
    expect(uploadOptionsProblems({ contentType: 'nonsense' })[0]).toMatch(/media type/);
    expect(uploadOptionsProblems({ encryption: { kind: 'aws:kms', keyId: '' } })[0]).toMatch(/KMS key id is empty/);
  });

  it('writes tags as the x-amz-tagging query string', () => {
    expect(taggingOf(undefined)).toBeUndefined();
    expect(taggingOf({})).toBeUndefined();
    expect(taggingOf({ a: '1', 'b c': 'd&e' })).toBe('a=1&b%20c=d%26e');
  });
});
