import { describe, expect, it } from 'vitest';
import { formatBytes, formatEta, formatRate, percent } from './transfer-format';

describe('transfer formatting', () => {
  it('formats bytes in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1536)).toBe('1.54 KB');
    expect(formatBytes(12_345_678)).toBe('12.3 MB');
    expect(formatBytes(1024 ** 3)).toBe('1.07 GB');
    expect(formatBytes(-1)).toBe('—');
  });
  it('formats rates, empty when idle', () => {
    expect(formatRate(0)).toBe('');
    expect(formatRate(2_500_000)).toBe('2.50 MB/s');
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
