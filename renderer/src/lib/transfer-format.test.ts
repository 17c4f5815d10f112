import { describe, expect, it } from 'vitest';
import { formatBytes, formatEta, formatRate, percent } from './transfer-format';

describe('transfer formatting', () => {
  it('formats bytes like the file table', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024 + 17)).toBe('3.0 MB');
    expect(formatBytes(-1)).toBe('—');
  });
  it('formats rates, empty when idle', () => {
    expect(formatRate(0)).toBe('');
    expect(formatRate(2.5 * 1024 * 1024)).toBe('2.5 MB/s');
  });
  it('formats ETAs', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(4.2)).toBe('5 s');
    expect(formatEta(75)).toBe('1 min 15 s');
    expect(formatEta(3700)).toBe('1 h 1 min');
  });
  it('computes clamped percentages', () => {
    expect(percent(50, 200)).toBe(25);
    expect(percent(5, null)).toBe(0);
    expect(percent(0, 0)).toBe(100);
    expect(percent(300, 200)).toBe(100);
  });
});
