import { describe, expect, it } from 'vitest';
import { type KeyPress, shellCommandFor } from './shell-shortcuts';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('shellCommandFor', () => {
  it('maps Ctrl shortcuts on Windows/Linux', () => {
    expect(shellCommandFor(press('t', { ctrlKey: true }), false)).toEqual({ kind: 'new-tab' });
    expect(shellCommandFor(press('W', { ctrlKey: true }), false)).toEqual({ kind: 'close-tab' });
    expect(shellCommandFor(press('d', { ctrlKey: true }), false)).toEqual({ kind: 'bookmark' });
    expect(shellCommandFor(press('b', { ctrlKey: true }), false)).toEqual({ kind: 'toggle-sidebar' });
    expect(shellCommandFor(press('3', { ctrlKey: true }), false)).toEqual({ kind: 'number', n: 3 });
    expect(shellCommandFor(press('Tab', { ctrlKey: true }), false)).toEqual({ kind: 'cycle', delta: 1 });
    expect(shellCommandFor(press('Tab', { ctrlKey: true, shiftKey: true }), false)).toEqual({ kind: 'cycle', delta: -1 });
    expect(shellCommandFor(press('PageUp', { ctrlKey: true }), false)).toEqual({ kind: 'cycle', delta: -1 });
    expect(shellCommandFor(press('PageDown', { ctrlKey: true, shiftKey: true }), false)).toEqual({ kind: 'move', delta: 1 });
    expect(shellCommandFor(press('PageUp', { ctrlKey: true, shiftKey: true }), false)).toEqual({ kind: 'move', delta: -1 });
  });
  it('uses Cmd on macOS for letters and digits, Ctrl for tab cycling', () => {
    expect(shellCommandFor(press('t', { metaKey: true }), true)).toEqual({ kind: 'new-tab' });
    expect(shellCommandFor(press('t', { ctrlKey: true }), true)).toBeNull();
    expect(shellCommandFor(press('Tab', { ctrlKey: true }), true)).toEqual({ kind: 'cycle', delta: 1 });
  });
  it('leaves other keys alone', () => {
    expect(shellCommandFor(press('t'), false)).toBeNull();
    expect(shellCommandFor(press('t', { ctrlKey: true, altKey: true }), false)).toBeNull();
    expect(shellCommandFor(press('T', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
    expect(shellCommandFor(press('r', { ctrlKey: true }), false)).toBeNull();
  });
});
