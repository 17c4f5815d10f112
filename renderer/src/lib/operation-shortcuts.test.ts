import { describe, expect, it } from 'vitest';
import { isTypingTarget, operationForKey } from './operation-shortcuts';

describe('operationForKey', () => {
  it('maps the shortcuts with Ctrl on Windows/Linux and Cmd on macOS', () => {
    expect(operationForKey({ key: 'c', ctrlKey: true }, false)).toBe('copy');
    expect(operationForKey({ key: 'x', ctrlKey: true }, false)).toBe('cut');
    expect(operationForKey({ key: 'V', ctrlKey: true }, false)).toBe('paste');
    expect(operationForKey({ key: 'N', ctrlKey: true, shiftKey: true }, false)).toBe('new-folder');
    expect(operationForKey({ key: 'c', metaKey: true }, true)).toBe('copy');
    expect(operationForKey({ key: 'n', metaKey: true, shiftKey: true }, true)).toBe('new-folder');
    expect(operationForKey({ key: 'Backspace', metaKey: true }, true)).toBe('delete');
  });
  it('maps Delete, F2 and Space without modifiers', () => {
    expect(operationForKey({ key: 'Delete' }, false)).toBe('delete');
    expect(operationForKey({ key: 'F2' }, false)).toBe('rename');
    expect(operationForKey({ key: ' ' }, true)).toBe('preview');
  });
  it('ignores the other platform modifier, Alt, and unrelated keys', () => {
    expect(operationForKey({ key: 'c', metaKey: true }, false)).toBeNull();
    expect(operationForKey({ key: 'c', ctrlKey: true }, true)).toBeNull();
    expect(operationForKey({ key: 'c', ctrlKey: true, altKey: true }, false)).toBeNull();
    expect(operationForKey({ key: 'n', ctrlKey: true }, false)).toBeNull();
    expect(operationForKey({ key: 'c' }, false)).toBeNull();
    expect(operationForKey({ key: 'Delete', shiftKey: true }, false)).toBeNull();
    expect(operationForKey({ key: 'Backspace', ctrlKey: true }, false)).toBeNull();
  });
});

describe('isTypingTarget', () => {
  it('is true for text fields only', () => {
    expect(isTypingTarget({ tagName: 'input' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
