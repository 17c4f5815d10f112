import { describe, expect, it } from 'vitest';
import { CharRuns } from './char-runs';

function runsOf(keys: string[], block: number): CharRuns {
  const lower = keys.map((k) => k.toLowerCase());
  const offsets = new Uint32Array(keys.length + 1);
  lower.forEach((k, i) => (offsets[i + 1] = offsets[i]! + k.length));
  return CharRuns.build(lower.join(''), offsets, block);
}

describe('CharRuns', () => {
  it('keeps the longest run per block, never across two keys', () => {
    // Block 0: "1234" + "567" would be 7 across the boundary of two keys, but is 4 within one.
    const runs = runsOf(['a/1234', '567/b', 'x_y-ab', 'Z9'], 2);
    expect(runs.blocks).toBe(2);
    expect(runs.candidates([5, 0, 0], null)).toEqual(new Uint32Array([]));
    expect(runs.candidates([4, 0, 0], null)).toEqual(new Uint32Array([0]));
    expect(runs.candidates([0, 2, 3], null)).toEqual(new Uint32Array([1]));
    expect(runs.candidates([0, 0, 4], null)).toEqual(new Uint32Array([0]));
    expect(runs.candidates([0, 0, 2], new Uint32Array([1]))).toEqual(new Uint32Array([1]));
  });

  it('counts the Kelvin sign (lower-cased to k) and ſ (kept) as letters, as "iu" matching does', () => {
    const runs = runsOf(['\u212Aab', 'x', 'ſss', 'y'], 2);
    expect(runs.candidates([0, 3, 3], null)).toEqual(new Uint32Array([0, 1]));
    expect(/^[a-z]{3}$/iu.test('\u212Aab') && /^\w{3}$/iu.test('ſss')).toBe(true);
  });

  it('caps runs at 255 and asks a longer need for the cap', () => {
    const runs = runsOf(['9'.repeat(400)], 32);
    expect(runs.candidates([1000, 0, 300], null)).toEqual(new Uint32Array([0]));
  });
});
