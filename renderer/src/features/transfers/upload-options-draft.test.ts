import { describe, expect, it } from 'vitest';
import { defaultsFromDraft, draftFromDefaults, draftProblems, newRow, optionsFromDraft } from './upload-options-draft';

describe('upload options draft', () => {
  it('opens on the connection defaults and sends them back unchanged', () => {
    const defaults = { storageClass: 'STANDARD_IA', encryption: { kind: 'aws:kms', keyId: 'alias/k' } as const, metadata: { a: '1' }, tags: { t: 'v' } };
    const d = draftFromDefaults(defaults);
    expect(d).toMatchObject({ storageClass: 'STANDARD_IA', encryption: 'aws:kms', kmsKeyId: 'alias/k', contentType: '' });
    expect(optionsFromDraft(d)).toEqual(defaults);
    expect(defaultsFromDraft(d)).toEqual(defaults);
  });

  it('empty fields leave things to the server: no class, bucket encryption, guessed type', () => {
    const d = draftFromDefaults({});
    expect(optionsFromDraft(d)).toEqual({ encryption: { kind: 'bucket-default' } });
    expect(defaultsFromDraft(d)).toEqual({});
    expect(optionsFromDraft({ ...d, encryption: 'aws:kms', kmsKeyId: '  ' })).toEqual({ encryption: { kind: 'aws:kms' } });
    expect(optionsFromDraft({ ...d, contentType: 'text/plain', metadata: [newRow('', '')] })).toEqual({ encryption: { kind: 'bucket-default' }, contentType: 'text/plain' });
    // The content type is per upload, never a default.
    expect(defaultsFromDraft({ ...d, contentType: 'text/plain' })).toEqual({});
  });

  it('names each problem as it is typed', () => {
    const d = draftFromDefaults({});
    expect(draftProblems(d)).toEqual([]);
    expect(draftProblems({ ...d, metadata: [newRow('Reviewed By', 'x')] })[0]).toMatch(/lower case/);
    expect(draftProblems({ ...d, tags: [newRow('a', '1'), newRow('a', '2')] })).toContain('The tag name "a" is given twice.');
    expect(draftProblems({ ...d, contentType: 'plain' })[0]).toMatch(/media type/);
  });
});
