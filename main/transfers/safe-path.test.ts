import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapRelativeKey, numberedName, relativeTo, resolveInside, sanitizeSegment, targetFor, type PathRules } from './safe-path';

const POSIX: PathRules = { windows: false, maxNameBytes: 255 };
const WIN: PathRules = { windows: true, maxNameBytes: 255 };
const DEST = path.resolve('/tmp/s3desk-dest');

/** Every accepted target must be strictly inside DEST: checked independently of the implementation. */
function expectInside(p: string) {
  const rel = path.relative(DEST, p);
  expect(rel).not.toBe('');
  expect(rel.startsWith('..')).toBe(false);
  expect(path.isAbsolute(rel)).toBe(false);
}

describe('mapRelativeKey', () => {
  it('keeps ordinary keys as they are, with no note', () => {
    expect(mapRelativeKey('a/b/c.txt', POSIX)).toEqual({ ok: true, segments: ['a', 'b', 'c.txt'], note: null });
    expect(mapRelativeKey('2024-01-01T10:00:00 report.csv', POSIX)).toEqual({
      ok: true,
      segments: ['2024-01-01T10:00:00 report.csv'],
      note: null,
    });
    expect(mapRelativeKey('photos/', POSIX)).toEqual({ ok: true, segments: ['photos'], note: null });
  });

  it.each(['../../etc/x', 'a/../../b', '..', 'a/..', 'a/../b'])('refuses %j with a reason', (key) => {
    const m = mapRelativeKey(key, POSIX);
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.reason).toMatch(/\.\./);
  });

  it('drops leading and doubled slashes and "." segments, with a note', () => {
    const m = mapRelativeKey('/etc/passwd', POSIX);
    expect(m).toMatchObject({ ok: true, segments: ['etc', 'passwd'] });
    expect(m.ok && m.note).toMatch(/dropped/);
    expect(mapRelativeKey('a//./b', POSIX)).toMatchObject({ ok: true, segments: ['a', 'b'] });
    expect(mapRelativeKey('///', POSIX).ok).toBe(false);
  });

  it('never treats a backslash as a separator', () => {
    const m = mapRelativeKey('C:\\x', POSIX);
    expect(m).toMatchObject({ ok: true, segments: ['C:_x'] });
    expect(mapRelativeKey('C:\\x', WIN)).toMatchObject({ ok: true, segments: ['C__x'] });
    expect(mapRelativeKey('..\\..\\evil', WIN)).toMatchObject({ ok: true, segments: ['.._.._evil'] });
  });

  it('replaces NUL and control characters', () => {
    const m = mapRelativeKey('a\u0000b/c\u001fd\u007f', POSIX);
    expect(m).toMatchObject({ ok: true, segments: ['a_b', 'c_d_'] });
    expect(m.ok && m.note).toMatch(/control/);
  });

  it.each([
    ['con.txt', '_con.txt'],
    ['CON', '_CON'],
    ['aux.txt', '_aux.txt'],
    ['nul', '_nul'],
    ['Com1.log', '_Com1.log'],
    ['lpt9', '_lpt9'],
    ['console.txt', 'console.txt'],
  ])('prefixes the Windows reserved name %j under Windows rules', (name, expected) => {
    expect(mapRelativeKey(`dir/${name}`, WIN)).toMatchObject({ ok: true, segments: ['dir', expected] });
  });

  it('strips trailing dots and spaces under Windows rules', () => {
    expect(mapRelativeKey('name. . /file.txt  ', WIN)).toMatchObject({ ok: true, segments: ['name', 'file.txt'] });
    expect(mapRelativeKey('.../x', WIN)).toMatchObject({ ok: true, segments: ['_', 'x'] });
    expect(mapRelativeKey('a<b>c:d"e|f?g*h', WIN)).toMatchObject({ ok: true, segments: ['a_b_c_d_e_f_g_h'] });
  });

  it('shortens names over 255 UTF-8 bytes, keeping the extension, distinct per name', () => {
    const long = 'é'.repeat(200) + '.jpeg';
    const m = mapRelativeKey(`x/${long}`, POSIX);
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    const name = m.segments[1]!;
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name.endsWith('.jpeg')).toBe(true);
    expect(m.note).toMatch(/255 bytes/);
    const other = mapRelativeKey(`x/${'é'.repeat(201)}.jpeg`, POSIX);
    expect(other.ok && other.segments[1]).not.toBe(name);
    // Exactly 255 bytes is fine as it is.
    const exact = 'a'.repeat(251) + '.txt';
    expect(mapRelativeKey(exact, POSIX)).toEqual({ ok: true, segments: [exact], note: null });
  });

  it('does not split a multi-byte character when shortening', () => {
    const m = sanitizeSegment('😀'.repeat(100), POSIX);
    expect('name' in m && m.name).toBeTruthy();
    if ('name' in m) expect(m.name).not.toContain('\uFFFD');
  });
});

describe('targetFor: nothing ever resolves outside the destination', () => {
  const hostile = [
    '../../etc/x',
    'a/../../b',
    '/etc/passwd',
    '//server/share/x',
    'C:\\Windows\\system32\\x',
    'C:/x',
    '\\\\?\\C:\\x',
    'con.txt',
    'a\u0000/../b',
    '..\u0000/x',
    '.',
    './.',
    '...',
    ' ',
    'a/'.repeat(300) + 'b',
    '%2e%2e/x',
    '..%2fx',
    'x'.repeat(1000),
  ];
  for (const rules of [POSIX, WIN]) {
    it.each(hostile)(`%j (${rules.windows ? 'windows' : 'posix'} rules)`, (key) => {
      const t = targetFor(DEST, key, rules);
      if (t.ok) {
        expectInside(t.path);
        expect(t.path.includes('\u0000')).toBe(false);
        for (const part of path.relative(DEST, t.path).split(path.sep)) {
          expect(part).not.toBe('..');
          expect(Buffer.byteLength(part)).toBeLessThanOrEqual(255);
        }
      } else {
        expect(t.reason).toMatch(/^refused: /);
      }
    });
  }

  it('resolveInside refuses the destination itself and anything escaping it', () => {
    expect(resolveInside(DEST, [])).toBeNull();
    expect(resolveInside(DEST, ['..', 'x'])).toBeNull();
    expect(resolveInside(DEST, ['/etc'])).toBeNull();
    expect(resolveInside(DEST, ['a', 'b'])).toBe(path.join(DEST, 'a', 'b'));
  });
});

describe('helpers', () => {
  it('relativeTo strips the folder the selection was made in', () => {
    expect(relativeTo('a/', 'a/b/c.txt')).toBe('b/c.txt');
    expect(relativeTo('', 'top.txt')).toBe('top.txt');
  });

  it('numberedName puts the number before the last extension', () => {
    expect(numberedName('report.pdf', 1)).toBe('report (1).pdf');
    expect(numberedName('README', 2)).toBe('README (2)');
    expect(numberedName('.env', 1)).toBe('.env (1)');
  });
});
