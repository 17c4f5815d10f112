import { describe, expect, it } from 'vitest';
import { checkOrder, compareUtf8, OrderError, splitPoints } from './key-ranges';

const bytes = (a: string, b: string) => Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));

describe('compareUtf8', () => {
  it('agrees with a byte comparison of the UTF-8 encodings, also where UTF-16 order differs', () => {
    const samples = ['', 'a', 'a/', 'a%', 'a+', 'a b', 'A', 'ab', '\u0001', '\u001f', 'é', '\uffff', '\ue000', '🎉', '𝄞x', '日本', 'z'];
    for (const a of samples) for (const b of samples) expect(Math.sign(compareUtf8(a, b)), `${a} vs ${b}`).toBe(bytes(a, b));
    // UTF-16 says the astral emoji sorts before U+FFFF; bytes say after.
    expect('🎉' < '\uffff').toBe(true);
    expect(compareUtf8('🎉', '\uffff')).toBeGreaterThan(0);
  });
});

describe('checkOrder', () => {
  it('accepts strictly rising keys above the start and refuses a key at or below the one before', () => {
    expect(() => checkOrder('a', ['b', 'c', '🎉'])).not.toThrow();
    expect(() => checkOrder('b', ['b'])).toThrow(OrderError);
    expect(() => checkOrder(null, ['b', 'B'])).toThrow(/out of byte order/);
  });
});

describe('splitPoints', () => {
  const page = Array.from({ length: 1000 }, (_, i) => `file-${String(i).padStart(6, '0')}`);

  it('gives ascending boundaries above the last key, inside the prefix and below hi', () => {
    const points = splitPoints(page.at(-1)!, null, page, 'file-', 7);
    expect(points.length).toBe(7);
    for (let i = 0; i < points.length; i++) {
      expect(compareUtf8(points[i]!, page.at(-1)!)).toBeGreaterThan(0);
      expect(points[i]!.startsWith('file-')).toBe(true);
      if (i > 0) expect(compareUtf8(points[i]!, points[i - 1]!)).toBeGreaterThan(0);
    }
    const bounded = splitPoints(page.at(-1)!, 'file-01', page, 'file-', 50);
    expect(bounded.length).toBeGreaterThan(0);
    for (const p of bounded) expect(compareUtf8(p, 'file-01')).toBeLessThan(0);
  });

  it('reaches far past the page (coarse cuts) as well as near it (fine cuts)', () => {
    const points = splitPoints(page.at(-1)!, null, page, '', 200);
    expect(points).toContain('file-001');
    expect(points).toContain('file-1');
  });

  it('has nothing to offer for one key or a range already narrower than a character', () => {
    expect(splitPoints('k', null, ['k'], '', 4)).toEqual([]);
    expect(splitPoints('a1', 'a2', ['a0', 'a1'], '', 4)).toEqual([]);
  });
});
