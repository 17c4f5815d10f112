import { describe, expect, it } from 'vitest';
import { compareUtf8, sortByUtf8 } from './key-order';

describe('UTF-8 key order', () => {
  it('orders astral characters after U+FFFD, as S3 does, where UTF-16 order says the reverse', () => {
    const astral = '\u{1F600}';
    const bmpHigh = '\uFFFD';
    expect(astral < bmpHigh).toBe(true); // UTF-16 code units: the surrogate 0xD83D sorts first
    expect(compareUtf8(astral, bmpHigh)).toBeGreaterThan(0);
    expect(sortByUtf8([astral, bmpHigh, 'a'], (k) => k)).toEqual(['a', bmpHigh, astral]);
  });

  it('puts "a-b" before "a/b" (0x2d < 0x2f)', () => {
    expect(sortByUtf8(['a/b', 'a-b', 'a0'], (k) => k)).toEqual(['a-b', 'a/b', 'a0']);
  });
});
