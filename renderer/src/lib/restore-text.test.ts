import { describe, expect, it } from 'vitest';
import { restoreText } from './restore-text';

describe('restore text', () => {
  it('words x-amz-restore for archived objects, and says nothing for others', () => {
    const until = Date.UTC(2030, 0, 2, 12, 0);
    expect(restoreText('GLACIER', { state: 'in-progress' })).toBe('Restoring…');
    expect(restoreText('DEEP_ARCHIVE', { state: 'available', until }, 'en-GB', 'UTC')).toBe('Available until 02/01/2030, 12:00');
    expect(restoreText('GLACIER', { state: 'available', until: null })).toBe('Restored copy available');
    expect(restoreText('GLACIER', { state: 'none' })).toMatch(/^Archived/);
    expect(restoreText('STANDARD', { state: 'none' })).toBe('');
  });
});
