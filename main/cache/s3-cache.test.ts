import { describe, expect, it } from 'vitest';
import type { Entry, ObjectEntry } from '../../shared/types';
import { createManualClock } from './clock';
import { type CachedPage, DEFAULT_CACHE_OPTIONS, S3Cache } from './s3-cache';

const C = 'conn-1';
const B = 'bucket';

function obj(key: string, size = 1): Entry {
  return { kind: 'object', key, name: key.slice(key.lastIndexOf('/') + 1), size, lastModified: 1, etag: '"e"', storageClass: 'STANDARD' };
}
function dir(key: string): Entry {
  const trimmed = key.slice(0, -1);
  return { kind: 'folder', key, name: trimmed.slice(trimmed.lastIndexOf('/') + 1) };
}
function page(entries: Entry[], nextCursor: string | null = null): CachedPage {
  return { entries, nextCursor };
}
/** A realistic page of 1000 objects with keys as long as a typical deep path. */
function bigPage(prefix: string, n: number, offset = 0): CachedPage {
  return page(Array.from({ length: n }, (_, i) => obj(`${prefix}some/deeper/path/file-${String(offset + i).padStart(6, '0')}.txt`, i)));
}

describe('S3Cache TTL and counters', () => {
  it('serves pages and stats within the TTL and forgets them after it', () => {
    const clock = createManualClock();
    const cache = new S3Cache({ clock, ttlMs: 1000 });
    cache.setPage(C, B, 'a/', '', page([obj('a/x')]));
    clock.advance(999);
    expect(cache.getPage(C, B, 'a/', '')?.entries).toHaveLength(1);
    expect(cache.getStat(C, B, 'a/x')).toMatchObject({ kind: 'object', key: 'a/x' });
    clock.advance(2);
    expect(cache.getPage(C, B, 'a/', '')).toBeUndefined();
    expect(cache.getStat(C, B, 'a/x')).toBeUndefined();
  });

  it('counts hits and misses', () => {
    const cache = new S3Cache({ clock: createManualClock() });
    cache.setPage(C, B, '', '', page([obj('k')]));
    cache.getPage(C, B, '', '');
    cache.getStat(C, B, 'k');
    cache.getStat(C, B, 'missing');
    cache.getHead(C, B, 'k');
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 2, entries: 2 });
    expect(cache.stats().approxBytes).toBeGreaterThan(0);
  });

  it('finds a page under any spelling of its prefix, but stats only under the exact key', () => {
    const cache = new S3Cache({ clock: createManualClock() });
    cache.setPage(C, B, 'a', '', page([obj('a/x')]));
    expect(cache.getPage(C, B, 'a/', '')).toBeDefined();
    expect(cache.getStat(C, B, 'a/x')).toBeDefined();
    expect(cache.getStat(C, B, 'a//x')).toBeUndefined();
    expect(cache.getPage(C, B, 'a/', 'other-cursor')).toBeUndefined();
    expect(cache.getPage('conn-2', B, 'a/', '')).toBeUndefined();
  });

  it('a head also answers stat for the same key', () => {
    const cache = new S3Cache({ clock: createManualClock() });
    cache.setHead(C, B, {
      key: 'h.txt',
      size: 9,
      lastModified: 5,
      etag: '"x"',
      storageClass: 'STANDARD',
      contentType: 'text/plain',
      metadata: {},
      serverSideEncryption: null,
      versionId: null,
    });
    expect(cache.getHead(C, B, 'h.txt')?.contentType).toBe('text/plain');
    expect(cache.getStat(C, B, 'h.txt')).toEqual({ kind: 'object', key: 'h.txt', size: 9, lastModified: 5, etag: '"x"', storageClass: 'STANDARD' });
  });
});

