/**
 * Per block of keys (the trigram index's blocks), the longest run of digits, of letters and of word
 * characters inside any one key of the lower-cased keys, one byte each (capped at 255). A regex with no
 * literal but a required run ("\d{7}", regex-runs.ts) then skips every block whose keys are too short of one,
 * instead of sweeping all the characters. Runs never span two keys, as a match never does.
 *
 * What counts: the regex runs with flags "iu" over the original keys, where [a-z] and \w also match
 * U+212A KELVIN SIGN and U+017F LONG S (they case-fold to "k" and "s"). toLowerCase turns the Kelvin sign
 * into "k" already, but keeps "ſ" as it is, so "ſ" counts as a letter and a word character here. No other
 * code point case-folds to an ASCII letter, digit or "_", and each of these lower-cases to one code unit
 * without touching its neighbours, so a run in a key is a run at least as long in its lower-cased copy.
 */

/** The classes, in the order of a block's three bytes. */
export const DIGIT = 0;
export const LETTER = 1;
export const WORD = 2;

/** Minimum run per class (DIGIT, LETTER, WORD); 0 requires nothing. */
export type RunNeeds = readonly [number, number, number];

const MAX_RUN = 255;

/** Class bits (1 << DIGIT | ...) per code unit below 0x180. */
const CLASS_BITS = (() => {
  const bits = new Uint8Array(0x180);
  for (let c = 0x30; c <= 0x39; c++) bits[c] = (1 << DIGIT) | (1 << WORD);
  for (let c = 0x61; c <= 0x7a; c++) bits[c] = bits[c - 0x20] = (1 << LETTER) | (1 << WORD);
  bits[0x5f] = 1 << WORD;
  bits[0x17f] = (1 << LETTER) | (1 << WORD);
  return bits;
})();

export class CharRuns {
  private constructor(
    readonly block: number,
    /** Three bytes a block: its longest digit, letter and word runs. */
    private readonly runs: Uint8Array,
  ) {}

  static build(lower: string, lowerOffsets: Uint32Array, block: number): CharRuns {
    const keys = lowerOffsets.length - 1;
    const blocks = Math.ceil(keys / block);
    const runs = new Uint8Array(blocks * 3);
    for (let b = 0; b < blocks; b++) {
      let bestD = 0;
      let bestL = 0;
      let bestW = 0;
      const lastKey = Math.min(keys, (b + 1) * block);
      for (let k = b * block; k < lastKey; k++) {
        let d = 0;
        let l = 0;
        let w = 0;
        const end = lowerOffsets[k + 1]!;
        for (let p = lowerOffsets[k]!; p < end; p++) {
          const c = lower.charCodeAt(p);
          const bits = c < 0x180 ? CLASS_BITS[c]! : 0;
          d = bits & (1 << DIGIT) ? d + 1 : 0;
          l = bits & (1 << LETTER) ? l + 1 : 0;
          w = bits & (1 << WORD) ? w + 1 : 0;
          if (d > bestD) bestD = d;
          if (l > bestL) bestL = l;
          if (w > bestW) bestW = w;
        }
      }
      runs[b * 3 + DIGIT] = Math.min(MAX_RUN, bestD);
      runs[b * 3 + LETTER] = Math.min(MAX_RUN, bestL);
      runs[b * 3 + WORD] = Math.min(MAX_RUN, bestW);
    }
    return new CharRuns(block, runs);
  }

  get blocks(): number {
    return this.runs.length / 3;
  }

  /**
   * Whether block `b` reaches every run `needs` asks for (each in some key, not necessarily the same one: a
   * candidate too many, never one too few); a need past the cap asks for the cap.
   */
  holds(b: number, needs: RunNeeds): boolean {
    const r = this.runs;
    const at = b * 3;
    return (
      r[at + DIGIT]! >= Math.min(MAX_RUN, needs[DIGIT]) &&
      r[at + LETTER]! >= Math.min(MAX_RUN, needs[LETTER]) &&
      r[at + WORD]! >= Math.min(MAX_RUN, needs[WORD])
    );
  }

  /** The blocks of `among` (sorted block numbers; every block when null) that hold `needs`, sorted. */
  candidates(needs: RunNeeds, among: Uint32Array | null): Uint32Array {
    const n = among === null ? this.blocks : among.length;
    const out = new Uint32Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const b = among === null ? i : among[i]!;
      if (this.holds(b, needs)) out[k++] = b;
    }
    return out.subarray(0, k);
  }

  memoryBytes(): number {
    return this.runs.byteLength;
  }
}
