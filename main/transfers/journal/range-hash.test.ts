import { describe, expect, it } from 'vitest';
import { rangeHashes } from './range-hash';

describe('range hashes (XXH64)', () => {
  it("match the algorithm's published check values, however the bytes are split", async () => {
    const newHash = await rangeHashes();
    const digest = (...pieces: string[]) => {
      const h = newHash();
      for (const p of pieces) h.update(Buffer.from(p));
      return h.digest();
    };
    // XXH64 with seed 0 (xxHash's own test vectors).
    expect(digest('')).toBe('ef46db3751d8e999');
    expect(digest('a')).toBe('d24ec4f1a98c6e5b');
    expect(digest('abc')).toBe('44bc2cf5ad770999');
    const text = 'The quick brown fox jumps over the lazy dog, and then some more bytes past the 32-byte stripe';
    expect(digest(text.slice(0, 7), text.slice(7, 40), text.slice(40))).toBe(digest(text));
  });

  it('keeps each hash its own state when several run at once', async () => {
    const newHash = await rangeHashes();
    const [a, b] = [newHash(), newHash()];
    a.update(Buffer.from('a'));
    b.update(Buffer.from('ab'));
    b.update(Buffer.from('c'));
    expect(a.digest()).toBe('d24ec4f1a98c6e5b');
    expect(b.digest()).toBe('44bc2cf5ad770999');
  });
});
