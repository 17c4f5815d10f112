import { describe, expect, it } from 'vitest';
import { formatDate, formatExactBytes, formatSize, plural } from './format';

describe('formatSize', () => {
  it('shows bytes below 1 KB and binary units above', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(1023)).toBe('1023 B');
    expect(formatSize(1024)).toBe('1.0 KB');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(10 * 1024)).toBe('10 KB');
    expect(formatSize(5 * 1024 ** 3)).toBe('5.0 GB');
  });
  it('carries rounding into the next unit instead of showing 1024', () => {
    expect(formatSize(1024 * 1024 - 1)).toBe('1.0 MB');
  });
  it('is empty for nonsense', () => {
    expect(formatSize(-1)).toBe('');
    expect(formatSize(Number.NaN)).toBe('');
  });
});

describe('formatExactBytes', () => {
  it('groups digits and pluralizes', () => {
    expect(formatExactBytes(1)).toBe('1 byte');
    expect(formatExactBytes(1234567)).toBe('1,234,567 bytes');
  });
});

describe('formatDate', () => {
  it('formats in the given time zone, empty for missing dates', () => {
    const t = Date.UTC(2026, 10, 24, 9, 5);
    expect(formatDate(t, 'en-GB', 'UTC')).toBe('24/11/2026, 09:05');
    expect(formatDate(t, 'en-GB', 'Asia/Tokyo')).toBe('24/11/2026, 18:05');
    expect(formatDate(0)).toBe('');
  });
});

describe('plural', () => {
  it('says one file, two files', () => {
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(2500, 'file')).toBe('2,500 files');
    expect(plural(2, 'match', 'matches')).toBe('2 matches');
  });
});
