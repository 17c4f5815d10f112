/**
 * Which blocks of keys can hold a literal: a trigram index over the lower-cased keys at the grain of a block
 * of consecutive keys (32 for up to 2,097,120 keys), not of one key. A key-level posting list costs one entry
 * per character (1,000,000 keys of ~43 characters: 43,000,000 entries, 86-172 MB); keys in one block of the
 * sorted index share most of their trigrams (same folders, same suffixes), so a block-level list is a few
 * hundred entries a block (9 MB for the bench's 1,000,000 keys) while a rare literal still narrows a query to
 * a handful of blocks, scanned with indexOf. Trigrams are hashed into 2^18 lists: a collision only adds
 * candidate blocks, which the scan then rejects, so answers never depend on it.
 * Lists are sorted block numbers (Uint16, Uint32 past 65,535 blocks) in one array with offsets.
 */

const HASH_BITS = 18;
const HASH_SIZE = 1 << HASH_BITS;
const MASK = HASH_SIZE - 1;

const trigramOf = (a: number, b: number, c: number): number => (Math.imul((a * 0x3fb + b) * 0x3fb + c, 0x9e3779b1) >>> (32 - HASH_BITS)) & MASK;

export class TrigramIndex {
  private constructor(
    /** Keys per block. */
    readonly block: number,
    readonly blocks: number,
    private readonly starts: Uint32Array,
    private readonly postings: Uint16Array | Uint32Array,
  ) {}

  /**
   * Built in two passes over the lower-cased keys (count, then fill), each trigram counted once a block
   * (a stamp per hash slot), so memory is exactly the lists and one array of slots.
   */
  static build(lower: string, lowerOffsets: Uint32Array): TrigramIndex {
    const keys = lowerOffsets.length - 1;
    const block = Math.max(32, Math.ceil(keys / 65_535));
    const blocks = Math.ceil(keys / block);
    const stamp = new Int32Array(HASH_SIZE).fill(-1);
    const counts = new Uint32Array(HASH_SIZE + 1);
    const each = (visit: (t: number, b: number) => void) => {
      stamp.fill(-1);
      for (let b = 0; b < blocks; b++) {
        const firstKey = b * block;
        const lastKey = Math.min(keys, firstKey + block);
        for (let k = firstKey; k < lastKey; k++) {
          const end = lowerOffsets[k + 1]!;
          let p = lowerOffsets[k]!;
          if (end - p < 3) continue;
          let a = lower.charCodeAt(p);
          let c = lower.charCodeAt(p + 1);
          for (p += 2; p < end; p++) {
            const d = lower.charCodeAt(p);
            const t = trigramOf(a, c, d);
            if (stamp[t] !== b) {
              stamp[t] = b;
              visit(t, b);
            }
            a = c;
            c = d;
          }
        }
      }
    };
    each((t) => counts[t + 1]!++);
    for (let t = 0; t < HASH_SIZE; t++) counts[t + 1]! += counts[t]!;
    const postings = blocks <= 0xffff ? new Uint16Array(counts[HASH_SIZE]!) : new Uint32Array(counts[HASH_SIZE]!);
    const fill = counts.slice(0, HASH_SIZE);
    each((t, b) => (postings[fill[t]!++] = b));
    return new TrigramIndex(block, blocks, counts, postings);
  }

  /**
   * The blocks that can hold a match: for each clause, the blocks holding every trigram of at least one of
   * its strings (lower-cased, three characters or more), intersected over the clauses, as a sorted list;
   * null when there is no clause (then every block is a candidate).
   */
  candidates(clauses: readonly (readonly string[])[]): Uint32Array | null {
    let out: Uint32Array | null = null;
    const perClause = clauses.map((alternatives) => union(alternatives.map((s) => this.holding(s))));
    perClause.sort((a, b) => a.length - b.length);
    for (const blocks of perClause) {
      out = out === null ? blocks : intersect(out, blocks);
      if (out.length === 0) break;
    }
    return out;
  }

  /** The blocks holding every trigram of `s`. */
  private holding(s: string): Uint32Array {
    const lists: Array<Uint16Array | Uint32Array> = [];
    const seen = new Set<number>();
    for (let i = 0; i + 2 < s.length; i++) {
      const t = trigramOf(s.charCodeAt(i), s.charCodeAt(i + 1), s.charCodeAt(i + 2));
      if (seen.has(t)) continue;
      seen.add(t);
      lists.push(this.postings.subarray(this.starts[t]!, this.starts[t + 1]!));
    }
    lists.sort((a, b) => a.length - b.length);
    let out: Uint32Array = Uint32Array.from(lists[0] ?? []);
    for (let l = 1; l < lists.length && out.length > 0; l++) out = intersect(out, lists[l]!);
    return out;
  }

  memoryBytes(): number {
    return this.starts.byteLength + this.postings.byteLength;
  }
}

/** Sorted lists merged, each block once. */
function union(lists: readonly Uint32Array[]): Uint32Array {
  if (lists.length === 1) return lists[0]!;
  const all = new Uint32Array(lists.reduce((n, l) => n + l.length, 0));
  let at = 0;
  for (const l of lists) {
    all.set(l, at);
    at += l.length;
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i]!;
  return all.subarray(0, n);
}

/** Sorted lists: a merge when both are long, a gallop of the short one through the long one otherwise. */
function intersect(small: Uint32Array, large: Uint16Array | Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.min(small.length, large.length));
  let n = 0;
  let j = 0;
  for (let i = 0; i < small.length && j < large.length; i++) {
    const v = small[i]!;
    if (large[j]! < v) {
      // Exponential then binary search for the first entry >= v.
      let step = 1;
      let hi = j + 1;
      while (hi < large.length && large[hi]! < v) {
        j = hi;
        step *= 2;
        hi = j + step;
      }
      hi = Math.min(hi, large.length);
      while (j < hi) {
        const mid = (j + hi) >>> 1;
        if (large[mid]! < v) j = mid + 1;
        else hi = mid;
      }
    }
    if (j < large.length && large[j] === v) out[n++] = v;
  }
  return out.subarray(0, n);
}
