/** The shell's keys, as a pure mapping from a key press to a command (tested without a DOM). */
export type ShellCommand =
  | { readonly kind: 'new-tab' }
  | { readonly kind: 'close-tab' }
  | { readonly kind: 'cycle'; readonly delta: 1 | -1 }
  | { readonly kind: 'move'; readonly delta: 1 | -1 }
  | { readonly kind: 'number'; readonly n: number }
  | { readonly kind: 'bookmark' }
  | { readonly kind: 'toggle-sidebar' };

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/** Cmd on macOS and Ctrl elsewhere for letters and digits; tab cycling is Ctrl on every OS, as in browsers. */
export function shellCommandFor(press: KeyPress, mac: boolean): ShellCommand | null {
  if (press.altKey) return null;
  if (press.ctrlKey && press.key === 'Tab') return { kind: 'cycle', delta: press.shiftKey ? -1 : 1 };
  if (press.ctrlKey && (press.key === 'PageDown' || press.key === 'PageUp')) {
    const delta = press.key === 'PageDown' ? 1 : -1;
    return press.shiftKey ? { kind: 'move', delta } : { kind: 'cycle', delta };
  }
  const command = mac ? press.metaKey && !press.ctrlKey : press.ctrlKey && !press.metaKey;
  if (!command) return null;
  if (/^[1-9]$/.test(press.key) && !press.shiftKey) return { kind: 'number', n: Number(press.key) };
  const key = press.key.toLowerCase();
  if (press.shiftKey) return null;
  if (key === 't') return { kind: 'new-tab' };
  if (key === 'w') return { kind: 'close-tab' };
  if (key === 'd') return { kind: 'bookmark' };
  if (key === 'b') return { kind: 'toggle-sidebar' };
  return null;
}
