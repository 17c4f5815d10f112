import { describe, expect, it } from 'vitest';
import { quantifierAt } from './regex-quantifier';

describe('quantifierAt', () => {
  it('reads the minimum count and the end, lazy forms included', () => {
    expect(quantifierAt('a?b', 1)).toEqual({ min: 0, end: 2 });
    expect(quantifierAt('a*?b', 1)).toEqual({ min: 0, end: 3 });
    expect(quantifierAt('a+b', 1)).toEqual({ min: 1, end: 2 });
    expect(quantifierAt('a{7}b', 1)).toEqual({ min: 7, end: 4 });
    expect(quantifierAt('a{3,}?b', 1)).toEqual({ min: 3, end: 6 });
    expect(quantifierAt('a{0,9}b', 1)).toEqual({ min: 0, end: 6 });
    expect(quantifierAt('ab', 1)).toBeNull();
  });

  it('throws on a malformed brace, so callers derive nothing from the pattern', () => {
    expect(() => quantifierAt('a{x}', 1)).toThrow();
    expect(() => quantifierAt('a{3', 1)).toThrow();
  });
});
