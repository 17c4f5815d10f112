import { describe, expect, it } from 'vitest';
import { formatAccelerator, matchesPress, parseAccelerator } from './accelerator';
import { COMMANDS, keysOf } from './commands';

describe('accelerators', () => {
  it('parses modifiers and one key, and rejects anything else', () => {
    expect(parseAccelerator('CmdOrCtrl+Shift+N')).toEqual({ primary: true, shift: true, alt: false, key: 'N' });
    expect(parseAccelerator('Alt+Left')).toEqual({ primary: false, shift: false, alt: true, key: 'Left' });
    expect(parseAccelerator('F5')).toEqual({ primary: false, shift: false, alt: false, key: 'F5' });
    expect(parseAccelerator('CmdOrCtrl+,')?.key).toBe(',');
    for (const bad of ['', 'Shift', 'Ctrl+Shift+Shift+N', 'Shift+Shift+N', 'Hyper+N', 'CmdOrCtrl+n', 'F25', 'CmdOrCtrl+N+M']) {
      expect(parseAccelerator(bad), bad).toBeNull();
    }
  });

  it('matches the platform primary modifier exactly', () => {
    const newFolder = parseAccelerator('CmdOrCtrl+Shift+N');
    if (!newFolder) throw new Error('unparsed');
    expect(matchesPress(newFolder, { key: 'N', code: 'KeyN', ctrlKey: true, shiftKey: true }, false)).toBe(true);
    expect(matchesPress(newFolder, { key: 'N', code: 'KeyN', metaKey: true, shiftKey: true }, true)).toBe(true);
    // Ctrl on a Mac is not Cmd; a missing Shift is another shortcut.
    expect(matchesPress(newFolder, { key: 'N', code: 'KeyN', ctrlKey: true, shiftKey: true }, true)).toBe(false);
    expect(matchesPress(newFolder, { key: 'n', code: 'KeyN', ctrlKey: true }, false)).toBe(false);
    // Alt+letter on a Mac types another character; the code still names the key.
    const uri = parseAccelerator('CmdOrCtrl+Alt+C');
    if (!uri) throw new Error('unparsed');
    expect(matchesPress(uri, { key: 'ç', code: 'KeyC', metaKey: true, altKey: true }, true)).toBe(true);
    const back = parseAccelerator('Alt+Left');
    if (!back) throw new Error('unparsed');
    expect(matchesPress(back, { key: 'ArrowLeft', code: 'ArrowLeft', altKey: true }, false)).toBe(true);
    expect(matchesPress(back, { key: 'ArrowLeft', code: 'ArrowLeft' }, false)).toBe(false);
    const space = parseAccelerator('Space');
    if (!space) throw new Error('unparsed');
    expect(matchesPress(space, { key: ' ', code: 'Space' }, false)).toBe(true);
  });

  it('shows each platform its own notation', () => {
    expect(formatAccelerator('CmdOrCtrl+Shift+N', true)).toBe('⇧⌘N');
    expect(formatAccelerator('CmdOrCtrl+Shift+N', false)).toBe('Ctrl+Shift+N');
    expect(formatAccelerator('CmdOrCtrl+Backspace', true)).toBe('⌘⌫');
    expect(formatAccelerator('Alt+Left', false)).toBe('Alt+←');
  });

  it('every binding of every command parses, and no two commands share one', () => {
    for (const mac of [true, false]) {
      const owner = new Map<string, string>();
      for (const def of COMMANDS) {
        for (const key of keysOf(def, mac)) {
          expect(parseAccelerator(key), `${def.id}: ${key}`).not.toBeNull();
          expect(owner.get(key), `${key} bound twice`).toBeUndefined();
          owner.set(key, def.id);
        }
      }
    }
  });
});
