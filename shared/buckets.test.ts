import { describe, expect, it } from 'vitest';
import { bucketNameProblem } from './buckets';

describe('bucket names', () => {
  it('accepts what S3 accepts', () => {
    for (const ok of ['abc', 'my-bucket.logs', '0day', 'a'.repeat(63)]) expect(bucketNameProblem(ok)).toBeNull();
  });

  it('refuses what S3 refuses, saying why', () => {
    expect(bucketNameProblem('ab')).toMatch(/3 to 63/);
    expect(bucketNameProblem('a'.repeat(64))).toMatch(/3 to 63/);
    expect(bucketNameProblem('My-Bucket')).toMatch(/lower-case/);
    expect(bucketNameProblem('under_score')).toMatch(/lower-case/);
    expect(bucketNameProblem('-abc')).toMatch(/begins and ends/);
    expect(bucketNameProblem('abc.')).toMatch(/begins and ends/);
    expect(bucketNameProblem('a..b')).toMatch(/two dots/);
    expect(bucketNameProblem('192.168.5.4')).toMatch(/IP address/);
    expect(bucketNameProblem('xn--abc')).toMatch(/prefix/);
    expect(bucketNameProblem('data-s3alias')).toMatch(/suffix/);
  });
});
