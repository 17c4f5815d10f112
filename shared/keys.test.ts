import { describe, expect, it } from 'vitest';
import { ancestorsOf, basename, canonicalPrefix, childKey, isKeyTooLong, keyByteLength, MAX_KEY_BYTES, parentOf, parseS3Location, s3Uri } from './keys';

describe('canonicalPrefix', () => {
  it('maps the root forms to ""', () => {
    expect(canonicalPrefix('')).toBe('');
    expect(canonicalPrefix('/')).toBe('');
  });
  it('adds exactly one trailing slash', () => {
    expect(canonicalPrefix('a')).toBe('a/');
    expect(canonicalPrefix('a/')).toBe('a/');
    expect(canonicalPrefix('a/b')).toBe('a/b/');
  });
  it('keeps keys S3 treats as distinct', () => {
    expect(canonicalPrefix('a//')).toBe('a//');
    expect(canonicalPrefix('/a')).toBe('/a/');
  });
});

describe('parentOf', () => {
  it('gives the listing folder of objects and markers', () => {
    expect(parentOf('a/b/f.txt')).toBe('a/b/');
    expect(parentOf('a/b/new/')).toBe('a/b/');
    expect(parentOf('top')).toBe('');
    expect(parentOf('top/')).toBe('');
    expect(parentOf('')).toBe('');
  });
  it('lists ancestors up to the root', () => {
    expect(ancestorsOf('a/b/c.txt')).toEqual(['a/b/', 'a/', '']);
    expect(ancestorsOf('x')).toEqual(['']);
  });
});

describe('names and uris', () => {
  it('takes the last segment', () => {
    expect(basename('a/b/new/')).toBe('new');
    expect(basename('a/b/f.txt')).toBe('f.txt');
    expect(basename('top')).toBe('top');
  });
  it('joins children', () => {
    expect(childKey('', 'x')).toBe('x');
    expect(childKey('a', 'x', true)).toBe('a/x/');
  });
  it('round-trips s3:// locations', () => {
    expect(s3Uri('b', 'a/')).toBe('s3://b/a/');
    expect(parseS3Location('s3://b/a/c')).toEqual({ bucket: 'b', prefix: 'a/c/' });
    expect(parseS3Location(' b ')).toEqual({ bucket: 'b', prefix: '' });
    expect(parseS3Location('/b/x/')).toEqual({ bucket: 'b', prefix: 'x/' });
    expect(parseS3Location('s3://')).toBeNull();
  });
});

describe('the key-length limit', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(keyByteLength('a/b')).toBe(3);
    expect(keyByteLength('é')).toBe(2);
    expect(keyByteLength('€')).toBe(3);
    expect(keyByteLength('😀')).toBe(4);
  });
  it('allows exactly 1,024 bytes and refuses one more', () => {
    expect(MAX_KEY_BYTES).toBe(1024);
    expect(isKeyTooLong('a'.repeat(1024))).toBe(false);
    expect(isKeyTooLong('a'.repeat(1025))).toBe(true);
    // 342 three-byte characters are 1,026 bytes though only 342 characters long.
    expect(isKeyTooLong('€'.repeat(341) + 'a')).toBe(false);
    expect(isKeyTooLong('€'.repeat(342))).toBe(true);
    expect(isKeyTooLong('😀'.repeat(256))).toBe(false);
    expect(isKeyTooLong('😀'.repeat(256) + 'a')).toBe(true);
  });
});
