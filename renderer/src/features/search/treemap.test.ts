import { describe, expect, it } from 'vitest';
import { sizesCsv, squarify } from './treemap';

describe('squarify', () => {
  it('fills the box with areas proportional to the weights, no overlap, zero weights left out', () => {
    const items = [6, 6, 4, 3, 2, 2, 1, 0];
    const tiles = squarify(items, (n) => n, 600, 400);
    expect(tiles).toHaveLength(7);
    const area = tiles.reduce((s, t) => s + t.w * t.h, 0);
    expect(area).toBeCloseTo(600 * 400, 6);
    for (const t of tiles) expect(t.w * t.h).toBeCloseTo((t.item / 24) * 600 * 400, 6);
    for (const a of tiles)
      for (const b of tiles) {
        if (a === b) continue;
        const overlapX = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
        const overlapY = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
        expect(overlapX <= 1e-9 || overlapY <= 1e-9).toBe(true);
      }
  });
});

describe('sizesCsv', () => {
  it('quotes awkward folder names and gives a column per storage class', () => {
    const part = (prefix: string, bytes: number, byClass: Record<string, number>) => ({ prefix, objects: 1, bytes, byClass, newest: 0, oldest: 0 });
    const csv = sizesCsv({
      prefix: 'd/',
      parts: [part('d/', 1, { STANDARD: 1 }), part('d/a, "b"/', 5, { GLACIER: 5 })],
      total: part('d/', 6, { STANDARD: 1, GLACIER: 5 }),
      indexedAt: 0,
    });
    expect(csv.split('\n')).toEqual([
      'folder,objects,bytes,bytes GLACIER,bytes STANDARD,oldest,newest',
      'd/,1,1,0,1,,',
      '"d/a, ""b""/",1,5,5,0,,',
      'd/ (total),1,6,5,1,,',
      '',
    ]);
  });
});
