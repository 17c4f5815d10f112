/**
 * Which modal layers (dialogs, open menus) are up, innermost last. Global shortcuts (window keydown
 * listeners) ask `isModalOpen()` first: a key event that reaches the window while a dialog holds the keyboard
 * must not act on the page behind it (Alt+Left must not navigate behind "Delete 1 object?"). Each layer also
 * records where focus goes back to when it closes, so a dialog opened from a menu item returns focus to what
 * had it before the menu (the table), not to the menu item that no longer exists.
 */
export interface FocusTarget {
  readonly isConnected: boolean;
  focus(): void;
}

const layers: Array<{ readonly returnTo: FocusTarget | null }> = [];

/** Mark a modal layer as up; call the returned function once when it goes. */
export function holdModal(returnTo: FocusTarget | null): () => void {
  const layer = { returnTo };
  layers.push(layer);
  return () => {
    const at = layers.indexOf(layer);
    if (at >= 0) layers.splice(at, 1);
  };
}

export function isModalOpen(): boolean {
  return layers.length > 0;
}

/** Where the innermost layer sends focus back to. */
export function innermostReturnTarget(): FocusTarget | null {
  return layers[layers.length - 1]?.returnTo ?? null;
}
