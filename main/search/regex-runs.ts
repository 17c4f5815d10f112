/**
 * The character runs every match of a regular expression (flags "iu") must hold, for the block runs of
 * char-runs.ts: "\d{7}" → 7 digits in a row, "\d{3}[a-f]{4}" → 3 digits, 4 letters and 7 word characters.
 * Each piece of the pattern is summarised by lower bounds on its matched text: the longest run per class, the
 * run it starts and ends with, and whether all of it is of a class (then its minimum length counts). Bounds
 * only ever under-state a match, so a block they reject cannot hold one. Anything not plainly ASCII (".",
 * unicode escapes, \p{…}, negated classes, non-ASCII characters), alternation, optional atoms, assertions and
 * back-references contribute nothing and end a run; a pattern this does not parse requires nothing.
 */
import { DIGIT, LETTER, WORD, type RunNeeds } from './char-runs';
import { quantifierAt } from './regex-quantifier';

const D = 1 << DIGIT;
const L = 1 << LETTER;
const W = 1 << WORD;
const CLASSES = [DIGIT, LETTER, WORD] as const;
/** Repetition counts past this are no use: block runs are capped at 255. */
const MAX_COUNT = 256;

interface Piece {
  /** Class bits for which every character of the piece's text is of that class. */
  readonly pure: number;
  /** Minimum length of its text. */
  readonly len: number;
  /** Per class: the run its text starts with, ends with, and its longest run (lower bounds). */
  readonly pre: readonly number[];
  readonly suf: readonly number[];
  readonly best: readonly number[];
}

const NOTHING: RunNeeds = [0, 0, 0];
/** Something of unknown content: no run through it. */
const BREAK: Piece = { pure: 0, len: 0, pre: [0, 0, 0], suf: [0, 0, 0], best: [0, 0, 0] };
const EMPTY: Piece = { pure: D | L | W, len: 0, pre: [0, 0, 0], suf: [0, 0, 0], best: [0, 0, 0] };

/** One character of the classes in `bits`. */
const char = (bits: number): Piece => {
  const one = CLASSES.map((c) => (bits & (1 << c) ? 1 : 0));
  return { pure: bits, len: 1, pre: one, suf: one, best: one };
};

/** Class bits of an ASCII character (under "i" a letter stands for both cases; K and ſ see char-runs.ts). */
function bitsOf(code: number): number {
  if (code >= 0x30 && code <= 0x39) return D | W;
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return L | W;
  return code === 0x5f ? W : 0;
}

function concat(a: Piece, b: Piece): Piece {
  const pure = a.pure & b.pure;
  return {
    pure,
    len: a.len + b.len,
    pre: CLASSES.map((c) => (a.pure & (1 << c) ? a.len + b.pre[c]! : a.pre[c]!)),
    suf: CLASSES.map((c) => (b.pure & (1 << c) ? b.len + a.suf[c]! : b.suf[c]!)),
    best: CLASSES.map((c) => Math.max(a.best[c]!, b.best[c]!, a.suf[c]! + b.pre[c]!)),
  };
}

/** At least `n` (≥ 1) copies of `p` in a row: more copies only lengthen its runs. */
function repeat(p: Piece, n: number): Piece {
  let out = p;
  for (let i = 1; i < Math.min(n, MAX_COUNT); i++) out = concat(out, p);
  return out;
}

/** The runs every match of `re` holds; [0, 0, 0] when it requires none (or is not understood). */
export function regexRuns(re: string): RunNeeds {
  try {
    const [piece, end] = sequence(re, 0);
    if (end !== re.length) return NOTHING;
    const needs = CLASSES.map((c) => Math.min(255, piece.best[c]!));
    return [needs[DIGIT]!, needs[LETTER]!, needs[WORD]!];
  } catch {
    return NOTHING;
  }
}

/** Atoms in a row from `at` up to a ")" or the end; an alternation there is one unknown piece. */
function sequence(re: string, at: number): [Piece, number] {
  let out = EMPTY;
  let i = at;
  while (i < re.length && re[i] !== ')') {
    if (re[i] === '|') {
      // Skip the other branches (they still have to parse): a match may take any one of them.
      for (; i < re.length && re[i] === '|'; ) [, i] = sequence(re, i + 1);
      return [BREAK, i];
    }
    const [atom, next] = atomAt(re, i);
    const quantifier = quantifierAt(re, next);
    i = quantifier?.end ?? next;
    if (quantifier) out = concat(out, quantifier.min >= 1 ? repeat(atom, quantifier.min) : BREAK);
    else out = concat(out, atom);
  }
  return [out, i];
}

/** The atom at `at`: [piece, index after it]. */
function atomAt(re: string, at: number): [Piece, number] {
  const ch = re[at]!;
  if (ch === '\\') {
    const n = re[at + 1];
    if (n === 'd') return [char(D | W), at + 2];
    if (n === 'w') return [char(W), at + 2];
    if (n === undefined || /[pPuxck0-9]/.test(n)) throw new Error('escape not handled');
    // \D, \s, \b, an escaped punctuation mark…: nothing to count on, one character or none.
    return [BREAK, at + 2];
  }
  if (ch === '[') return classAt(re, at);
  if (ch === '(') {
    if (re.startsWith('(?=', at) || re.startsWith('(?!', at) || re.startsWith('(?<=', at) || re.startsWith('(?<!', at)) {
      const [, end] = sequence(re, re[at + 2] === '<' ? at + 4 : at + 3);
      if (re[end] !== ')') throw new Error('unclosed group');
      return [BREAK, end + 1];
    }
    let body = at + 1;
    if (re.startsWith('(?:', at)) body = at + 3;
    else if (re.startsWith('(?<', at)) body = re.indexOf('>', at) + 1;
    else if (re[at + 1] === '?') throw new Error('modifier group');
    const [inner, end] = sequence(re, body);
    if (re[end] !== ')') throw new Error('unclosed group');
    return [inner, end + 1];
  }
  if (ch === ')' || ch === ']' || ch === '}' || ch === '{' || ch === '?' || ch === '*' || ch === '+') throw new Error('syntax');
  // A literal (ASCII letters under "i" stay letters), or ".", "^", "$", a non-ASCII character: nothing.
  return [ch.charCodeAt(0) < 0x80 ? char(bitsOf(ch.charCodeAt(0))) : BREAK, at + 1];
}

/** A class of ASCII characters, ranges, \d and \w: the classes all of its members share. */
function classAt(re: string, at: number): [Piece, number] {
  let i = at + 1;
  if (re[i] === '^') throw new Error('negated class');
  let bits = D | L | W;
  let members = 0;
  for (; i < re.length && re[i] !== ']'; i++) {
    const ch = re[i]!;
    if (ch === '\\') {
      const n = re[++i];
      bits &= n === 'd' ? D | W : n === 'w' ? W : 0;
      if (n === undefined || /[pPuxck0-9]/.test(n)) throw new Error('escape not handled');
    } else if (re[i + 1] === '-' && re[i + 2] !== undefined && re[i + 2] !== ']') {
      const from = ch.charCodeAt(0);
      const to = re.charCodeAt(i + 2);
      if (re[i + 2] === '\\' || to < from || to >= 0x80) throw new Error('range not handled');
      for (let c = from; c <= to; c++) bits &= bitsOf(c);
      i += 2;
    } else bits &= ch.charCodeAt(0) < 0x80 ? bitsOf(ch.charCodeAt(0)) : 0;
    members++;
  }
  if (i >= re.length || members === 0) throw new Error('unclosed or empty class');
  return [char(bits), i + 1];
}