describe('S3Cache bounds', () => {
  it('evicts the least recently used entries past maxEntries', () => {
    const cache = new S3Cache({ clock: createManualClock(), maxEntries: 5 });
    for (let i = 0; i < 8; i++) cache.setStat(C, B, { kind: 'folder', key: `f${i}/` });
    expect(cache.stats().entries).toBe(5);
    expect(cache.getStat(C, B, 'f0/')).toBeUndefined();
    expect(cache.getStat(C, B, 'f2/')).toBeUndefined();
    expect(cache.getStat(C, B, 'f3/')).toBeDefined();
    expect(cache.getStat(C, B, 'f7/')).toBeDefined();
  });

  it('evicts past maxBytes and never holds more than the bound', () => {
    const cache = new S3Cache({ clock: createManualClock(), maxBytes: 20_000 });
    for (let i = 0; i < 10; i++) cache.setPage(C, B, `p${i}/`, '', bigPage(`p${i}/`, 10));
    const { approxBytes } = cache.stats();
    expect(approxBytes).toBeLessThanOrEqual(20_000);
    expect(cache.getPage(C, B, 'p0/', '')).toBeUndefined();
    expect(cache.getPage(C, B, 'p9/', '')).toBeDefined();
  });

  it('an evicted page no longer counts as part of its folder', () => {
    const cache = new S3Cache({ clock: createManualClock(), maxEntries: 4 });
    cache.setPage(C, B, 'a/', '', page([]));
    cache.setPage(C, B, 'a/', 'c2', page([]));
    // Listing another folder moves the pin off a/, so a/ may now go to make room.
    cache.setPage(C, B, 'b/', '', page([]));
    for (let i = 0; i < 3; i++) cache.setStat(C, B, { kind: 'folder', key: `z${i}/` });
    expect(cache.dropFolder(C, B, 'a/')).toBe(0);
  });

  it('default bounds hold a 100,000-object folder: all 100 pages and every stat together', () => {
    const cache = new S3Cache({ ...DEFAULT_CACHE_OPTIONS, clock: createManualClock() });
    const prefix = 'bench/folder-100000/';
    let cursor = '';
    for (let p = 0; p < 100; p++) {
      const next = p === 99 ? null : `token-${p + 1}`;
      cache.setPage(C, B, prefix, cursor, { ...bigPage(prefix, 1000, p * 1000), nextCursor: next });
      cursor = next ?? '';
    }
    expect(cache.stats().entries).toBe(100 + 100_000);
    expect(cache.stats().approxBytes).toBeLessThan(DEFAULT_CACHE_OPTIONS.maxBytes / 2);
    expect(cache.getPage(C, B, prefix, '')?.entries).toHaveLength(1000);
    expect(cache.getPage(C, B, prefix, 'token-99')?.nextCursor).toBeNull();
    expect(cache.getStat(C, B, `${prefix}some/deeper/path/file-000000.txt`)).toBeDefined();
    expect(cache.getStat(C, B, `${prefix}some/deeper/path/file-099999.txt`)).toBeDefined();
  });
});

