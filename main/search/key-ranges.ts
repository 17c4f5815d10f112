/**
 * Splitting a flat key space (no folders to split by) into ranges listed at once. A range is (lo, hi]: listed
 * with StartAfter=lo and stopped at the first key past hi, so ranges that tile the space list every key once
 * — but only on a server that orders keys by UTF-8 bytes (S3, RGW). Every page is checked against that order;
 * a server that orders otherwise (fauxqs: by locale) is caught on its first page and crawled as one range.
 * Boundaries are guessed from the keys of a range's last page (its varying tail's characters, tried at every
 * position of the key before it), so a guess costs nothing when wrong: at worst an empty range, one request.
 */

/** UTF-8 byte order (= code point order); JS's `<` compares UTF-16 units and differs past U+FFFF. */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate starts an astral code point, above every BMP one (also U+E000–U+FFFF, whose units are larger).
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** A key the server listed out of UTF-8 byte order: ranges bounded by bytes would not be exact there. */
export class OrderError extends Error {
  constructor(readonly after: string, readonly key: string) {
    super(`the server lists keys out of byte order (${JSON.stringify(key)} after ${JSON.stringify(after)})`);
  }
}

/** Throws unless `keys` rise strictly in byte order, starting above `after`. */
export function checkOrder(after: string | null, keys: readonly string[]): void {
  let prev = after;
  for (const k of keys) {
    if (prev !== null && compareUtf8(k, prev) <= 0) throw new OrderError(prev, k);
    prev = k;
  }
}

const MAX_CANDIDATES = 512;

/**
 * Up to `want` boundaries strictly between `last` (the last key listed) and `hi` (null = no end), ascending.
 * Candidates are `last` cut at a position and continued with a larger character from the page's varying tail;
 * a cut near the end lands close to `last`, a cut near the start far away, so the candidates span the range
 * from fine to coarse, and an even pick among them spreads the new ranges out.
 */
export function splitPoints(last: string, hi: string | null, sample: readonly string[], prefix: string, want: number): string[] {
  if (want <= 0 || sample.length < 2) return [];
  const cps = Array.from(last);
  const first = Array.from(sample[0]!);
  const end = Array.from(sample[sample.length - 1]!);
  let varying = 0;
  while (varying < first.length && varying < end.length && first[varying] === end[varying]) varying++;
  const alphabet = new Set<string>();
  for (const key of sample) {
    const chars = Array.from(key);
    for (let i = varying; i < Math.min(chars.length, varying + 4); i++) alphabet.add(chars[i]!);
  }
  const letters = [...alphabet].sort(compareUtf8);
  const minCut = Array.from(prefix).length;
  const candidates: string[] = [];
  for (let cut = Math.min(varying, cps.length - 1); cut >= minCut && candidates.length < MAX_CANDIDATES; cut--) {
    const head = cps.slice(0, cut).join('');
    for (const ch of letters) {
      if (compareUtf8(ch, cps[cut]!) <= 0) continue;
      const c = head + ch;
      if (hi !== null && compareUtf8(c, hi) >= 0) break;
      candidates.push(c);
    }
  }
  if (candidates.length <= want) return candidates;
  const picked: string[] = [];
  for (let i = 1; i <= want; i++) picked.push(candidates[Math.floor((i * candidates.length) / (want + 1))]!);
  return [...new Set(picked)];
}

/** How far apart two bounds are, roughly: a shorter shared beginning is a wider range (null = no end). */
export function widthOf(last: string, hi: string | null): number {
  if (hi === null) return Number.MAX_SAFE_INTEGER;
  let i = 0;
  while (i < last.length && i < hi.length && last[i] === hi[i]) i++;
  return 1_000_000 - i;
}
