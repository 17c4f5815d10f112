/**
 * How code finds the file row under the pointer (drops, drags, right-clicks): by the grid's ARIA role and the
 * key the row carries. Both are part of the product (screen readers use the role); test ids are for tests only,
 * so renaming one never breaks a feature.
 */
export const ROW_SELECTOR = '[role="row"][data-key]';

export interface RowTarget {
  readonly key: string;
  readonly kind: 'folder' | 'object';
}

/** The row element an event started in, if any. */
export function rowElementOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>(ROW_SELECTOR) : null;
}

/** The key and kind of the row an event started in, if any. */
export function rowOf(target: EventTarget | null): RowTarget | null {
  const row = rowElementOf(target);
  const key = row?.dataset['key'];
  if (key === undefined) return null;
  return { key, kind: row?.dataset['kind'] === 'folder' ? 'folder' : 'object' };
}
