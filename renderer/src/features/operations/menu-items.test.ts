import { describe, expect, it } from 'vitest';
import type { CommandId } from '../../../../shared/commands';
import { type MenuEntry, menuItems } from './menu-items';

const ids = (entries: readonly MenuEntry[]) => entries.map((e) => (e.kind === 'item' ? e.id : '—'));
const none = () => null;

describe('context menu items', () => {
  it('groups the item menu as file managers do, with registry labels and shortcuts', () => {
    const entries = menuItems(false, none, false);
    expect(ids(entries)).toEqual([
      'preview', 'info', 'properties', '—', 'open-with', 'edit', 'download', '—', 'new-folder', 'rename', 'copy', 'cut', 'paste', '—', 'share-uri', 'share-url', 'share-presigned', '—', 'versions', 'undelete', 'compare', '—',
      'delete',
    ]);
    const info = entries.find((e) => e.id === 'info');
    expect(info).toMatchObject({ label: 'Info', shortcut: 'Ctrl+I', command: 'info' });
    expect(menuItems(false, none, true).find((e) => e.id === 'delete')).toMatchObject({ shortcut: '⌘⌫' });
  });

  it('greys out what the registry says cannot run', () => {
    const reason = (id: CommandId) => (id === 'paste' ? 'Nothing to paste' : null);
    const paste = menuItems(true, reason, false).find((e) => e.id === 'paste');
    expect(paste).toMatchObject({ disabled: true, label: 'Paste here' });
  });

  it('the background menu: upload, refresh, then create; omitted features leave no stray separator', () => {
    expect(ids(menuItems(true, none, false))).toEqual([
      'upload-files', 'upload-folder', 'upload-with-options', 'refresh', '—', 'new-folder', 'paste', '—', 'show-deleted', 'view-as-of', 'bucket-versioning', '—', 'compare', '—', 'bucket-info', 'new-bucket',
    ]);
    const versions = ['show-deleted', 'view-as-of', 'bucket-versioning'] as const;
    expect(ids(menuItems(true, none, false, new Set(['upload-files', 'upload-folder', 'upload-with-options', 'refresh', 'bucket-info', 'new-bucket', ...versions, 'compare'])))).toEqual(['new-folder', 'paste']);
    expect(ids(menuItems(false, none, false, new Set(['download'])))).not.toContain('download');
  });
});
