import { describe, expect, it } from 'vitest';
import { editedKey } from './open-edit';

describe('editedKey', () => {
  it('puts "(edited)" before the extension, in the same folder', () => {
    expect(editedKey('docs/report.txt')).toBe('docs/report (edited).txt');
    expect(editedKey('a.tar.gz')).toBe('a.tar (edited).gz');
    expect(editedKey('notes')).toBe('notes (edited)');
    expect(editedKey('cfg/.env')).toBe('cfg/.env (edited)');
  });
});
