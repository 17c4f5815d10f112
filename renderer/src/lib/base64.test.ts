import { describe, expect, it } from 'vitest';
import { toBase64 } from './base64';

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

describe('toBase64', () => {
  it('encodes known vectors', () => {
    expect(toBase64(new Uint8Array([]))).toBe('');
    expect(toBase64(new TextEncoder().encode('f'))).toBe('Zg==');
    expect(toBase64(new TextEncoder().encode('foobar'))).toBe('Zm9vYmFy');
    expect(toBase64(new Uint8Array([0, 255, 128]))).toBe('AP+A');
  });
  it('round-trips odd-length and multi-slice inputs', () => {
    for (const n of [1, 2, 3, 100, 0x8000 + 7, 3 * 0x8000 + 1]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 131 + 7) & 0xff);
      // Compared as strings: element-wise deep equality of large arrays is slow in the test runner.
      expect(fromBase64(toBase64(bytes)).join(',')).toBe(bytes.join(','));
    }
  });
});
