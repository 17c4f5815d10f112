import { describe, expect, it } from 'vitest';
import type { Entry } from '../../../shared/types';
import { isThumbnailCandidate, ThumbnailLoader, visibleRowRange } from './thumbnails';

const object = (name: string, size = 100): Entry => ({ kind: 'object', key: `p/${name}`, name, size, lastModified: 0, etag: '', storageClass: 'STANDARD' });

function deferredFetch() {
  const calls: Array<{ key: string; resolve: (url: string | null) => void }> = [];
  const fetch = (key: string) => new Promise<string | null>((resolve) => calls.push({ key, resolve }));
  return { calls, fetch };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('isThumbnailCandidate', () => {
  it('takes non-empty images under the cap by extension, in any case', () => {
    expect(isThumbnailCandidate(object('a.PNG'))).toBe(true);
    expect(isThumbnailCandidate(object('b.jpeg'))).toBe(true);
    expect(isThumbnailCandidate(object('c.txt'))).toBe(false);
    expect(isThumbnailCandidate(object('png'))).toBe(false);
    expect(isThumbnailCandidate(object('empty.png', 0))).toBe(false);
    expect(isThumbnailCandidate(object('big.png', 9 * 1024 * 1024))).toBe(false);
    expect(isThumbnailCandidate({ kind: 'folder', key: 'x.png/', name: 'x.png' })).toBe(false);
  });
});

describe('visibleRowRange', () => {
  it('counts partly visible rows and clamps to the row count', () => {
    expect(visibleRowRange(0, 250, 100, 10)).toEqual({ first: 0, last: 2 });
    expect(visibleRowRange(150, 100, 100, 10)).toEqual({ first: 1, last: 2 });
    expect(visibleRowRange(900, 300, 100, 10)).toEqual({ first: 9, last: 9 });
    expect(visibleRowRange(0, 0, 100, 10)).toBeNull();
    expect(visibleRowRange(0, 100, 100, 0)).toBeNull();
  });
});

describe('ThumbnailLoader', () => {
  it('fetches each visible key once and never again after scrolling back', async () => {
    const { calls, fetch } = deferredFetch();
    const loader = new ThumbnailLoader(fetch, 10);
    loader.show(['a', 'b']);
    expect(calls.map((c) => c.key)).toEqual(['a', 'b']);
    calls.forEach((c) => c.resolve(`data:${c.key}`));
    await settle();
    loader.show(['c']);
    loader.show(['a', 'b', 'c']);
    expect(calls.map((c) => c.key)).toEqual(['a', 'b', 'c']);
    expect(loader.requests).toBe(3);
    expect(loader.get('a')).toEqual({ status: 'ready', url: 'data:a' });
  });

  it('drops queued keys that scrolled away before they cost a request', async () => {
    const { calls, fetch } = deferredFetch();
    const loader = new ThumbnailLoader(fetch, 1);
    loader.show(['a', 'b', 'c']);
    expect(calls.map((c) => c.key)).toEqual(['a']);
    loader.show(['d']);
    calls[0]!.resolve(null);
    await settle();
    expect(calls.map((c) => c.key)).toEqual(['a', 'd']);
    expect(loader.get('a')).toEqual({ status: 'none' });
    expect(loader.get('b')).toBeUndefined();
    expect(loader.requests).toBe(2);
  });

  it('treats a failed fetch as no thumbnail and stops after dispose', async () => {
    const loader = new ThumbnailLoader(() => Promise.reject(new Error('x')), 2);
    loader.show(['a']);
    await settle();
    expect(loader.get('a')).toEqual({ status: 'none' });
    loader.dispose();
    loader.show(['b']);
    expect(loader.requests).toBe(1);
  });
});
