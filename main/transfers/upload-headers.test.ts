import { describe, expect, it } from 'vitest';
import { contentTypeFor, multipartFields, putHeaders, resolveKmsKey } from './upload-headers';

describe('upload headers', () => {
  it('guesses the content type from the name, unless one is chosen', () => {
    expect(contentTypeFor('photos/a.PNG', undefined)).toBe('image/png');
    expect(contentTypeFor('docs/report.pdf', {})).toBe('application/pdf');
    expect(contentTypeFor('data/x.json', {})).toBe('application/json');
    expect(contentTypeFor('notes/readme', {})).toBe('application/octet-stream');
    expect(contentTypeFor('notes/archive.unknownext', {})).toBe('application/octet-stream');
    expect(contentTypeFor('folder/', {})).toBe('application/x-directory');
    expect(contentTypeFor('a.png', { contentType: 'text/plain' })).toBe('text/plain');
  });

  it('sends nothing for the bucket default encryption and STANDARD, so the bucket decides', () => {
    expect(putHeaders('a.txt', { encryption: { kind: 'bucket-default' }, storageClass: 'STANDARD' })).toEqual({ 'content-type': 'text/plain' });
    expect(multipartFields('a.txt', { encryption: { kind: 'bucket-default' }, storageClass: 'STANDARD' })).toEqual({ ContentType: 'text/plain' });
  });

  it('puts class, encryption, metadata and tags in the same form on both paths', () => {
    const options = {
      storageClass: 'STANDARD_IA',
      encryption: { kind: 'aws:kms', keyId: 'alias/team' } as const,
      metadata: { owner: 'ana', 'x-y': '1' },
      tags: { team: 'blue', 'cost center': 'a/b=c' },
    };
    expect(putHeaders('d/x.csv', options)).toEqual({
      'content-type': 'text/csv',
      'x-amz-storage-class': 'STANDARD_IA',
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': 'alias/team',
      'x-amz-meta-owner': 'ana',
      'x-amz-meta-x-y': '1',
      'x-amz-tagging': 'team=blue&cost%20center=a%2Fb%3Dc',
    });
    expect(multipartFields('d/x.csv', options)).toEqual({
      ContentType: 'text/csv',
      StorageClass: 'STANDARD_IA',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'alias/team',
      Metadata: { owner: 'ana', 'x-y': '1' },
      Tagging: 'team=blue&cost%20center=a%2Fb%3Dc',
    });
    expect(putHeaders('x', { encryption: { kind: 'AES256' } })['x-amz-server-side-encryption']).toBe('AES256');
  });

  it('SSE-KMS without a key takes the bucket default key, never another', () => {
    const kms = { encryption: { kind: 'aws:kms' } as const };
    const bucketKey = { algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:us-east-1:1:key/abc' };
    expect(resolveKmsKey(kms, bucketKey)).toEqual({ encryption: { kind: 'aws:kms', keyId: 'arn:aws:kms:us-east-1:1:key/abc' } });
    // A key the user named wins; a bucket with SSE-S3 or no default leaves the choice as it is.
    expect(resolveKmsKey({ encryption: { kind: 'aws:kms', keyId: 'alias/mine' } }, bucketKey)).toEqual({ encryption: { kind: 'aws:kms', keyId: 'alias/mine' } });
    expect(resolveKmsKey(kms, { algorithm: 'AES256', kmsKeyId: null })).toEqual(kms);
    expect(resolveKmsKey(kms, null)).toEqual(kms);
    expect(resolveKmsKey({ encryption: { kind: 'bucket-default' } }, bucketKey)).toEqual({ encryption: { kind: 'bucket-default' } });
  });
});
