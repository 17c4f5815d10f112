/**
 * Name patterns: a case-insensitive substring, a glob, or a regular expression, each tested against a key
 * relative to the search's folder. An invalid regular expression is refused with the place it goes wrong.
 */
import type { MatchMode } from '../../shared/search';
import { invalidInput } from '../core/app-error';

/** Where a pattern stops being a valid regular expression: the length of its longest valid beginning. */
export function regexErrorAt(pattern: string): number {
  for (let i = pattern.length; i >= 0; i--) {
    try {
      new RegExp(pattern.slice(0, i), 'iu');
      return i;
    } catch {
      // shorter
    }
  }
  return 0;
}

export function compileRegex(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'iu');
  } catch (error) {
    const at = regexErrorAt(pattern);
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '') : 'invalid';
    throw invalidInput(`regular expression invalid at character ${at + 1}: ${reason}\n${pattern}\n${' '.repeat(at)}^`);
  }
}

/** `**` crosses folders, `*` and `?` stay inside one name, `[…]` is a class; everything else is literal. */
export function globToRegex(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      // "**/" also matches no folder at all.
      if (glob[i + 2] === '/') {
        out += '(?:.*/)?';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = close;
      }
    } else out += ch.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  try {
    return new RegExp(`^${out}$`, 'isu');
  } catch {
    throw invalidInput(`glob invalid: ${glob}`);
  }
}

/**
 * The lower-cased suffix a glob such as "*.parquet" (also after a leading "**" and slash) amounts to, or null.
 * The query tests an ASCII one in place in the lower-cased keys (no slice per key): its lower case is the same
 * per key and over the joined keys.
 */
export function suffixGlob(pattern: string): string | null {
  const name = pattern.startsWith('**/') ? pattern.slice(3) : pattern.includes('/') ? null : pattern;
  if (name === null || !/^\*[^*?[\]/]+$/.test(name)) return null;
  return name.slice(1).toLowerCase();
}

/** A test over the relative key; a glob without "/" is tested against the name alone (like .gitignore). */
export function compileMatcher(mode: MatchMode, pattern: string): (relative: string) => boolean {
  if (pattern === '') return () => true;
  if (mode === 'substring') {
    const needle = pattern.toLowerCase();
    return (relative) => relative.toLowerCase().includes(needle);
  }
  if (mode === 'glob') {
    // "**/x" is "x" at any depth: test the name alone (backtracking over "(?:.*/)?" cost 100 ms per 1,000,000 keys).
    const tail = pattern.startsWith('**/') ? pattern.slice(3) : null;
    const suffix = suffixGlob(pattern);
    if (suffix !== null) {
      // "*.parquet": a case-insensitive suffix, no regular expression at all.
      return (relative) => relative.length >= suffix.length && relative.slice(-suffix.length).toLowerCase() === suffix;
    }
    if (tail !== null && tail !== '' && !tail.includes('/') && !tail.startsWith('**')) {
      const name = globToRegex(tail);
      return (relative) => name.test(relative.slice(relative.lastIndexOf('/') + 1));
    }
    const re = globToRegex(pattern);
    if (!pattern.includes('/')) return (relative) => re.test(relative.slice(relative.lastIndexOf('/') + 1));
    return (relative) => re.test(relative);
  }
  const re = compileRegex(pattern);
  return (relative) => re.test(relative);
}
