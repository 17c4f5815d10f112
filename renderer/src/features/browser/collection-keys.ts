/**
 * Keyboard and pointer modifiers shared by the table and the grid: one place decides what Home, End, Enter,
 * Escape, Ctrl/⌘+A, Ctrl/⌘+Space and type-ahead do, so both views behave alike. Each view says only how far
 * its own arrow and page keys move the cursor.
 */
import type { KeyboardEvent, MouseEvent } from 'react';
import type { Modifiers, Selection } from '../../lib/selection';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

export function modsOf(event: MouseEvent | KeyboardEvent): Modifiers {
  return { shift: event.shiftKey, toggle: isMac ? event.metaKey : event.ctrlKey };
}

export interface CollectionKeyHandlers {
  readonly onOpen: (key: string) => void;
  readonly onMove: (delta: number, mods: Modifiers) => void;
  readonly onSelectAll: () => void;
  readonly onClearSelection: () => void;
  /** Ctrl/⌘+Space: toggle the focused row (table only). */
  readonly onToggleFocused?: () => void;
  /** Type-ahead: a printable character jumps to the next name starting with it (table only). */
  readonly onTypeChar?: (char: string) => void;
}

/**
 * Handles one keydown on a view of `count` items; `steps` maps the view's own movement keys to how far they
 * move (e.g. ArrowDown: 1 in the table, one row of tiles in the grid). Calls preventDefault when handled.
 */
export function onCollectionKey(
  event: KeyboardEvent,
  steps: Readonly<Record<string, number>>,
  count: number,
  selection: Selection,
  h: CollectionKeyHandlers,
): void {
  const mods = modsOf(event);
  const command = isMac ? event.metaKey : event.ctrlKey;
  const step = steps[event.key];
  let handled = true;
  // Alt+Up is "parent folder", handled by the view around this one.
  if (event.key === 'ArrowUp' && event.altKey) handled = false;
  else if (step !== undefined) h.onMove(step, mods);
  else if (event.key === 'Home') h.onMove(-count, mods);
  else if (event.key === 'End') h.onMove(count, mods);
  else if (event.key === 'Enter') {
    if (selection.focus !== null) h.onOpen(selection.focus);
  } else if (event.key === 'Escape') h.onClearSelection();
  else if (event.key === ' ' && command && h.onToggleFocused) h.onToggleFocused();
  else if (command && event.key.toLowerCase() === 'a') h.onSelectAll();
  else if (h.onTypeChar && event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey) h.onTypeChar(event.key);
  else handled = false;
  if (handled) event.preventDefault();
}
