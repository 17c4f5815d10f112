/**
 * A regular expression the index cannot narrow, run over the joined keys block by block instead of on each
 * key's own slice: one exec per match instead of a slice and a test per key.
 *
 * Why no key is missed: for a context-free pattern (no ^ $ \b \B, lookaround or backreference), a match inside
 * key K's text is also a match of the joined text at the same place, so exec's leftmost match from anywhere at
 * or before K's start starts at or before it (an empty match, possible anywhere, is also possible at K's
 * start). After a match that starts in key J we test J and restart at the start of key J+1, never at the end
 * of the match, which may run into later keys: every key at or after the restart point is still ahead of the
 * scan. Matches that span keys are false candidates, which the real matcher (the caller's `visit`) removes.
 */

/** Keys per exec block: small enough that deleted keys, a full page or an early stop cost little. */
const BLOCK = 64;

/**
 * The largest bounded repetition a sweep takes. An unbounded one (* + {n,}) could run on through the whole
 * block on each failed attempt, many times the work of the same attempt inside one short key.
 */
const MAX_REPEAT = 64;

/**
 * Whether matches of `source` depend only on the characters they cover (and cannot run far past a key). It
 * errs on the side of no: anchors, word boundaries, any "(?" but "(?:", backreferences and unbounded
 * repetitions all fall back to testing key by key.
 */
export function sweepable(source: string): boolean {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      // Refused even inside a class, where "\b" is only a backspace: rare, and the safe side.
      if (/[bBk1-9]/.test(source[i + 1] ?? '')) return false;
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') inClass = true;
    else if (ch === '^' || ch === '$' || ch === '*' || ch === '+') return false;
    else if (ch === '(' && source[i + 1] === '?' && source[i + 2] !== ':') return false;
    else if (ch === '{') {
      const m = /^\{\d+(,(\d*))?\}/.exec(source.slice(i));
      if (m?.[1] !== undefined && (m[2] === '' || Number(m[2]) > MAX_REPEAT)) return false;
    }
  }
  return true;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const SURROGATE = /[\ud800-\udfff]/;

/**
 * Whether joining keys [from, to) makes a surrogate pair of a lone high surrogate at the end of one key and a
 * lone low one at the start of the next: under the "u" flag that pair is one character, which changes what
 * matches there.
 */
function pairsAcrossKeys(joined: string, offsets: Uint32Array, from: number, to: number, block: string): boolean {
  if (!SURROGATE.test(block)) return false;
  for (let i = from + 1; i < to; i++) {
    const at = offsets[i]!;
    if (at > 0 && isHigh(joined.charCodeAt(at - 1)) && isLow(joined.charCodeAt(at))) return true;
  }
  return false;
}

/** The global form of a sweepable pattern, with the matcher's own flags. */
export function sweepRegex(source: string): RegExp {
  return new RegExp(source, 'giu');
}

/**
 * A sweep pays an exec and then the matcher for each candidate: where most keys match, testing them one by
 * one costs half as much. Past this share of candidates in a block, blocks are tested key by key, with a
 * sweep every PROBE blocks to notice when matches thin out again.
 */
const DENSE = 1 / 4;
const PROBE = 8;

/**
 * A sweep of `re` (from sweepRegex) over the keys: each call calls `visit` on (at least) every key of
 * [from, to) that holds a match, the keys where a match of the joined text starts. `stop` ends it early (a
 * full first page). The calls share what they learn of match density: a query's candidate ranges are often
 * one trigram block each, and matching keys sit together in the sorted index.
 */
export function keySweeper(joined: string, offsets: Uint32Array, re: RegExp, visit: (i: number) => void, stop: () => boolean): (from: number, to: number) => void {
  let dense = false;
  let n = 0;
  return (from, to) => {
    for (let a = from; a < to && !stop(); a += BLOCK, n++) {
      const b = Math.min(to, a + BLOCK);
      const base = offsets[a]!;
      // A slice of its own (a view in V8): exec on the whole text would run on past the block when it holds no match.
      const block = joined.slice(base, offsets[b]);
      if ((dense && n % PROBE !== 0) || pairsAcrossKeys(joined, offsets, a, b, block)) {
        for (let i = a; i < b && !stop(); i++) visit(i);
        continue;
      }
      let candidates = 0;
      let i = a;
      re.lastIndex = 0;
      for (let m = re.exec(block); m !== null && !stop(); m = re.exec(block)) {
        const pos = base + m.index;
        // An empty match at the very end of the block is in no key of it.
        if (pos >= offsets[b]!) break;
        while (offsets[i + 1]! <= pos) i++;
        visit(i);
        candidates++;
        // Past this key, always forward (an empty match included): never at the match's end.
        if (++i >= b) break;
        re.lastIndex = offsets[i]! - base;
      }
      dense = candidates > (b - a) * DENSE;
    }
  };
}
