/**
 * Whether a tab shows the grid: off by default, remembered per tab (per browser store) for the session only.
 * A WeakMap and not browser-store state so the table-focused store and its tests stay untouched.
 */
import type { BrowserStore } from './browser-store';

const gridOn = new WeakMap<BrowserStore, boolean>();

export function gridViewOf(store: BrowserStore): boolean {
  return gridOn.get(store) ?? false;
}

export function setGridViewOf(store: BrowserStore, on: boolean): void {
  gridOn.set(store, on);
}
