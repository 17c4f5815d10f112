import { describe, expect, it } from 'vitest';
import { clickRow, EMPTY_SELECTION, moveFocus, pruneSelection, selectAll, toggleFocused } from './selection';

const keys = ['a', 'b', 'c', 'd', 'e'];
const sel = (s: { selected: ReadonlySet<string> }) => [...s.selected].sort();

describe('clickRow', () => {
  it('plain click selects one row and sets anchor and focus', () => {
    const s = clickRow(EMPTY_SELECTION, keys, 2);
    expect(sel(s)).toEqual(['c']);
    expect(s.anchor).toBe('c');
    expect(s.focus).toBe('c');
  });
  it('Ctrl/Cmd toggles without losing the rest', () => {
    let s = clickRow(EMPTY_SELECTION, keys, 0);
    s = clickRow(s, keys, 3, { toggle: true });
    expect(sel(s)).toEqual(['a', 'd']);
    s = clickRow(s, keys, 0, { toggle: true });
    expect(sel(s)).toEqual(['d']);
  });
  it('Shift selects the range from the anchor, in either direction', () => {
    let s = clickRow(EMPTY_SELECTION, keys, 3);
    s = clickRow(s, keys, 1, { shift: true });
    expect(sel(s)).toEqual(['b', 'c', 'd']);
    s = clickRow(s, keys, 4, { shift: true });
    expect(sel(s)).toEqual(['d', 'e']);
  });
  it('Ctrl+Shift adds the range to the selection', () => {
    let s = clickRow(EMPTY_SELECTION, keys, 0);
    s = clickRow(s, keys, 3, { toggle: true });
    s = clickRow(s, keys, 4, { shift: true, toggle: true });
    expect(sel(s)).toEqual(['a', 'd', 'e']);
  });
  it('ignores an index out of range', () => {
    expect(clickRow(EMPTY_SELECTION, keys, 9)).toBe(EMPTY_SELECTION);
  });
});

describe('moveFocus', () => {
  it('starts at the first row going down and the last going up', () => {
    expect(moveFocus(EMPTY_SELECTION, keys, 1).focus).toBe('a');
    expect(moveFocus(EMPTY_SELECTION, keys, -1).focus).toBe('e');
  });
  it('moves and clamps, selecting the cursor row', () => {
    let s = moveFocus(EMPTY_SELECTION, keys, 1);
    s = moveFocus(s, keys, 10);
    expect(s.focus).toBe('e');
    expect(sel(s)).toEqual(['e']);
    s = moveFocus(s, keys, -100);
    expect(s.focus).toBe('a');
  });
  it('Shift extends from the anchor', () => {
    let s = clickRow(EMPTY_SELECTION, keys, 1);
    s = moveFocus(s, keys, 2, { shift: true });
    expect(sel(s)).toEqual(['b', 'c', 'd']);
    s = moveFocus(s, keys, -3, { shift: true });
    expect(sel(s)).toEqual(['a', 'b']);
  });
  it('Ctrl moves only the cursor; Ctrl+Space toggles it', () => {
    let s = clickRow(EMPTY_SELECTION, keys, 0);
    s = moveFocus(s, keys, 2, { toggle: true });
    expect(sel(s)).toEqual(['a']);
    expect(s.focus).toBe('c');
    s = toggleFocused(s);
    expect(sel(s)).toEqual(['a', 'c']);
  });
  it('does nothing on an empty list', () => {
    expect(moveFocus(EMPTY_SELECTION, [], 1)).toBe(EMPTY_SELECTION);
  });
});

describe('selectAll and pruneSelection', () => {
  it('selects every visible key', () => {
    expect(sel(selectAll(EMPTY_SELECTION, keys))).toEqual(keys);
  });
  it('drops keys that no longer exist and keeps identity when nothing changed', () => {
    const s = selectAll(EMPTY_SELECTION, keys);
    const pruned = pruneSelection(s, (k) => k !== 'c');
    expect(sel(pruned)).toEqual(['a', 'b', 'd', 'e']);
    expect(pruneSelection(pruned, () => true)).toBe(pruned);
  });
});
