import { describe, expect, it } from 'vitest';
import { menuItems } from './menu-items';

const enabled = (keys: string[], canPaste = false) => menuItems(keys, canPaste, false).filter((i) => !i.disabled).map((i) => i.id);

describe('menuItems', () => {
  it('offers everything for one object', () => {
    expect(enabled(['a/f.txt'])).toEqual([
      'preview',
      'info',
      'new-folder',
      'rename',
      'copy',
      'cut',
      'share-uri',
      'share-url',
      'share-presigned',
      'delete',
    ]);
  });
  it('offers no preview, info or object links for a folder, and no rename for several entries', () => {
    expect(enabled(['a/'])).toEqual(['new-folder', 'rename', 'copy', 'cut', 'share-uri', 'delete']);
    expect(enabled(['a/', 'b.txt'], true)).toEqual(['new-folder', 'copy', 'cut', 'paste', 'delete']);
  });
  it('offers new folder and paste on the background', () => {
    expect(enabled([], true)).toEqual(['new-folder', 'paste']);
    expect(enabled([])).toEqual(['new-folder']);
  });
  it('offers Download for a selection only when the transfers feature is wired in', () => {
    const ids = (keys: string[]) => menuItems(keys, false, false, { download: true }).filter((i) => !i.disabled).map((i) => i.id);
    expect(ids(['a/', 'b.txt'])).toContain('download');
    expect(ids([])).not.toContain('download');
    expect(enabled(['a/f.txt'])).not.toContain('download');
  });
  it('shows the platform shortcut', () => {
    expect(menuItems(['x'], false, true).find((i) => i.id === 'copy')?.shortcut).toBe('⌘C');
    expect(menuItems(['x'], false, false).find((i) => i.id === 'copy')?.shortcut).toBe('Ctrl+C');
  });
});
