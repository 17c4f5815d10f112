import { isFolderKey } from '../../../../shared/keys';
import type { ShareKind } from '../../../../shared/operations';
import type { OperationCommand } from '../../lib/operation-shortcuts';

/** 'download' is handled by the transfers feature (OperationsLayer's onDownload), not by runCommand. */
export type MenuCommand = OperationCommand | 'info' | 'download' | { readonly share: ShareKind };

export interface MenuItem {
  readonly id: string;
  readonly label: string;
  readonly command: MenuCommand;
  readonly shortcut: string | null;
  readonly disabled: boolean;
}

/**
 * The context menu for a selection (empty when the user right-clicks the folder background). Share, info and
 * preview need exactly one object; rename one entry; paste needs something on the clipboard.
 */
export function menuItems(keys: readonly string[], canPaste: boolean, mac: boolean, extras: { readonly download?: boolean } = {}): MenuItem[] {
  const mod = mac ? '⌘' : 'Ctrl+';
  const one = keys.length === 1;
  const oneObject = one && !isFolderKey(keys[0] ?? '/');
  const none = keys.length === 0;
  const item = (id: string, label: string, command: MenuCommand, shortcut: string | null, disabled: boolean): MenuItem => ({
    id,
    label,
    command,
    shortcut,
    disabled,
  });
  return [
    item('preview', 'Preview', 'preview', 'Space', !oneObject),
    item('info', 'Info', 'info', null, !oneObject),
    ...(extras.download ? [item('download', 'Download…', 'download', `${mod}Shift+D`, none)] : []),
    item('new-folder', 'New folder…', 'new-folder', `${mod}Shift+N`, false),
    item('rename', 'Rename…', 'rename', 'F2', !one),
    item('copy', 'Copy', 'copy', `${mod}C`, none),
    item('cut', 'Cut', 'cut', `${mod}X`, none),
    item('paste', 'Paste', 'paste', `${mod}V`, !canPaste),
    item('share-uri', 'Copy s3:// URI', { share: 's3-uri' }, null, !one),
    item('share-url', 'Copy object URL', { share: 'object-url' }, null, !oneObject),
    item('share-presigned', 'Share presigned link…', { share: 'presigned' }, null, !oneObject),
    item('delete', 'Delete…', 'delete', mac ? '⌘⌫' : 'Delete', none),
  ];
}
