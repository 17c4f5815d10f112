import type { BrowserStore } from '../browser';
import type { Place } from './operations-store';

/** What the browser tells the operations feature: where the user is and what is selected. */
export interface OperationsTarget {
  readonly place: Place | null;
  /** Selected keys, in table order. */
  readonly selected: readonly string[];
  /** The row with keyboard focus, if any. */
  readonly focused: string | null;
}

/**
 * The operations target from the browser's state: the folder shown (null on the bucket list) and the selected
 * keys in the order the table shows them (hidden-by-filter keys are not acted on).
 */
export function browserTarget(browser: BrowserStore, visibleKeys: () => readonly string[]): OperationsTarget {
  const s = browser.getState();
  const place =
    s.connection && s.location.bucket !== null ? { connectionId: s.connection.id, bucket: s.location.bucket, prefix: s.location.prefix } : null;
  const selected = visibleKeys().filter((k) => s.selection.selected.has(k));
  return { place, selected, focused: s.selection.focus };
}
