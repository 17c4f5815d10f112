import { describe, expect, it } from 'vitest';
import type { CacheTotals } from './folder-store';
import { looseBytes, LooseStore } from './loose-store';

function store(): { loose: LooseStore; totals: CacheTotals } {
  const totals: CacheTotals = { bytes: 0, entries: 0 };
  return { loose: new LooseStore(totals), totals };
}

describe('LooseStore', () => {
  it('keeps the totals: set adds, replacing counts once, delete and expiry subtract', () => {
    const { loose, totals } = store();
    const a = { key: 'a', size: 1 };
    loose.set('a', a, 100, looseBytes(a), 1);
    loose.set('a', a, 100, looseBytes(a), 2);
    loose.set('b', { key: 'b' }, 50, 10, 3);
    expect(totals).toEqual({ bytes: looseBytes(a) + 10, entries: 2 });
    expect(loose.get('b', 51, 4)).toBeUndefined();
    expect(totals).toEqual({ bytes: looseBytes(a), entries: 1 });
    expect(loose.delete('a')).toBe(true);
    expect(loose.delete('a')).toBe(false);
    expect(totals).toEqual({ bytes: 0, entries: 0 });
  });

  it('a read makes an entry the most recent: oldest() is the least recently used', () => {
    const { loose } = store();
    loose.set('a', {}, 100, 1, 1);
    loose.set('b', {}, 100, 1, 2);
    expect(loose.oldest()).toEqual({ key: 'a', used: 1 });
    expect(loose.get('a', 10, 3)).toMatchObject({ expiresAt: 100 });
    expect(loose.oldest()).toEqual({ key: 'b', used: 2 });
  });

  it('sweep purges only what expired; deleteWhere only what it picks', () => {
    const { loose, totals } = store();
    loose.set('old', {}, 10, 1, 1);
    loose.set('x1', {}, 100, 1, 2);
    loose.set('y1', {}, 100, 1, 3);
    expect(loose.sweep(10)).toBe(0);
    expect(loose.sweep(11)).toBe(1);
    expect(loose.deleteWhere((key) => key.startsWith('x'))).toBe(1);
    expect(totals.entries).toBe(1);
    expect(loose.get('y1', 11, 4)).toBeDefined();
  });
});
