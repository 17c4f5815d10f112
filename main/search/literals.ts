/**
 * Literal runs every match of a glob or regular expression must contain, so a query can find its candidate
 * keys with String.indexOf over the lower-cased joined keys (tens of milliseconds for 1,000,000 keys) and run
 * the real matcher on those only. A prefilter may let through keys that then fail; it must never drop a key
 * the matcher would take, so anything not plainly literal ends a run.
 *
 * Case: the matchers use the "iu" flags (Unicode simple case folding), the index lower-cases with
 * toLowerCase. They agree for ASCII letters except one: "ſ" (U+017F) folds to "s" but lower-cases to itself,
 * so a literal is ASCII only, and is split at "s" when the index holds an "ſ".
 */
import type { MatchMode } from '../../shared/search';

/** Shorter literals are found in nearly every key: scanning key by key costs less than mapping every hit. */
const MIN_LITERAL = 3;

const isAscii = (ch: string) => ch.charCodeAt(0) < 0x80;

/** The literal runs (as written) a match of a glob must contain, in pattern order. */
export function globLiterals(glob: string): string[] {
  const runs: string[] = [];
  let run = '';
  const cut = () => {
    if (run !== '') runs.push(run);
    run = '';
  };
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') {
      cut();
      // "**/" may match nothing at all, its "/" included (see globToRegex).
      if (glob[i + 1] === '*') i += glob[i + 2] === '/' ? 2 : 1;
    } else if (ch === '?') cut();
    else if (ch === '[' && glob.indexOf(']', i + 2) >= 0) {
      cut();
      i = glob.indexOf(']', i + 2);
    } else if (isAscii(ch)) run += ch;
    else cut();
  }
  cut();
  return runs;
}

/** Where the group opening at `open` closes (escapes and classes skipped); -1 when it does not. */
function groupEnd(re: string, open: number): number {
  let depth = 0;
  for (let i = open; i < re.length; i++) {
    const ch = re[i]!;
    if (ch === '\\') i++;
    else if (ch === '[') i = classEnd(re, i);
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
    if (i < 0) return -1;
  }
  return -1;
}

/** Where the class opening at `open` closes ("[]" and "[^]" close at once, as in JavaScript). */
function classEnd(re: string, open: number): number {
  for (let i = open + 1; i < re.length; i++) {
    if (re[i] === '\\') i++;
    else if (re[i] === ']') return i;
  }
  return -1;
}

/** Characters `\x` stands for literally (a "u"-mode identity escape). */
const SYNTAX = new Set('^$\\.*+?()[]{}|/-');

/** How many characters after the backslash an escape such as \x41, \u{1F600}, \p{L} or \k<name> spans. */
function escapeLength(re: string, at: number): number {
  const n = re[at + 1];
  const upTo = (close: string) => {
    const end = re.indexOf(close, at + 2);
    return end < 0 ? re.length - at : end - at + 1;
  };
  if (n === 'x') return 4;
  if (n === 'u') return re[at + 2] === '{' ? upTo('}') : 6;
  if (n === 'p' || n === 'P') return upTo('}');
  if (n === 'k') return upTo('>');
  if (n === 'c') return 3;
  if (n !== undefined && /[0-9]/.test(n)) {
    let end = at + 1;
    while (end < re.length && /[0-9]/.test(re[end]!)) end++;
    return end - at;
  }
  return 2;
}

/**
 * The literal runs every match of a regular expression contains. A top-level "|" means no run is required;
 * groups, classes, escapes that are not literal, anchors and "." end a run; a quantifier that allows zero
 * ("*", "?", "{0,…}" and any "{…}" to be safe) takes its character back out of the run.
 */
export function regexLiterals(re: string): string[] {
  const runs: string[] = [];
  let run = '';
  const cut = () => {
    if (run !== '') runs.push(run);
    run = '';
  };
  for (let i = 0; i < re.length; i++) {
    const ch = re[i]!;
    if (ch === '|') return [];
    if (ch === '\\') {
      const n = re[i + 1];
      if (n !== undefined && SYNTAX.has(n)) {
        run += n;
        i++;
      } else {
        cut();
        i += escapeLength(re, i) - 1;
      }
    } else if (ch === '[' || ch === '(') {
      cut();
      const end = ch === '[' ? classEnd(re, i) : groupEnd(re, i);
      if (end < 0) return [];
      i = end;
    } else if (ch === '*' || ch === '?' || ch === '{') {
      run = run.slice(0, -1);
      cut();
      if (ch === '{') {
        const end = re.indexOf('}', i);
        if (end < 0) return [];
        i = end;
      }
    } else if (ch === '+') cut();
    else if (ch === '.' || ch === '^' || ch === '$' || !isAscii(ch)) cut();
    else run += ch;
  }
  cut();
  return runs;
}

/**
 * The lower-cased literals a query's candidates must all contain, longest first: ASCII runs of two or more
 * characters (split at "s" when the index holds an "ſ"). Empty when the pattern requires none.
 */
export function prefilterLiterals(mode: MatchMode, pattern: string, indexHasLongS: boolean): string[] {
  if (pattern === '') return [];
  const runs = mode === 'substring' ? [] : mode === 'glob' ? globLiterals(pattern) : regexLiterals(pattern);
  const parts = runs.flatMap((run) => (indexHasLongS ? run.split(/s/i) : [run])).filter((p) => p.length >= 2);
  return [...new Set(parts.map((p) => p.toLowerCase()))].sort((a, b) => b.length - a.length);
}

/** The literal worth an indexOf scan: at least MIN_LITERAL characters long; null when there is none. */
export function prefilterLiteral(mode: MatchMode, pattern: string, indexHasLongS: boolean): string | null {
  return prefilterLiterals(mode, pattern, indexHasLongS).find((p) => p.length >= MIN_LITERAL) ?? null;
}

export { MIN_LITERAL };

/**
 * The literal text every match starts with (relative to the search's folder), lower-cased, or "": a glob
 * over whole keys (it has a "/") up to its first wildcard, a regular expression after a leading "^" up to
 * its first non-literal. Cut at the first "s" when the index holds an "ſ".
 */
export function anchoredStart(mode: MatchMode, pattern: string, indexHasLongS: boolean): string {
  let out = '';
  if (mode === 'glob' && pattern.includes('/')) {
    for (const ch of pattern) {
      if (ch === '*' || ch === '?' || ch === '[' || !isAscii(ch)) break;
      out += ch;
    }
  } else if (mode === 'regex' && pattern.startsWith('^') && regexLiterals(pattern).length > 0) {
    // regexLiterals is empty for a top-level "|"; below, the first run only, stopping where it would.
    for (let i = 1; i < pattern.length; i++) {
      const ch = pattern[i]!;
      if (ch === '\\' && SYNTAX.has(pattern[i + 1] ?? '')) {
        out += pattern[++i];
        continue;
      }
      if (ch === '*' || ch === '?' || ch === '{') out = out.slice(0, -1);
      if (ch === '\\' || '[(.^$*?{+|'.includes(ch) || !isAscii(ch)) break;
      out += ch;
    }
  }
  if (indexHasLongS) out = out.split(/s/i)[0]!;
  return out.toLowerCase();
}
