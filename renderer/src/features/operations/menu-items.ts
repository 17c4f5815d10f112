/**
 * The context menus, built from the command registry: which commands each one lists, in which groups. Labels,
 * shortcuts and enabled state come from the registry, so a menu item does exactly what its toolbar button and
 * shortcut do. The item menu acts on the selection (a right-click selects the row under the pointer first);
 * the background menu on the folder (the selection is cleared first).
 */
import { formatAccelerator } from '../../../../shared/accelerator';
import { type CommandId, commandDef, keysOf } from '../../../../shared/commands';

export interface MenuItem {
  readonly kind: 'item';
  /** Stable item id (test ids are `ops-menu-<id>`). */
  readonly id: string;
  readonly command: CommandId;
  readonly label: string;
  readonly shortcut: string | null;
  readonly disabled: boolean;
}

export type MenuEntry = MenuItem | { readonly kind: 'separator'; readonly id: string };

/** Item ids the specs have used since before the registry, for the share items. */
const ITEM_IDS: Partial<Record<CommandId, string>> = {
  'copy-s3-uri': 'share-uri',
  'copy-object-url': 'share-url',
  'share-link': 'share-presigned',
};

/** On the background, Paste says where it goes. */
const BACKGROUND_LABELS: Partial<Record<CommandId, string>> = { paste: 'Paste here' };

const ITEM_MENU: readonly (readonly CommandId[])[] = [
  ['preview', 'info', 'properties'],
  ['open-with', 'edit', 'download'],
  ['new-folder', 'rename', 'copy', 'cut', 'paste'],
  ['copy-s3-uri', 'copy-object-url', 'share-link'],
  ['versions', 'undelete', 'compare'],
  ['delete'],
];
const BACKGROUND_MENU: readonly (readonly CommandId[])[] = [
  ['upload-files', 'upload-folder', 'upload-with-options', 'refresh'],
  ['new-folder', 'paste'],
  ['show-deleted', 'view-as-of', 'bucket-versioning'],
  ['compare'],
  ['bucket-info', 'new-bucket'],
];

/** Commands a menu leaves out rather than greying (their feature is not wired in). */
export type Omitted = ReadonlySet<CommandId>;

export function menuItems(
  background: boolean,
  reason: (id: CommandId) => string | null,
  mac: boolean,
  omit: Omitted = new Set(),
): MenuEntry[] {
  const groups = (background ? BACKGROUND_MENU : ITEM_MENU).map((g) => g.filter((id) => !omit.has(id))).filter((g) => g.length > 0);
  return groups.flatMap((group, index) => [
    ...(index > 0 ? [{ kind: 'separator', id: `sep-${index}` } as const] : []),
    ...group.map((command): MenuItem => {
      const first = keysOf(commandDef(command), mac)[0];
      return {
        kind: 'item',
        id: ITEM_IDS[command] ?? command,
        command,
        label: (background ? BACKGROUND_LABELS[command] : undefined) ?? commandDef(command).label,
        shortcut: first ? formatAccelerator(first, mac) : null,
        disabled: reason(command) !== null,
      };
    }),
  ]);
}