describe('S3Cache.invalidate', () => {
  /** Cache a small tree: root lists a/, a/ lists a/b/, a/b/ lists f.txt and old/ (two pages). */
  function tree() {
    const cache = new S3Cache({ clock: createManualClock() });
    cache.setPage(C, B, '', '', page([dir('a/'), obj('top.txt')]));
    cache.setPage(C, B, 'a/', '', page([dir('a/b/')]));
    cache.setPage(C, B, 'a/b/', '', page([obj('a/b/f.txt'), dir('a/b/old/')], 'c2'));
    cache.setPage(C, B, 'a/b/', 'c2', page([obj('a/b/g.txt')]));
    cache.setPage(C, B, 'a/b/old/', '', page([obj('a/b/old/x')]));
    cache.setHead(C, B, { key: 'a/b/f.txt', size: 1, lastModified: 1, etag: '', storageClass: 'STANDARD', contentType: null, metadata: {}, serverSideEncryption: null, versionId: null });
    return cache;
  }
  const has = (cache: S3Cache, prefix: string) => cache.getPage(C, B, prefix, '') !== undefined;

  it("a put of an object drops its stat and head and its parent's pages, and stops at a known folder", () => {
    const cache = tree();
    const result = cache.invalidate(C, B, [{ key: 'a/b/f.txt', change: 'put' }]);
    expect(cache.getStat(C, B, 'a/b/f.txt')).toBeUndefined();
    expect(cache.getHead(C, B, 'a/b/f.txt')).toBeUndefined();
    expect(has(cache, 'a/b/')).toBe(false);
    expect(cache.getPage(C, B, 'a/b/', 'c2')).toBeUndefined();
    // a/b/ was already shown by a/'s listing: nothing above it changes.
    expect(has(cache, 'a/')).toBe(true);
    expect(has(cache, '')).toBe(true);
    expect(has(cache, 'a/b/old/')).toBe(true);
    expect(cache.getStat(C, B, 'a/b/g.txt')).toBeDefined();
    expect(result.prefixes).toEqual(['a/b/']);
  });

  it("a new folder marker a/b/new/ refreshes a/b/ (its parent), not a/b/new/'s listing chain above", () => {
    const cache = tree();
    const result = cache.invalidate(C, B, [{ key: 'a/b/new/', change: 'put' }]);
    expect(has(cache, 'a/b/')).toBe(false);
    expect(has(cache, 'a/')).toBe(true);
    expect(has(cache, '')).toBe(true);
    expect(result.prefixes).toEqual(['a/b/']);
  });

  it('a put into a folder nobody has seen climbs until a known folder', () => {
    const cache = tree();
    const result = cache.invalidate(C, B, [{ key: 'a/b/fresh/deep/x.txt', change: 'put' }]);
    expect(has(cache, 'a/b/')).toBe(false);
    expect(has(cache, 'a/')).toBe(true);
    expect(result.prefixes).toEqual(['a/b/fresh/deep/', 'a/b/fresh/', 'a/b/']);
  });

  it('a top-level key refreshes the root only', () => {
    const cache = tree();
    const result = cache.invalidate(C, B, [{ key: 'new-top.txt', change: 'put' }]);
    expect(has(cache, '')).toBe(false);
    expect(has(cache, 'a/')).toBe(true);
    expect(has(cache, 'a/b/')).toBe(true);
    expect(result.prefixes).toEqual(['']);
  });

  it('a top-level folder marker refreshes the root', () => {
    const cache = tree();
    cache.invalidate(C, B, [{ key: 'newdir/', change: 'put' }]);
    expect(has(cache, '')).toBe(false);
    expect(has(cache, 'a/')).toBe(true);
  });

  it('a delete climbs to the root, dropping every ancestor listing and folder stat (folders may have emptied)', () => {
    const cache = tree();
    const result = cache.invalidate(C, B, [{ key: 'a/b/f.txt', change: 'delete' }]);
    expect(has(cache, 'a/b/')).toBe(false);
    expect(has(cache, 'a/')).toBe(false);
    expect(has(cache, '')).toBe(false);
    expect(cache.getStat(C, B, 'a/b/')).toBeUndefined();
    expect(cache.getStat(C, B, 'a/')).toBeUndefined();
    expect(has(cache, 'a/b/old/')).toBe(true);
    expect(cache.getStat(C, B, 'top.txt')).toBeDefined();
    expect(result.prefixes).toEqual(['a/b/', 'a/', '']);
  });

  it('touches nothing of other buckets or connections', () => {
    const cache = tree();
    cache.setPage('conn-2', B, 'a/b/', '', page([obj('a/b/f.txt')]));
    cache.setPage(C, 'other', 'a/b/', '', page([obj('a/b/f.txt')]));
    cache.invalidate(C, B, [{ key: 'a/b/f.txt', change: 'delete' }]);
    expect(cache.getPage('conn-2', B, 'a/b/', '')).toBeDefined();
    expect(cache.getPage(C, 'other', 'a/b/', '')).toBeDefined();
    expect(cache.getStat('conn-2', B, 'a/b/f.txt')).toBeDefined();
  });
});

describe('S3Cache.dropFolder and invalidateScope', () => {
  it('drops every page of one folder and only those', () => {
    const cache = new S3Cache({ clock: createManualClock() });
    cache.setPage(C, B, 'a/', '', page([obj('a/1')], 't1'));
    cache.setPage(C, B, 'a/', 't1', page([obj('a/2')], 't2'));
    cache.setPage(C, B, 'a/', 't2', page([obj('a/3')]));
    cache.setPage(C, B, 'a/b/', '', page([obj('a/b/1')]));
    cache.setPage(C, B, 'ab/', '', page([obj('ab/1')]));
    cache.setPage(C, 'other', 'a/', '', page([obj('a/1')]));
    expect(cache.dropFolder(C, B, 'a')).toBe(3);
    expect(cache.getPage(C, B, 'a/', '')).toBeUndefined();
    expect(cache.getPage(C, B, 'a/', 't2')).toBeUndefined();
    expect(cache.getPage(C, B, 'a/b/', '')).toBeDefined();
    expect(cache.getPage(C, B, 'ab/', '')).toBeDefined();
    expect(cache.getPage(C, 'other', 'a/', '')).toBeDefined();
    // Stats learned from the pages stay: stat answers what the listing showed until a write says otherwise.
    expect(cache.getStat(C, B, 'a/2')).toBeDefined();
    expect(cache.dropFolder(C, B, 'a/')).toBe(0);
  });

  it('a page stored again after being dropped is dropped again', () => {
    const cache = new S3Cache({ clock: createManualClock() });
    cache.setPage(C, B, 'a/', '', page([]));
    cache.setPage(C, B, 'a/', '', page([obj('a/1')]));
    expect(cache.dropFolder(C, B, 'a/')).toBe(1);
    cache.setPage(C, B, 'a/', '', page([]));
    expect(cache.dropFolder(C, B, 'a/')).toBe(1);
  });

  it('invalidateScope drops a subtree of one bucket of one connection', () => {
    const cache = new S3Cache({ clock: createManualClock() });
    cache.setPage(C, B, 'a/', '', page([obj('a/1'), dir('a/b/')]));
    cache.setPage(C, B, 'c/', '', page([obj('c/1')]));
    cache.setPage(C, 'other', 'a/', '', page([obj('a/1')]));
    expect(cache.invalidateScope(C, B, 'a')).toBe(3);
    expect(cache.getStat(C, B, 'c/1')).toBeDefined();
    expect(cache.getPage(C, 'other', 'a/', '')).toBeDefined();
    expect(cache.invalidateScope(C)).toBe(4);
    expect(cache.stats().entries).toBe(0);
  });
});

