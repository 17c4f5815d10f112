import { describe, expect, it } from 'vitest';
import { restoreLabel } from './restore-label';

describe('restoreLabel', () => {
  it('says nothing without a restore', () => {
    expect(restoreLabel(undefined)).toBeNull();
    expect(restoreLabel({ state: 'none' })).toBeNull();
  });

  it('names a running restore and the end of a finished one', () => {
    expect(restoreLabel({ state: 'in-progress' })).toMatchObject({ state: 'in-progress', text: 'restoring…' });
    const until = Date.UTC(2030, 5, 1, 12, 0, 0);
    const done = restoreLabel({ state: 'available', until }, 'en-GB', 'UTC');
    expect(done?.text).toMatch(/^restored until .*2030/);
    expect(done?.title).toBe('Restored: readable until 2030-06-01T12:00:00.000Z');
    expect(restoreLabel({ state: 'available', until: null })).toMatchObject({ text: 'restored' });
  });
});
