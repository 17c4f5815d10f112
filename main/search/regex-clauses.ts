/**
 * What a regular expression's matches must contain, as clauses for the trigram index: each clause is a small
 * set of lower-cased strings, one of which every match contains ("host-(1|2)3/" → {"host-13/", "host-23/"};
 * "/0[1-3]/h" → {"/01/h", "/02/h", "/03/h"}). literals.ts gives the single runs; this also expands groups of
 * literal alternatives and small classes, so a pattern with no long run can still narrow the blocks.
 * Anything not plainly literal (escapes such as \d, ".", anchors, lookarounds, back-references) ends a run,
 * an optional atom ("?", "*", "{0,…}") ends it and is dropped, and ASCII only, as in literals.ts.
 */
import { quantifierAt } from './regex-quantifier';

/** Alternatives a run may grow to before it is cut (a cross product grows fast). */
const MAX_ALTERNATIVES = 64;
/** Characters a class may stand for to be expanded. */
const MAX_CLASS = 10;

interface Part {
  /** Every string the part matches, when few and literal; null otherwise. */
  readonly exact: readonly string[] | null;
  /** Clauses required inside it (for a part that is not exact). */
  readonly clauses: readonly (readonly string[])[];
}

const UNKNOWN: Part = { exact: null, clauses: [] };
const isAsciiLiteral = (ch: string) => ch.charCodeAt(0) < 0x80 && !'\\^$.|?*+()[]{}'.includes(ch);
const ESCAPED_LITERAL = new Set('^$\\.*+?()[]{}|/-');

/** The clauses (each a set of lower-cased strings of 3 characters or more) every match of `re` satisfies. */
export function regexClauses(re: string): string[][] {
  try {
    const [part, end] = sequence(re, 0);
    if (end !== re.length) return [];
    return clausesOf(part).map((c) => [...c]);
  } catch {
    return [];
  }
}

function clausesOf(part: Part): Array<readonly string[]> {
  const out = [...part.clauses];
  if (part.exact) out.push(part.exact);
  return out.filter((c) => c.length > 0 && c.every((s) => s.length >= 3));
}

/** An alternation ("a|b|c") from `at` up to a ")" or the end: [part, where it stopped]. */
function sequence(re: string, at: number): [Part, number] {
  const branches: Part[] = [];
  let i = at;
  for (;;) {
    const [branch, end] = run(re, i);
    branches.push(branch);
    i = end;
    if (re[i] !== '|') break;
    i++;
  }
  if (branches.length === 1) return [branches[0]!, i];
  const exact = branches.every((b) => b.exact) ? [...new Set(branches.flatMap((b) => b.exact!))] : null;
  return [exact && exact.length <= MAX_ALTERNATIVES ? { exact, clauses: [] } : UNKNOWN, i];
}

/** One branch: atoms in a row, literal ones multiplied out into runs. */
function run(re: string, at: number): [Part, number] {
  const clauses: Array<readonly string[]> = [];
  let cur: string[] | null = [''];
  const flush = () => {
    if (cur && !(cur.length === 1 && cur[0] === '')) clauses.push(cur);
    cur = [''];
  };
  let i = at;
  while (i < re.length && re[i] !== '|' && re[i] !== ')') {
    const [atom, next] = atomAt(re, i);
    const quantifier = quantifierAt(re, next);
    i = quantifier?.end ?? next;
    if (quantifier) {
      const { min } = quantifier;
      // Repeated or optional: what it adds is not one fixed string, so the run ends here.
      flush();
      if (min >= 1) clauses.push(...clausesOf(atom));
      continue;
    }
    if (atom.exact === null) {
      flush();
      clauses.push(...atom.clauses);
      continue;
    }
    const product: string[] = cur!.flatMap((s) => atom.exact!.map((x) => s + x));
    if (product.length > MAX_ALTERNATIVES) {
      flush();
      cur = [...atom.exact];
    } else cur = product;
  }
  const whole = clauses.length === 0 ? cur : null;
  if (whole) return [{ exact: whole, clauses: [] }, i];
  flush();
  return [{ exact: null, clauses }, i];
}

/** The atom at `at`: [part, index after it]. */
function atomAt(re: string, at: number): [Part, number] {
  const ch = re[at]!;
  if (ch === '\\') {
    const n = re[at + 1];
    if (n !== undefined && ESCAPED_LITERAL.has(n)) return [{ exact: [n.toLowerCase()], clauses: [] }, at + 2];
    // Any other escape: a class, an anchor, a code point or a back-reference; skip its own length.
    let end = at + 2;
    if (n === 'x') end = at + 4;
    else if (n === 'u') end = re[at + 2] === '{' ? re.indexOf('}', at) + 1 : at + 6;
    else if (n === 'p' || n === 'P') end = re.indexOf('}', at) + 1;
    else if (n === 'k') end = re.indexOf('>', at) + 1;
    else if (n === 'c') end = at + 3;
    else if (n !== undefined && /[0-9]/.test(n)) while (end < re.length && /[0-9]/.test(re[end]!)) end++;
    if (end <= at) throw new Error('bad escape');
    return [UNKNOWN, end];
  }
  if (ch === '[') return classAt(re, at);
  if (ch === '(') {
    const look = /^\(\?(?:[=!]|<[=!])/.test(re.slice(at, at + 4));
    const named = re.startsWith('(?<', at) && !look;
    const body = look ? re.indexOf(re[at + 2] === '<' ? re[at + 3]! : re[at + 2]!, at) + 1 : named ? re.indexOf('>', at) + 1 : re.startsWith('(?:', at) ? at + 3 : at + 1;
    if (re.startsWith('(?', at) && !look && !named && !re.startsWith('(?:', at)) throw new Error('modifier group');
    const [inner, end] = sequence(re, body);
    if (re[end] !== ')') throw new Error('unclosed group');
    return [look ? UNKNOWN : inner, end + 1];
  }
  if (isAsciiLiteral(ch)) return [{ exact: [ch.toLowerCase()], clauses: [] }, at + 1];
  // ".", "^", "$", or a non-ASCII character (case folding differs from toLowerCase there).
  return [UNKNOWN, at + 1];
}

/** A class of a few ASCII letters, digits or ranges ("[1-3]", "[abc]"); anything else is unknown. */
function classAt(re: string, at: number): [Part, number] {
  let i = at + 1;
  const chars = new Set<string>();
  let simple = re[i] !== '^' && re[i] !== ']';
  for (; i < re.length && re[i] !== ']'; i++) {
    const ch = re[i]!;
    if (ch === '\\') {
      simple = false;
      i++;
      continue;
    }
    if (re[i + 1] === '-' && re[i + 2] !== undefined && re[i + 2] !== ']') {
      const from = ch.charCodeAt(0);
      const to = re.charCodeAt(i + 2);
      if (to < from || to - from >= MAX_CLASS || to >= 0x80) simple = false;
      else for (let c = from; c <= to; c++) chars.add(String.fromCharCode(c).toLowerCase());
      i += 2;
    } else if (ch.charCodeAt(0) < 0x80) chars.add(ch.toLowerCase());
    else simple = false;
  }
  if (i >= re.length) throw new Error('unclosed class');
  return [simple && chars.size > 0 && chars.size <= MAX_CLASS ? { exact: [...chars], clauses: [] } : UNKNOWN, i + 1];
}
