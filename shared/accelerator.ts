/**
 * Electron accelerator strings ("CmdOrCtrl+Shift+N", "Alt+Left", "F5"): parsed once, matched against key
 * presses in the renderer and shown in menus/tooltips in each platform's own notation. Pure, so main's menu
 * test and the renderer's shortcut test check the same rules.
 */

export interface Accelerator {
  /** Cmd on macOS, Ctrl elsewhere. */
  readonly primary: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
  /** The key in Electron's spelling: "N", "F5", "Left", "Space", ",". */
  readonly key: string;
}

const PRIMARY = new Set(['CmdOrCtrl', 'CommandOrControl']);
const NAMED_KEYS = new Set([
  'Enter', 'Space', 'Tab', 'Backspace', 'Delete', 'Escape', 'Home', 'End', 'PageUp', 'PageDown', 'Left', 'Right', 'Up', 'Down',
]);
const PUNCTUATION = new Set([',', '.', '/', '[', ']', ';', "'", '-', '=', '`', '\\']);

function isKey(token: string): boolean {
  return /^[A-Z0-9]$/.test(token) || /^F([1-9]|1[0-9]|2[0-4])$/.test(token) || NAMED_KEYS.has(token) || PUNCTUATION.has(token);
}

/** Null when the string is not an accelerator this app uses (one key, each modifier at most once). */
export function parseAccelerator(text: string): Accelerator | null {
  // A trailing "+" would be the plus key; the app binds none, so it is simply invalid here.
  const tokens = text.split('+');
  const key = tokens.pop() ?? '';
  if (!isKey(key)) return null;
  const seen = new Set<string>();
  for (const token of tokens) {
    const name = PRIMARY.has(token) ? 'primary' : token === 'Shift' ? 'shift' : token === 'Alt' ? 'alt' : null;
    if (name === null || seen.has(name)) return null;
    seen.add(name);
  }
  return { primary: seen.has('primary'), shift: seen.has('shift'), alt: seen.has('alt'), key };
}

export interface KeyPress {
  readonly key: string;
  /** KeyboardEvent.code: Alt+letter on macOS types another character, the code still names the letter. */
  readonly code?: string;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly shiftKey?: boolean;
  readonly altKey?: boolean;
}

const DOM_KEYS: Readonly<Record<string, string>> = {
  ' ': 'Space',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  Esc: 'Escape',
};

/** The pressed key in accelerator spelling. */
export function keyOfPress(press: KeyPress): string {
  const code = press.code ?? '';
  if (/^Key[A-Z]$/.test(code)) return code.slice(3);
  if (/^Digit[0-9]$/.test(code)) return code.slice(5);
  const mapped = DOM_KEYS[press.key];
  if (mapped) return mapped;
  return press.key.length === 1 ? press.key.toUpperCase() : press.key;
}

/**
 * Exact match: the primary modifier must be the platform's (Cmd on macOS), and the other one (Ctrl on macOS,
 * the Windows key elsewhere) must be up, so a Ctrl+C habit on a Mac does not copy objects.
 */
export function matchesPress(acc: Accelerator, press: KeyPress, mac: boolean): boolean {
  const primary = mac ? press.metaKey === true : press.ctrlKey === true;
  const other = mac ? press.ctrlKey === true : press.metaKey === true;
  if (other || primary !== acc.primary || (press.altKey === true) !== acc.alt || (press.shiftKey === true) !== acc.shift) return false;
  return keyOfPress(press) === acc.key;
}

const MAC_KEYS: Readonly<Record<string, string>> = {
  Left: '←', Right: '→', Up: '↑', Down: '↓', Backspace: '⌫', Delete: '⌦', Enter: '↩', Escape: '⎋', Tab: '⇥', Space: 'Space',
};
const OTHER_KEYS: Readonly<Record<string, string>> = { Left: '←', Right: '→', Up: '↑', Down: '↓' };

/** "⌘⇧N" on macOS, "Ctrl+Shift+N" elsewhere. */
export function formatAccelerator(text: string, mac: boolean): string {
  const acc = parseAccelerator(text);
  if (!acc) return text;
  if (mac) return `${acc.alt ? '⌥' : ''}${acc.shift ? '⇧' : ''}${acc.primary ? '⌘' : ''}${MAC_KEYS[acc.key] ?? acc.key}`;
  const mods = [acc.primary ? 'Ctrl' : null, acc.alt ? 'Alt' : null, acc.shift ? 'Shift' : null].filter((m) => m !== null);
  return [...mods, OTHER_KEYS[acc.key] ?? acc.key].join('+');
}
