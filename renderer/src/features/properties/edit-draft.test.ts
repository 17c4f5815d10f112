import { describe, expect, it } from 'vitest';
import type { ObjectProperties } from '../../../../shared/properties';
import { buildEdit, draftFrom, draftProblems, newRow } from './edit-draft';

const current = (over: Partial<ObjectProperties> = {}): ObjectProperties => ({
  key: 'a.txt',
  size: 3,
  lastModified: 0,
  etag: '"e"',
  versionId: null,
  storageClass: 'STANDARD',
  headers: { contentType: 'text/plain', cacheControl: 'max-age=60', contentDisposition: null, contentEncoding: null, contentLanguage: null, expires: null },
  metadata: { owner: 'ann', stage: 'draft' },
  encryption: { kind: 'none' },
  restore: { state: 'none' },
  tags: { ok: true, value: [{ key: 'team', value: 'red' }] },
  acl: { ok: true, value: { owner: 'o', grants: [], public: false } },
  ...over,
});

describe('edit draft', () => {
  it('one object: the form starts from the object and an untouched form changes nothing', () => {
    const c = current();
    const d = draftFrom(c);
    expect(d.headers.contentType).toBe('text/plain');
    expect(d.metadata.map((r) => [r.name, r.value])).toEqual([['owner', 'ann'], ['stage', 'draft']]);
    expect(buildEdit(d, c)).toEqual({});
  });

  it('one object: a cleared header and a deleted row are removals; changed values are set', () => {
    const c = current();
    const d = draftFrom(c);
    const edit = buildEdit(
      {
        ...d,
        headers: { ...d.headers, cacheControl: '', contentLanguage: 'en' },
        metadata: [d.metadata[0]!, { ...d.metadata[1]!, value: 'final' }],
        tags: [newRow('env', 'prod')],
        storageClass: 'STANDARD_IA',
      },
      c,
    );
    expect(edit).toEqual({
      headers: { cacheControl: null, contentLanguage: 'en' },
      metadata: { set: { stage: 'final' }, remove: [] },
      tags: { set: { env: 'prod' }, remove: ['team'] },
      storageClass: 'STANDARD_IA',
    });
  });

  it('many objects: only what is filled in is set, rows marked remove are removed', () => {
    const d = draftFrom(null);
    const edit = buildEdit({ ...d, metadata: [newRow('a', '1'), { ...newRow('old', ''), remove: true }], acl: 'public-read', encryption: 'aws:kms', kmsKeyId: ' alias/k ' }, null);
    expect(edit).toEqual({ metadata: { set: { a: '1' }, remove: ['old'] }, acl: 'public-read', encryption: { kind: 'aws:kms', keyId: 'alias/k' } });
  });

  it('unreadable tags are never removed, only added to', () => {
    const c = current({ tags: { ok: false, error: { code: 'AccessDenied', message: 'no' } } });
    const d = draftFrom(c);
    expect(d.tags).toEqual([]);
    expect(buildEdit({ ...d, tags: [newRow('x', 'y')] }, c)).toEqual({ tags: { set: { x: 'y' }, remove: [] } });
  });

  it('says what is wrong as typed: header-unsafe names and values, duplicates, S3 limits on the result', () => {
    const c = current();
    const d = draftFrom(c);
    expect(draftProblems(d, c)).toEqual([]);
    const bad = { ...d, metadata: [...d.metadata, newRow('Has Space', 'x'), newRow('owner', 'bob'), newRow('', 'orphan')] };
    const problems = draftProblems(bad, c);
    expect(problems).toContain('The metadata name "owner" is given twice.');
    expect(problems).toContain('A metadata value has no name.');
    expect(problems.some((p) => p.includes('"Has Space"') && p.includes('lower case'))).toBe(true);
    expect(draftProblems({ ...d, metadata: [newRow('note', 'naïve')] }, c).join(' ')).toMatch(/cannot travel in an HTTP header/);
    const tenMore = Array.from({ length: 10 }, (_, n) => newRow(`t${n}`, 'v'));
    expect(draftProblems({ ...d, tags: [...d.tags, ...tenMore] }, c)).toContain('11 tags: S3 allows at most 10 per object.');
    expect(draftProblems({ ...d, tags: [newRow('aws:x', 'v')] }, c).join(' ')).toMatch(/reserved/);
  });

  it('a restore: the tier asks it, days must be a whole number, and it goes alone', () => {
    const c = current({ storageClass: 'GLACIER' });
    const d = { ...draftFrom(c), restoreTier: 'Bulk' as const, restoreDays: '3' };
    expect(buildEdit(d, c)).toEqual({ restore: { tier: 'Bulk', days: 3 } });
    expect(draftProblems(d, c)).toEqual([]);
    expect(draftProblems({ ...d, restoreDays: 'two' }, c)).toContain('Restore days: type a whole number of days.');
    expect(draftProblems({ ...d, restoreDays: '0' }, c).join(' ')).toMatch(/1 to 36500 whole days/);
    expect(draftProblems({ ...d, storageClass: 'STANDARD' }, c).join(' ')).toMatch(/on its own/);
  });
});
