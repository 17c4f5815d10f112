import { describe, expect, it } from 'vitest';
import { fitCount, fullWidth } from './overflow-fit';

describe('toolbar overflow fit', () => {
  it('shows everything when it fits, else as many as fit beside the overflow button', () => {
    expect(fullWidth(4, 30, 2)).toBe(126);
    expect(fitCount(4, 126, 30, 2, 30)).toBe(4);
    // One px short: the overflow button (30) takes a slot, two buttons fit before it.
    expect(fitCount(4, 125, 30, 2, 30)).toBe(2);
    expect(fitCount(4, 94, 30, 2, 30)).toBe(2);
    expect(fitCount(4, 93, 30, 2, 30)).toBe(1);
    expect(fitCount(4, 30, 30, 2, 30)).toBe(0);
    expect(fitCount(4, 0, 30, 2, 30)).toBe(0);
  });
});
