import { describe, expect, it, vi } from 'vitest';
import type { Entry } from '../../shared/types';
import { createManualClock } from './clock';
import { type CachedPage, DEFAULT_CACHE_OPTIONS, S3Cache } from './s3-cache';
import { OVERFLOW_TEXT, StringInterner } from './string-interner';

const C = 'conn-1';
const B = 'bucket';
const md5 = (i: number) => `"${i.toString(16).padStart(32, '0')}"`;

function obj(key: string, i = 0, extra: Partial<Entry & { kind: 'object' }> = {}): Entry {
  const name = key.slice(key.lastIndexOf('/') + 1);
  return { kind: 'object', key, name, size: i, lastModified: 1_700_000_000_123 + i, etag: md5(i), storageClass: 'STANDARD', ...extra };
}
function folderPages(prefix: string, objects: number, perPage = 1000): Array<{ cursor: string; page: CachedPage }> {
  const pages: Array<{ cursor: string; page: CachedPage }> = [];
  for (let p = 0; p * perPage < objects; p++) {
    const n = Math.min(perPage, objects - p * perPage);
    const entries = Array.from({ length: n }, (_, j) => obj(`${prefix}object-${String(p * perPage + j).padStart(7, '0')}.dat`, p * perPage + j));
    const last = (p + 1) * perPage >= objects;
    pages.push({ cursor: p === 0 ? '' : `token-${p}`, page: { entries, nextCursor: last ? null : `token-${p + 1}` } });
  }
  return pages;
}
function store(cache: S3Cache, prefix: string, objects: number, connection = C): boolean[] {
  return folderPages(prefix, objects).map(({ cursor, page }) => cache.setPage(connection, B, prefix, cursor, page));
}

describe('S3Cache compact records', () => {
  it('gives back exactly what a page held: sizes, times, MD5, multipart and odd ETags, storage classes, folders', () => {
    const cache = new S3Cache({ clock: createManualClock() });
    const entries: Entry[] = [
      obj('a/plain.txt', 7),
      obj('a/multi.bin', 2 ** 40, { etag: '"0123456789abcdef0123456789abcdef-12"', storageClass: 'GLACIER' }),
      obj('a/upper.bin', 3, { etag: '"0123456789ABCDEF0123456789ABCDEF"' }),
      obj('a/none', 0, { etag: '', lastModified: 0 }),
      { kind: 'folder', key: 'a/sub/', name: 'sub' },
      obj('a/caf\u00e9 \u{1F600} with a long name.txt', 5),
    ];
    cache.setPage(C, B, 'a/', '', { entries, nextCursor: 'next' });
    expect(cache.getPage(C, B, 'a/', '')).toEqual({ entries, nextCursor: 'next' });
    for (const e of entries) {
      const { name: _name, ...stat } = e;
      expect(cache.getStat(C, B, e.key)).toEqual(stat);
    }
  });

  it('holds one record per object: a page and its stats are not counted (or held) twice', () => {
    const cache = new S3Cache({ clock: createManualClock() });
    store(cache, 'f/', 5000);
    // 5 pages + 5000 records, and the stat index answers from them.
    expect(cache.stats().entries).toBe(5 + 5000);
    const before = cache.stats().approxBytes;
    cache.dropFolder(C, B, 'f/');
    // Pages gone, records still answer stat, and the bytes did not shrink: the records are the page's data.
    expect(cache.stats().entries).toBe(5000);
    expect(cache.stats().approxBytes).toBe(before);
    expect(cache.getStat(C, B, 'f/object-0004999.dat')).toMatchObject({ size: 4999 });
    // Re-listing replaces the old records, freeing the dropped pages' data.
    store(cache, 'f/', 5000);
    expect(cache.stats()).toMatchObject({ entries: 5005, approxBytes: before });
  });

  it('a 1,000,000-object folder stays cached within the default budget, first page to last', () => {
    const cache = new S3Cache({ ...DEFAULT_CACHE_OPTIONS, clock: createManualClock(), sweepIntervalMs: 0 });
    expect(store(cache, 'big/', 1_000_000).every(Boolean)).toBe(true);
    expect(cache.stats().entries).toBe(1000 + 1_000_000);
    expect(cache.stats().approxBytes).toBeLessThan(DEFAULT_CACHE_OPTIONS.maxBytes * 0.6);
    expect(cache.getPage(C, B, 'big/', '')?.entries[0]?.key).toBe('big/object-0000000.dat');
    expect(cache.getPage(C, B, 'big/', 'token-999')?.nextCursor).toBeNull();
    expect(cache.getStat(C, B, 'big/object-0000000.dat')).toBeDefined();
    expect(cache.getStat(C, B, 'big/object-0999999.dat')).toMatchObject({ etag: md5(999_999) });
  });

  it('never evicts the folder being viewed: other folders go first, and a folder past the budget keeps its first pages', () => {
    const cache = new S3Cache({ clock: createManualClock(), maxEntries: 3500 });
    store(cache, 'old/', 1000);
    store(cache, 'older/', 1000, 'conn-2');
    // Viewing big/ (the pin moves there) makes room by evicting old/, then stops at the budget.
    const stored = store(cache, 'big/', 5000);
    expect(stored).toEqual([true, true, false, false, false]);
    expect(cache.getPage(C, B, 'old/', '')).toBeUndefined();
    // conn-2's pinned folder (the one it views) is kept too.
    expect(cache.getPage('conn-2', B, 'older/', '')).toBeDefined();
    expect(cache.getPage(C, B, 'big/', '')?.entries).toHaveLength(1000);
    expect(cache.getPage(C, B, 'big/', 'token-1')?.entries).toHaveLength(1000);
    expect(cache.getStat(C, B, 'big/object-0000000.dat')).toBeDefined();
    expect(cache.stats().entries).toBeLessThanOrEqual(3500);
  });

  it('reading a folder from the cache pins it', () => {
    const cache = new S3Cache({ clock: createManualClock(), maxEntries: 2100 });
    store(cache, 'a/', 1000);
    store(cache, 'b/', 1000);
    expect(cache.getPage(C, B, 'a/', '')).toBeDefined();
    store(cache, 'c/', 200);
    expect(cache.getPage(C, B, 'b/', '')).toBeUndefined();
    expect(cache.getPage(C, B, 'a/', '')).toBeDefined();
  });
});

