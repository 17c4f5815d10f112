import { describe, expect, it } from 'vitest';
import { editProblems, headerValueProblem, metadataKeyProblem, needsCopy, parseRestore, patchTags, tagProblem } from './properties';

describe('property rules', () => {
  it('metadata names must be lower-case HTTP tokens, and say which character is wrong', () => {
    expect(metadataKeyProblem('reviewed-by')).toBeNull();
    expect(metadataKeyProblem('Owner')).toContain('write it as "owner"');
    expect(metadataKeyProblem('my key')).toContain('a space cannot be part of an HTTP header name');
    expect(metadataKeyProblem('a:b')).toContain('":" (U+003A)');
    expect(metadataKeyProblem('')).toBe('A metadata name is empty.');
  });

  it('header values must be ASCII without control characters or edge spaces', () => {
    expect(headerValueProblem('Cache-Control', 'max-age=60, public')).toBeNull();
    expect(headerValueProblem('x-amz-meta-city', 'São Paulo')).toContain('"ã" (U+00E3) cannot travel in an HTTP header');
    expect(headerValueProblem('x', 'a\nb')).toContain('U+000A');
    expect(headerValueProblem('x', ' a')).toContain('leading or trailing spaces');
  });

  it('tags: S3 key/value rules and at most 10', () => {
    expect(tagProblem('team', 'blue-1')).toBeNull();
    expect(tagProblem('aws:x', 'v')).toContain('reserved');
    expect(tagProblem('a', 'x'.repeat(257))).toContain('256');
    expect(tagProblem('a*b', 'v')).toContain('only letters');
    const ten = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: '' }));
    expect(patchTags(ten, { set: { k0: 'new' } })).toEqual({ tags: [{ key: 'k0', value: 'new' }, ...ten.slice(1)] });
    expect(patchTags(ten, { set: { extra: '1' } })).toEqual({ problem: '11 tags: S3 allows at most 10 per object.' });
    expect(patchTags(ten, { set: { extra: '1' }, remove: ['k3'] })).not.toHaveProperty('problem');
  });

  it('an edit lists every problem; an empty edit is one', () => {
    expect(editProblems({})).toEqual(['The edit changes nothing.']);
    expect(editProblems({ headers: { expires: 'soon' }, storageClass: 'standard' })).toEqual([
      'Expires: "soon" is not a date (e.g. Wed, 21 Oct 2026 07:28:00 GMT).',
      '"standard" is not a storage class name (upper case, e.g. STANDARD_IA).',
    ]);
    expect(editProblems({ headers: { contentType: 'text/plain' } })).toEqual([]);
  });

  it('only tags and ACL change in place; everything else is a copy', () => {
    expect(needsCopy({ tags: { set: { a: '1' } }, acl: 'private' })).toBe(false);
    expect(needsCopy({ storageClass: 'STANDARD_IA' })).toBe(true);
    expect(needsCopy({ metadata: { remove: ['a'] } })).toBe(true);
  });

  it('reads x-amz-restore', () => {
    expect(parseRestore(undefined)).toEqual({ state: 'none' });
    expect(parseRestore('ongoing-request="true"')).toEqual({ state: 'in-progress' });
    expect(parseRestore('ongoing-request="false", expiry-date="Fri, 21 Dec 2012 00:00:00 GMT"')).toEqual({
      state: 'available',
      until: Date.UTC(2012, 11, 21),
    });
  });
});
