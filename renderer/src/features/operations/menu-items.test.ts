import { describe, expect, it } from 'vitest';
import { type MenuEntry, type MenuItem, menuItems } from './menu-items';

const itemsOf = (entries: readonly MenuEntry[]) => entries.filter((e): e is MenuItem => e.kind === 'item');
const enabled = (keys: string[], canPaste = false) =>
  itemsOf(menuItems(keys, canPaste, false))
    .filter((i) => !i.disabled)
    .map((i) => i.id);

describe('menuItems', () => {
  it('offers everything for one object', () => {
    expect(enabled(['a/f.txt'])).toEqual(['preview', 'info', 'new-folder', 'rename', 'copy', 'cut', 'share-uri', 'share-url', 'share-presigned', 'delete']);
  });
  it('offers no preview, info or object links for a folder, and no rename for several entries', () => {
    expect(enabled(['a/'])).toEqual(['new-folder', 'rename', 'copy', 'cut', 'share-uri', 'delete']);
    expect(enabled(['a/', 'b.txt'], true)).toEqual(['new-folder', 'copy', 'cut', 'paste', 'delete']);
  });
  it('offers Upload, Refresh, New folder and Paste here on the background, and nothing that needs a selection', () => {
    const entries = menuItems([], true, false, { upload: true, refresh: true, download: true });
    expect(entries.map((e) => (e.kind === 'item' ? e.id : '—'))).toEqual(['upload-files', 'upload-folder', 'refresh', '—', 'new-folder', 'paste']);
    expect(itemsOf(entries).find((i) => i.id === 'paste')).toMatchObject({ label: 'Paste here', disabled: false });
    expect(enabled([])).toEqual(['new-folder']);
  });
  it('offers Download for a selection only when the transfers feature is wired in', () => {
    const ids = (keys: string[]) => itemsOf(menuItems(keys, false, false, { download: true })).map((i) => i.id);
    expect(ids(['a/', 'b.txt'])).toContain('download');
    expect(ids([])).not.toContain('download');
    expect(enabled(['a/f.txt'])).not.toContain('download');
  });
  it('separates the groups, never twice in a row nor at an end', () => {
    for (const keys of [['a/f.txt'], ['a/'], []]) {
      const kinds = menuItems(keys, true, false, { download: true, upload: true, refresh: true }).map((e) => e.kind);
      expect(kinds[0]).toBe('item');
      expect(kinds[kinds.length - 1]).toBe('item');
      expect(kinds.join(',')).not.toContain('separator,separator');
      if (keys.length > 0) expect(kinds.filter((k) => k === 'separator').length).toBeGreaterThanOrEqual(3);
    }
  });
  it('shows the platform shortcut, Info’s too', () => {
    const find = (mac: boolean, id: string) => itemsOf(menuItems(['x'], false, mac)).find((i) => i.id === id)?.shortcut;
    expect(find(true, 'copy')).toBe('⌘C');
    expect(find(false, 'copy')).toBe('Ctrl+C');
    expect(find(false, 'info')).toBe('Ctrl+I');
    expect(find(true, 'info')).toBe('⌘I');
  });
});