describe('S3Cache expiry', () => {
  it('sweep() purges expired pages, records and loose entries, and only those', () => {
    const clock = createManualClock();
    const cache = new S3Cache({ clock, ttlMs: 1000, sweepIntervalMs: 0 });
    store(cache, 'a/', 2500);
    cache.setStat(C, B, { kind: 'folder', key: 'x/' });
    clock.advance(600);
    store(cache, 'b/', 10);
    const bBytes = cache.stats().approxBytes;
    clock.advance(500);
    expect(cache.sweep()).toBe(3 + 2500 + 1);
    expect(cache.stats().entries).toBe(1 + 10);
    expect(cache.stats().approxBytes).toBeLessThan(bBytes);
    expect(cache.getStat(C, B, 'b/object-0000009.dat')).toBeDefined();
    clock.advance(501);
    expect(cache.sweep()).toBe(11);
    expect(cache.stats()).toMatchObject({ entries: 0, approxBytes: 0 });
  });

  it('storing a page a TTL after the last sweep purges what expired, without a timer', () => {
    const clock = createManualClock();
    const cache = new S3Cache({ clock, ttlMs: 1000, sweepIntervalMs: 0 });
    store(cache, 'a/', 3000);
    clock.advance(1001);
    store(cache, 'b/', 1);
    expect(cache.stats().entries).toBe(2);
  });

  it('an expired record is not a stat, even where its page was dropped before it expired', () => {
    const clock = createManualClock();
    const cache = new S3Cache({ clock, ttlMs: 1000, sweepIntervalMs: 0 });
    store(cache, 'a/', 1);
    cache.dropFolder(C, B, 'a/');
    clock.advance(1001);
    expect(cache.getStat(C, B, 'a/object-0000000.dat')).toBeUndefined();
    expect(cache.stats().entries).toBe(0);
  });
});

describe('S3Cache keys', () => {
  it('a newer head wins over the listed record, and a newer listing over the head', () => {
    const clock = createManualClock();
    const cache = new S3Cache({ clock, sweepIntervalMs: 0 });
    store(cache, 'a/', 1);
    const key = 'a/object-0000000.dat';
    clock.advance(10);
    cache.setHead(C, B, { key, size: 99, lastModified: 1, etag: '"h"', storageClass: 'STANDARD', contentType: null, metadata: {}, serverSideEncryption: null, versionId: null });
    expect(cache.getStat(C, B, key)).toMatchObject({ size: 99 });
    clock.advance(10);
    store(cache, 'a/', 1);
    expect(cache.getStat(C, B, key)).toMatchObject({ size: 0 });
  });

  it('stores an entry outside its folder under its own key only, and keeps "/x" apart from the root\'s "x"', () => {
    const cache = new S3Cache({ clock: createManualClock(), sweepIntervalMs: 0 });
    cache.setPage(C, B, 'a/', '', { entries: [obj('elsewhere/x'), obj('a/deep/y')], nextCursor: null });
    expect(cache.getStat(C, B, 'elsewhere/x')).toBeDefined();
    expect(cache.getStat(C, B, 'a/elsewhere/x')).toBeUndefined();
    expect(cache.getStat(C, B, 'a/deep/y')).toBeDefined();
    expect(cache.getPage(C, B, 'a/', '')?.entries.map((e) => e.key)).toEqual(['elsewhere/x', 'a/deep/y']);
    cache.setPage(C, B, '', '', { entries: [obj('x')], nextCursor: null });
    expect(cache.getStat(C, B, 'x')).toBeDefined();
    expect(cache.getStat(C, B, '/x')).toBeUndefined();
  });

  it('interns storage classes, and caps the table against a server with a new class per object', () => {
    const interner = new StringInterner(4);
    expect([interner.id('STANDARD'), interner.id('GLACIER'), interner.id('STANDARD')]).toEqual([0, 1, 0]);
    const a = interner.id('X1');
    const b = interner.id('X2');
    expect(interner.text(a)).toBe('X1');
    expect(interner.text(b)).toBe(OVERFLOW_TEXT);
    expect(interner.id('X3')).toBe(b);
    expect(interner.size).toBe(4);
  });
});

describe('S3Cache sweep timer', () => {
  it('sweeps on its own timer, and stops when disposed', async () => {
    vi.useFakeTimers();
    try {
      const clock = createManualClock();
      const cache = new S3Cache({ clock, ttlMs: 1000, sweepIntervalMs: 5000 });
      store(cache, 'a/', 10);
      clock.advance(1001);
      expect(cache.stats().entries).toBe(11);
      await vi.advanceTimersByTimeAsync(5000);
      expect(cache.stats().entries).toBe(0);
      cache.dispose();
      store(cache, 'b/', 10);
      clock.advance(1001);
      await vi.advanceTimersByTimeAsync(5000);
      expect(cache.stats().entries).toBe(11);
    } finally {
      vi.useRealTimers();
    }
  });
});
