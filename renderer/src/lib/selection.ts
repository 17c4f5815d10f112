/**
 * Multi-selection over the visible row order, the way native file managers do it: click selects one, Ctrl/Cmd
 * toggles, Shift extends from the anchor, keyboard moves a focus cursor. Selection is a set of keys, so it
 * survives re-sorting and filtering; ranges are resolved against the order the user sees.
 */

export interface Selection {
  readonly selected: ReadonlySet<string>;
  /** Where a Shift range starts. */
  readonly anchor: string | null;
  /** The keyboard cursor (the row drawn with a focus ring). */
  readonly focus: string | null;
}

export interface Modifiers {
  readonly shift?: boolean;
  /** Ctrl on Windows/Linux, Cmd on macOS. */
  readonly toggle?: boolean;
}

export const EMPTY_SELECTION: Selection = { selected: new Set(), anchor: null, focus: null };

function range(keys: readonly string[], from: number, to: number): Set<string> {
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  return new Set(keys.slice(lo, hi + 1));
}

/** A mouse click on the row at `index` of `keys` (the visible order). */
export function clickRow(state: Selection, keys: readonly string[], index: number, mods: Modifiers = {}): Selection {
  const key = keys[index];
  if (key === undefined) return state;
  if (mods.shift) {
    const anchorIndex = state.anchor === null ? -1 : keys.indexOf(state.anchor);
    const from = anchorIndex < 0 ? index : anchorIndex;
    const rangeKeys = range(keys, from, index);
    // Ctrl+Shift adds the range to what was selected; plain Shift replaces it.
    const selected = mods.toggle ? new Set([...state.selected, ...rangeKeys]) : rangeKeys;
    return { selected, anchor: keys[from] ?? key, focus: key };
  }
  if (mods.toggle) {
    const selected = new Set(state.selected);
    if (selected.has(key)) selected.delete(key);
    else selected.add(key);
    return { selected, anchor: key, focus: key };
  }
  return { selected: new Set([key]), anchor: key, focus: key };
}

/** Arrow keys, Home/End, PageUp/PageDown: move the cursor by `delta` rows (clamped); Shift extends. */
export function moveFocus(state: Selection, keys: readonly string[], delta: number, mods: Modifiers = {}): Selection {
  if (keys.length === 0) return state;
  const current = state.focus === null ? -1 : keys.indexOf(state.focus);
  const start = current < 0 ? (delta > 0 ? -1 : keys.length) : current;
  const index = Math.max(0, Math.min(keys.length - 1, start + delta));
  const key = keys[index]!;
  if (mods.shift) {
    const anchorIndex = state.anchor === null ? -1 : keys.indexOf(state.anchor);
    const from = anchorIndex < 0 ? (current < 0 ? index : current) : anchorIndex;
    return { selected: range(keys, from, index), anchor: keys[from]!, focus: key };
  }
  // Ctrl+arrow moves the cursor without touching the selection (Ctrl+Space then toggles).
  if (mods.toggle) return { ...state, focus: key };
  return { selected: new Set([key]), anchor: key, focus: key };
}

/** Ctrl+Space: toggle the row under the cursor. */
export function toggleFocused(state: Selection): Selection {
  if (state.focus === null) return state;
  const selected = new Set(state.selected);
  if (selected.has(state.focus)) selected.delete(state.focus);
  else selected.add(state.focus);
  return { ...state, selected, anchor: state.focus };
}

/** Ctrl+A: everything visible. */
export function selectAll(state: Selection, keys: readonly string[]): Selection {
  return { selected: new Set(keys), anchor: keys[0] ?? null, focus: state.focus ?? keys[0] ?? null };
}

/** Keep only keys that still exist (after a re-list or a filter change removed rows). */
export function pruneSelection(state: Selection, exists: (key: string) => boolean): Selection {
  let changed = false;
  const selected = new Set<string>();
  for (const key of state.selected) {
    if (exists(key)) selected.add(key);
    else changed = true;
  }
  const anchor = state.anchor !== null && exists(state.anchor) ? state.anchor : null;
  const focus = state.focus !== null && exists(state.focus) ? state.focus : null;
  if (!changed && anchor === state.anchor && focus === state.focus) return state;
  return { selected, anchor, focus };
}
