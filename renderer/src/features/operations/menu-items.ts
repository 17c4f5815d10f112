import { isFolderKey } from '../../../../shared/keys';
import type { ShareKind } from '../../../../shared/operations';
import type { OperationCommand } from '../../lib/operation-shortcuts';

/**
 * 'info', 'download', 'upload-*' and 'refresh' are carried out by the features that own them (OperationsLayer's
 * callbacks), not by runCommand. Info's Ctrl/⌘+I is the browser's shortcut.
 */
export type MenuCommand =
  | OperationCommand
  | 'info'
  | 'download'
  | 'upload-files'
  | 'upload-folder'
  | 'refresh'
  | { readonly share: ShareKind };

export interface MenuItem {
  readonly kind: 'item';
  readonly id: string;
  readonly label: string;
  readonly command: MenuCommand;
  readonly shortcut: string | null;
  readonly disabled: boolean;
}

export type MenuEntry = MenuItem | { readonly kind: 'separator'; readonly id: string };

export interface MenuExtras {
  /** The transfers feature is wired in: offer Download for a selection, Upload on the background. */
  readonly download?: boolean;
  readonly upload?: boolean;
  /** The browser can refresh the folder. */
  readonly refresh?: boolean;
}

/**
 * The context menu for a selection, or for the folder background when `keys` is empty (the selection is
 * cleared first, so the menu acts on the folder): Upload, Refresh, New folder, Paste here. Share, info and
 * preview need exactly one object; rename one entry; paste needs something on the clipboard. Groups are
 * separated as file managers do: look, transfer, create/edit, links, delete.
 */
export function menuItems(keys: readonly string[], canPaste: boolean, mac: boolean, extras: MenuExtras = {}): MenuEntry[] {
  const mod = mac ? '⌘' : 'Ctrl+';
  const one = keys.length === 1;
  const oneObject = one && !isFolderKey(keys[0] ?? '/');
  const item = (id: string, label: string, command: MenuCommand, shortcut: string | null, disabled: boolean): MenuItem => ({
    kind: 'item',
    id,
    label,
    command,
    shortcut,
    disabled,
  });
  const separator = (id: string) => ({ kind: 'separator', id }) as const;
  if (keys.length === 0) {
    return [
      ...(extras.upload
        ? [item('upload-files', 'Upload files…', 'upload-files', null, false), item('upload-folder', 'Upload folder…', 'upload-folder', null, false)]
        : []),
      ...(extras.refresh ? [item('refresh', 'Refresh', 'refresh', mac ? '⌘R' : 'F5', false)] : []),
      ...(extras.upload || extras.refresh ? [separator('sep-create')] : []),
      item('new-folder', 'New folder…', 'new-folder', `${mod}Shift+N`, false),
      item('paste', 'Paste here', 'paste', `${mod}V`, !canPaste),
    ];
  }
  return [
    item('preview', 'Preview', 'preview', 'Space', !oneObject),
    item('info', 'Info', 'info', `${mod}I`, !oneObject),
    ...(extras.download ? [separator('sep-transfer'), item('download', 'Download…', 'download', `${mod}Shift+D`, false)] : []),
    separator('sep-edit'),
    item('new-folder', 'New folder…', 'new-folder', `${mod}Shift+N`, false),
    item('rename', 'Rename…', 'rename', 'F2', !one),
    item('copy', 'Copy', 'copy', `${mod}C`, false),
    item('cut', 'Cut', 'cut', `${mod}X`, false),
    item('paste', 'Paste', 'paste', `${mod}V`, !canPaste),
    separator('sep-share'),
    item('share-uri', 'Copy s3:// URI', { share: 's3-uri' }, null, !one),
    item('share-url', 'Copy object URL', { share: 'object-url' }, null, !oneObject),
    item('share-presigned', 'Share presigned link…', { share: 'presigned' }, null, !oneObject),
    separator('sep-delete'),
    item('delete', 'Delete…', 'delete', mac ? '⌘⌫' : 'Delete', false),
  ];
}
