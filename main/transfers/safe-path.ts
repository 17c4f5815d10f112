/**
 * Map S3 keys to local paths that can never leave the destination folder. Pure (string work and
 * node:path only, no file system), so every hostile case is unit-tested.
 *
 * S3 keys are arbitrary byte strings: "../../etc/x", "/abs", "C:\\x", "a\u0000b", "con.txt", 2000-byte names.
 * Policy: "." / empty segments are dropped, ".." segments refuse the key (guessing what the uploader meant is
 * worse than saying no), characters a file system cannot hold are replaced with "_", names too long are
 * shortened with a hash to stay unique; every change is reported as a note the user sees. A final
 * resolve + relative check refuses anything that would still land outside the destination.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

export interface PathRules {
  /** Apply Windows naming rules (reserved device names, trailing dots/spaces, <>:"|?*). */
  readonly windows: boolean;
  /** Longest file name in UTF-8 bytes (255 on ext4, APFS and NTFS-in-UTF-16 is stricter for some scripts). */
  readonly maxNameBytes: number;
}

export const DEFAULT_RULES: PathRules = { windows: process.platform === 'win32', maxNameBytes: 255 };

export type MappedPath =
  | { readonly ok: true; readonly segments: readonly string[]; readonly note: string | null }
  | { readonly ok: false; readonly reason: string };

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// Control characters are unsafe everywhere (NUL truncates paths in C APIs); Windows also forbids <>:"|?*.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/g;
const WINDOWS_ILLEGAL = /[<>:"|?*]/g;

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cut a string to at most `bytes` UTF-8 bytes without splitting a character. */
function truncateUtf8(text: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const n = utf8Length(ch);
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out;
}

/** "very-long-name.ext" → "very-lo~1a2b3c4d.ext" within maxBytes, keeping the extension when it is short. */
function shorten(name: string, maxBytes: number): string {
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && utf8Length(name.slice(dot)) <= 16 ? name.slice(dot) : '';
  const stem = ext ? name.slice(0, dot) : name;
  const room = maxBytes - utf8Length(ext) - 9;
  return `${truncateUtf8(stem, room)}~${hash}${ext}`;
}

/** Make one path segment safe, or say why it cannot be. Returns the segment and what was changed. */
export function sanitizeSegment(segment: string, rules: PathRules = DEFAULT_RULES): { name: string; changes: string[] } | { refused: string } {
  if (segment === '..') return { refused: 'contains a ".." path segment' };
  const changes: string[] = [];
  let name = segment;
  const noControl = name.replace(CONTROL, '_');
  if (noControl !== name) {
    name = noControl;
    changes.push('control characters replaced');
  }
  if (name.includes('\\')) {
    // A backslash is a separator on Windows and an ordinary character elsewhere: never a separator from a key.
    name = name.replace(/\\/g, '_');
    changes.push('backslashes replaced');
  }
  if (rules.windows) {
    const legal = name.replace(WINDOWS_ILLEGAL, '_');
    if (legal !== name) {
      name = legal;
      changes.push('characters Windows forbids replaced');
    }
    const trimmed = name.replace(/[. ]+$/, '');
    if (trimmed !== name) {
      name = trimmed === '' ? '_' : trimmed;
      changes.push('trailing dots/spaces removed');
    }
    if (WINDOWS_RESERVED.test(name)) {
      name = `_${name}`;
      changes.push('reserved Windows device name prefixed');
    }
  }
  if (name === '.' || name === '..') {
    name = name.replace(/\./g, '_');
    changes.push('dot name replaced');
  }
  if (utf8Length(name) > rules.maxNameBytes) {
    name = shorten(name, rules.maxNameBytes);
    changes.push(`name longer than ${rules.maxNameBytes} bytes shortened`);
  }
  return { name, changes };
}

/**
 * Map a key, relative to the folder it is downloaded from, to safe relative path segments. Leading or doubled
 * slashes (absolute-looking keys) and "." segments are dropped; ".." refuses the key.
 */
export function mapRelativeKey(relativeKey: string, rules: PathRules = DEFAULT_RULES): MappedPath {
  const raw = relativeKey.split('/');
  const notes = new Set<string>();
  const segments: string[] = [];
  for (const [i, part] of raw.entries()) {
    if (part === '' || part === '.') {
      // A trailing "" is a folder marker ("a/b/"), anything else is a leading or doubled slash.
      if (!(part === '' && i === raw.length - 1) && relativeKey !== '') notes.add('empty or "." path segments dropped');
      continue;
    }
    const safe = sanitizeSegment(part, rules);
    if ('refused' in safe) return { ok: false, reason: `refused: the key ${safe.refused}` };
    for (const c of safe.changes) notes.add(c);
    segments.push(safe.name);
  }
  if (segments.length === 0) return { ok: false, reason: 'refused: the key has no usable file name' };
  return { ok: true, segments, note: notes.size ? `renamed (${[...notes].join(', ')})` : null };
}

/**
 * The absolute target for safe segments under `destination`, or null if it would not be strictly inside it.
 * The last line of defence: whatever the mapping did, this is checked with path.resolve + path.relative.
 */
export function resolveInside(destination: string, segments: readonly string[]): string | null {
  const root = path.resolve(destination);
  const target = path.resolve(root, ...segments);
  const rel = path.relative(root, target);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  if (rel.split(path.sep).some((s) => s === '..')) return null;
  return target;
}

/** The key's path below the folder it was selected in: for "a/b/" selected in "a/", "a/b/c.txt" → "b/c.txt". */
export function relativeTo(baseFolder: string, key: string): string {
  return key.startsWith(baseFolder) ? key.slice(baseFolder.length) : key;
}

export type TargetPath =
  | { readonly ok: true; readonly path: string; readonly note: string | null }
  | { readonly ok: false; readonly reason: string };

/** Key → absolute local path inside `destination`, or a visible reason why not. */
export function targetFor(destination: string, relativeKey: string, rules: PathRules = DEFAULT_RULES): TargetPath {
  const mapped = mapRelativeKey(relativeKey, rules);
  if (!mapped.ok) return mapped;
  const target = resolveInside(destination, mapped.segments);
  if (target === null) return { ok: false, reason: 'refused: the key resolves outside the destination folder' };
  return { ok: true, path: target, note: mapped.note };
}

/** "report.pdf" → "report (1).pdf"; only the last extension is kept apart ("a.tar.gz" → "a.tar (1).gz"). */
export function numberedName(fileName: string, n: number): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? `${fileName.slice(0, dot)} (${n})${fileName.slice(dot)}` : `${fileName} (${n})`;
}
