import { describe, expect, it } from 'vitest';
import { expiryProblem, nameProblem } from '../../shared/operations';
import { copySource } from './copy-source';
import { decodeText, sniffImage } from './preview';
import { objectUrl } from './share';

describe('nameProblem', () => {
  it('accepts ordinary and unusual names and refuses what would make a different key', () => {
    for (const ok of ['a', 'new folder', 'ünï', 'a+b%c#?', ' leading']) expect(nameProblem(ok)).toBeNull();
    for (const bad of ['', 'a/b', '/', '.', '..', '   ']) expect(nameProblem(bad)).not.toBeNull();
  });
  it('counts the full key in UTF-8 bytes, including the folder slash', () => {
    expect(nameProblem('x'.repeat(1020), 'abc/')).toBeNull();
    expect(nameProblem('x'.repeat(1020), 'abc/', true)).not.toBeNull();
    expect(nameProblem('é'.repeat(511), 'a/')).toBeNull();
    expect(nameProblem('é'.repeat(512), 'a/')).not.toBeNull();
  });
});

describe('expiryProblem', () => {
  it('allows 1 s to 7 days in whole seconds', () => {
    expect(expiryProblem(1)).toBeNull();
    expect(expiryProblem(604_800)).toBeNull();
    for (const bad of [0, -5, 604_801, 2.5, Number.NaN]) expect(expiryProblem(bad)).not.toBeNull();
  });
});

describe('copySource', () => {
  it('percent-encodes every segment so the server decodes the exact key', () => {
    expect(copySource('b', 'a b/+%#?ü.txt')).toBe('b/a%20b/%2B%25%23%3F%C3%BC.txt');
    expect(decodeURIComponent(copySource('b', "x/(it's)*!"))).toBe("b/x/(it's)*!");
    expect(copySource('b', "(it's)")).toBe('b/%28it%27s%29');
  });
});

describe('objectUrl', () => {
  const aws = { endpoint: null, region: 'eu-west-1', forcePathStyle: false };
  it('uses virtual-hosted style on AWS and path style when forced or when the bucket is not DNS-safe', () => {
    expect(objectUrl(aws, 'my-bucket', 'a b/c+d.txt')).toBe('https://my-bucket.s3.eu-west-1.amazonaws.com/a%20b/c%2Bd.txt');
    expect(objectUrl({ ...aws, forcePathStyle: true }, 'my-bucket', 'k')).toBe('https://s3.eu-west-1.amazonaws.com/my-bucket/k');
    expect(objectUrl(aws, 'dotted.bucket', 'k')).toBe('https://s3.eu-west-1.amazonaws.com/dotted.bucket/k');
    expect(objectUrl(aws, 'Upper_Case', 'k')).toBe('https://s3.eu-west-1.amazonaws.com/Upper_Case/k');
  });
  it('builds on a custom endpoint, keeping its port and path', () => {
    const minio = { endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', forcePathStyle: true };
    expect(objectUrl(minio, 'b', 'x/y')).toBe('http://127.0.0.1:9000/b/x/y');
    const r2 = { endpoint: 'https://acct.r2.cloudflarestorage.com', region: 'auto', forcePathStyle: false };
    expect(objectUrl(r2, 'bkt', 'k')).toBe('https://bkt.acct.r2.cloudflarestorage.com/k');
    expect(objectUrl({ endpoint: 'http://host:81/s3/', region: 'x', forcePathStyle: true }, 'b', 'k')).toBe('http://host:81/s3/b/k');
  });
});

describe('preview sniffing', () => {
  it('recognises images by their first bytes', () => {
    expect(sniffImage(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffImage(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImage(new TextEncoder().encode('GIF89a'))).toBe('image/gif');
    expect(sniffImage(new TextEncoder().encode('hello'))).toBeNull();
  });
  it('decodes UTF-8 text, tolerating a character cut at the end of a truncated read, and refuses binary', () => {
    const bytes = new TextEncoder().encode('abc é');
    expect(decodeText(bytes, false)).toBe('abc é');
    expect(decodeText(bytes.subarray(0, bytes.length - 1), true)).toBe('abc ');
    expect(decodeText(bytes.subarray(0, bytes.length - 1), false)).toBeNull();
    expect(decodeText(Uint8Array.from([0x61, 0x00, 0x62]), false)).toBeNull();
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0xfd]), false)).toBeNull();
  });
});
