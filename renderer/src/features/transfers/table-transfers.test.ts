import { describe, expect, it } from 'vitest';
import { dragItems, isDownloadShortcut } from './table-transfers';

describe('table transfers', () => {
  it('drags the whole selection when the dragged row is selected, else only that row', () => {
    expect(dragItems('a.txt', ['a.txt', 'photos/'])).toEqual([
      { key: 'a.txt', kind: 'object' },
      { key: 'photos/', kind: 'folder' },
    ]);
    expect(dragItems('b.txt', ['a.txt'])).toEqual([{ key: 'b.txt', kind: 'object' }]);
  });
  it('recognises the download shortcut', () => {
    expect(isDownloadShortcut({ key: 'D', ctrlKey: true, metaKey: false, shiftKey: true })).toBe(true);
    expect(isDownloadShortcut({ key: 'd', ctrlKey: false, metaKey: true, shiftKey: true })).toBe(true);
    expect(isDownloadShortcut({ key: 'd', ctrlKey: true, metaKey: false, shiftKey: false })).toBe(false);
  });
});
