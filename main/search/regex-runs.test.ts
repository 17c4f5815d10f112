import { describe, expect, it } from 'vitest';
import { regexRuns } from './regex-runs';

describe('regexRuns', () => {
  it.each([
    ['\\d{7}', [7, 0, 7]],
    ['[0-9]{3,}-', [3, 0, 3]],
    ['\\d\\d\\d\\d', [4, 0, 4]],
    ['[a-z]{12}', [0, 12, 12]],
    ['[a-z0-9]{20}', [0, 0, 20]],
    ['\\w{20}', [0, 0, 20]],
    ['\\d{3}[a-f]{4}', [3, 4, 7]],
    ['^logs/(\\d{4})-\\d\\d/', [4, 4, 4]],
    ['(?:\\d\\d){3}x', [6, 1, 7]],
    ['(?<y>\\d{2})\\d+?_', [3, 0, 4]],
    ['ab\\.cd', [0, 2, 2]],
    ['\\d{3}x?\\d{4}', [4, 0, 4]],
    ['(a|b)\\d{2}', [2, 0, 2]],
    ['\\d{300}', [255, 0, 255]],
    ['[A-Z_]{5}', [0, 0, 5]],
  ])('%s needs runs of digits, letters, word characters %j', (re, needs) => {
    expect(regexRuns(re)).toEqual(needs);
  });

  it.each([
    '\\d{2}|\\d{7}',
    '\\d*',
    '\\d{0,7}',
    '\\d?\\d?',
    '.{9}',
    '[^a-z]{5}',
    '\\p{L}{5}',
    '\\u0061{5}',
    '\\x61{5}',
    '(?=\\d{9})',
    '(?<!\\d{9})x',
    'é{5}',
    '[a-zé]{5}',
    '\\D{5}',
    '\\s{5}',
    '(\\d)\\1{4}',
    '(?i:\\d{5})',
    '[\\d\\-]{5}',
    '\\d{5',
    '[a-z',
    '\\d{3})',
  ])('%s requires no run', (re) => {
    const needs = regexRuns(re);
    // Only a lone character may count: nothing of 2 or more.
    expect(needs.every((n) => n <= 1)).toBe(true);
  });
});