describe('S3Cache.generation', () => {
  it('refuses a page fetched across an invalidation of its folder, and stores one fetched after', () => {
    const cache = new S3Cache({ clock: createManualClock() });
    const before = cache.generation(C, B, 'a/b/');
    cache.invalidate(C, B, [{ key: 'a/b/new.txt', change: 'put' }]);
    expect(cache.setPage(C, B, 'a/b/', '', page([obj('a/b/old.txt')]), before)).toBe(false);
    expect(cache.getPage(C, B, 'a/b/', '')).toBeUndefined();
    expect(cache.getStat(C, B, 'a/b/old.txt')).toBeUndefined();
    const after = cache.generation(C, B, 'a/b/');
    expect(cache.setPage(C, B, 'a/b/', '', page([obj('a/b/new.txt')]), after)).toBe(true);
    expect(cache.getPage(C, B, 'a/b/', '')).toBeDefined();
  });

  it('changes on invalidateScope too, and not for unrelated folders', () => {
    const cache = new S3Cache({ clock: createManualClock() });
    const other = cache.generation(C, B, 'x/');
    cache.dropFolder(C, B, 'a/');
    expect(cache.generation(C, B, 'x/')).toBe(other);
    cache.invalidateScope(C, B);
    expect(cache.generation(C, B, 'x/')).not.toBe(other);
  });

  it('does not index a page too big for maxBytes', () => {
    const cache = new S3Cache({ clock: createManualClock(), maxBytes: 1000 });
    expect(cache.setPage(C, B, 'a/', '', bigPage('a/', 50))).toBe(false);
    expect(cache.getPage(C, B, 'a/', '')).toBeUndefined();
  });
});

describe('S3Cache restore states', () => {
  it('keeps a listed restore state with its record, and peeks a cached head for one without counting', () => {
    const cache = new S3Cache({ clock: createManualClock() });
    const glacier = (key: string): ObjectEntry => ({ ...(obj(key) as ObjectEntry), storageClass: 'GLACIER' });
    const cold: ObjectEntry = { ...glacier('a/cold'), restore: { state: 'available', until: 5 } };
    cache.setPage(C, B, 'a/', '', page([cold, glacier('a/ice'), obj('a/warm')]));
    const entries = cache.getPage(C, B, 'a/', '')!.entries;
    expect(entries.map((e) => (e.kind === 'object' ? (e.restore ?? null) : null))).toEqual([{ state: 'available', until: 5 }, null, null]);

    const before = cache.stats();
    expect(cache.restoreOf(C, B, 'a/ice')).toBeUndefined();
    cache.setHead(C, B, { key: 'a/ice', size: 1, lastModified: 1, etag: '"e"', storageClass: 'GLACIER', contentType: null, metadata: {}, serverSideEncryption: null, versionId: null, restore: { state: 'in-progress' } });
    expect(cache.restoreOf(C, B, 'a/ice')).toEqual({ state: 'in-progress' });
    expect(cache.stats()).toMatchObject({ hits: before.hits, misses: before.misses });
    // A write drops the head with the rest of the key's entries.
    cache.invalidate(C, B, [{ key: 'a/ice', change: 'put' }]);
    expect(cache.restoreOf(C, B, 'a/ice')).toBeUndefined();
  });
});
