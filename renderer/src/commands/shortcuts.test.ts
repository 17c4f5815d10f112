import { describe, expect, it } from 'vitest';
import { formatAccelerator } from '../../../shared/accelerator';
import { commandForKey, shortcutLabel } from './shortcuts';

const PAGE = { typing: false, control: false, table: false };
const FIELD = { typing: true, control: false, table: false };
const BUTTON = { typing: false, control: true, table: false };
const TABLE = { typing: false, control: false, table: true };

describe('shortcuts', () => {
  it('maps presses to commands per platform', () => {
    expect(commandForKey({ key: 'N', code: 'KeyN', ctrlKey: true, shiftKey: true }, false, PAGE)).toBe('new-folder');
    expect(commandForKey({ key: 'Backspace', metaKey: true }, true, PAGE)).toBe('delete');
    expect(commandForKey({ key: 'Backspace', ctrlKey: true }, false, PAGE)).toBeNull();
    expect(commandForKey({ key: 'Delete' }, false, PAGE)).toBe('delete');
    expect(commandForKey({ key: 'F2' }, false, PAGE)).toBe('rename');
    expect(commandForKey({ key: ' ', code: 'Space' }, false, PAGE)).toBe('preview');
    expect(commandForKey({ key: 'F5' }, false, PAGE)).toBe('refresh');
    expect(commandForKey({ key: 'r', code: 'KeyR', metaKey: true }, true, PAGE)).toBe('refresh');
    expect(commandForKey({ key: 'ArrowLeft', altKey: true }, false, PAGE)).toBe('back');
    expect(commandForKey({ key: 'Backspace' }, false, PAGE)).toBe('up');
    expect(commandForKey({ key: 'c', code: 'KeyC', ctrlKey: true }, true, PAGE)).toBeNull();
  });

  it('in a text field only modified navigation keys act; editing keys stay with the field', () => {
    expect(commandForKey({ key: 'ArrowLeft', altKey: true }, false, FIELD)).toBe('back');
    expect(commandForKey({ key: 'l', code: 'KeyL', ctrlKey: true }, false, FIELD)).toBe('address-bar');
    expect(commandForKey({ key: 'F5' }, false, FIELD)).toBe('refresh');
    expect(commandForKey({ key: 'Backspace' }, false, FIELD)).toBeNull();
    expect(commandForKey({ key: 'Delete' }, false, FIELD)).toBeNull();
    expect(commandForKey({ key: 'c', code: 'KeyC', ctrlKey: true }, false, FIELD)).toBeNull();
    expect(commandForKey({ key: 'a', code: 'KeyA', ctrlKey: true }, false, FIELD)).toBeNull();
  });

  it('Space and Enter activate a focused button; the table owns Enter and Ctrl+A', () => {
    expect(commandForKey({ key: ' ', code: 'Space' }, false, BUTTON)).toBeNull();
    expect(commandForKey({ key: 'Enter' }, false, BUTTON)).toBeNull();
    expect(commandForKey({ key: 'Delete' }, false, BUTTON)).toBe('delete');
    expect(commandForKey({ key: 'Enter' }, false, TABLE)).toBeNull();
    expect(commandForKey({ key: 'a', code: 'KeyA', ctrlKey: true }, false, TABLE)).toBeNull();
    expect(commandForKey({ key: 'a', code: 'KeyA', ctrlKey: true }, false, PAGE)).toBe('select-all');
  });

  it('labels a command with its first binding', () => {
    expect(shortcutLabel('info', false, formatAccelerator)).toBe('Ctrl+I');
    expect(shortcutLabel('delete', true, formatAccelerator)).toBe('⌘⌫');
    expect(shortcutLabel('copy-object-url', false, formatAccelerator)).toBeNull();
  });
});
