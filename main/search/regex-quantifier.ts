/** Reading regex sources (regex-clauses.ts, regex-runs.ts): the quantifier after an atom. */

export interface Quantifier {
  /** The fewest repetitions it allows (0 for "?", "*", "{0,…}"). */
  readonly min: number;
  /** Where it ends, past a lazy "?". */
  readonly end: number;
}

/** The quantifier at `i` of `re`, or null when there is none; a malformed "{…}" throws (callers derive nothing). */
export function quantifierAt(re: string, i: number): Quantifier | null {
  const q = re[i];
  if (q !== '?' && q !== '*' && q !== '+' && q !== '{') return null;
  let min = q === '+' ? 1 : 0;
  let end = i + 1;
  if (q === '{') {
    const close = re.indexOf('}', i);
    const counts = close < 0 ? null : /^\{(\d+)(,\d*)?\}$/.exec(re.slice(i, close + 1));
    if (!counts) throw new Error('not a quantifier');
    min = Number(counts[1]);
    end = close + 1;
  }
  if (re[end] === '?') end++;
  return { min, end };
}
