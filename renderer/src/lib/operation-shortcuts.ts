/** Keyboard shortcuts of file operations, as a pure mapping so it is testable without a DOM. */

export type OperationCommand = 'delete' | 'rename' | 'copy' | 'cut' | 'paste' | 'new-folder' | 'preview';

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly shiftKey?: boolean;
  readonly altKey?: boolean;
}

/**
 * Delete (and Cmd+Backspace on macOS), F2, Ctrl/Cmd+C/X/V, Ctrl/Cmd+Shift+N, Space. The primary modifier is
 * Cmd on macOS and Ctrl elsewhere; the other one never triggers, so Ctrl+C in a macOS terminal habit does not.
 */
export function operationForKey(press: KeyPress, mac: boolean): OperationCommand | null {
  const primary = mac ? press.metaKey === true : press.ctrlKey === true;
  const other = mac ? press.ctrlKey === true : press.metaKey === true;
  if (press.altKey || other) return null;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (primary) {
    if (press.shiftKey) return key === 'n' ? 'new-folder' : null;
    if (key === 'c') return 'copy';
    if (key === 'x') return 'cut';
    if (key === 'v') return 'paste';
    if (mac && key === 'Backspace') return 'delete';
    return null;
  }
  if (press.shiftKey) return null;
  if (key === 'Delete') return 'delete';
  if (key === 'F2') return 'rename';
  if (key === ' ') return 'preview';
  return null;
}

/** Shortcuts must not fire while the user types in a text field. */
export function isTypingTarget(target: { tagName?: string; isContentEditable?: boolean } | null): boolean {
  if (!target) return false;
  const tag = target.tagName?.toUpperCase();
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable === true;
}
