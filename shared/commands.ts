/**
 * Every command of the app as plain data: id, label, where it sits in the native menu and its key bindings.
 * Both processes read this one list: main builds the native menu from it (main/menu/), the renderer's registry
 * (renderer/src/commands/) adds icons, `enabled` and `run` per id, so the menu, toolbar, context menus and
 * shortcuts cannot drift apart. Key bindings use Electron's accelerator syntax (shared/accelerator.ts); the
 * first one is the one shown in menus and tooltips.
 */

export type MenuName = 'file' | 'edit' | 'view' | 'go' | 'window';

export interface CommandDef {
  readonly id: string;
  /** Sentence case, as the app writes labels everywhere; "…" when the command asks something before acting. */
  readonly label: string;
  readonly menu: MenuName;
  /** Items of one section are kept together; a separator goes between sections. */
  readonly section: string;
  /** Bindings on Windows and Linux. */
  readonly keys: readonly string[];
  /** Bindings on macOS, when they differ. */
  readonly macKeys?: readonly string[];
}

export const COMMANDS = [
  // File
  { id: 'open', label: 'Open', menu: 'file', section: 'open', keys: ['Enter'] },
  { id: 'preview', label: 'Preview', menu: 'file', section: 'open', keys: ['Space'] },
  { id: 'open-with', label: 'Open in default app', menu: 'file', section: 'open', keys: ['CmdOrCtrl+O'] },
  { id: 'edit', label: 'Edit in default app', menu: 'file', section: 'open', keys: ['CmdOrCtrl+E'] },
  { id: 'info', label: 'Info', menu: 'file', section: 'open', keys: ['CmdOrCtrl+I'] },
  { id: 'properties', label: 'Properties…', menu: 'file', section: 'open', keys: ['CmdOrCtrl+Shift+P'] },
  { id: 'new-folder', label: 'New folder…', menu: 'file', section: 'create', keys: ['CmdOrCtrl+Shift+N'] },
  { id: 'upload-files', label: 'Upload files…', menu: 'file', section: 'transfer', keys: ['CmdOrCtrl+U'] },
  { id: 'upload-folder', label: 'Upload folder…', menu: 'file', section: 'transfer', keys: ['CmdOrCtrl+Shift+U'] },
  { id: 'upload-with-options', label: 'Upload with options…', menu: 'file', section: 'transfer', keys: [] },
  { id: 'download', label: 'Download…', menu: 'file', section: 'transfer', keys: ['CmdOrCtrl+Shift+D'] },
  { id: 'incomplete-uploads', label: 'Incomplete uploads…', menu: 'file', section: 'transfer', keys: [] },
  { id: 'share-link', label: 'Share link…', menu: 'file', section: 'share', keys: ['CmdOrCtrl+Shift+L'] },
  { id: 'copy-s3-uri', label: 'Copy s3:// URI', menu: 'file', section: 'share', keys: ['CmdOrCtrl+Alt+C'] },
  { id: 'copy-object-url', label: 'Copy object URL', menu: 'file', section: 'share', keys: [] },
  { id: 'rename', label: 'Rename…', menu: 'file', section: 'change', keys: ['F2'] },
  { id: 'delete', label: 'Delete…', menu: 'file', section: 'change', keys: ['Delete'], macKeys: ['CmdOrCtrl+Backspace', 'Delete'] },
  { id: 'versions', label: 'Versions…', menu: 'file', section: 'versions', keys: ['CmdOrCtrl+Shift+V'] },
  { id: 'undelete', label: 'Undelete…', menu: 'file', section: 'versions', keys: [] },
  { id: 'restore-folder', label: 'Restore folder to this time…', menu: 'file', section: 'versions', keys: [] },
  { id: 'bucket-versioning', label: 'Bucket versioning…', menu: 'file', section: 'versions', keys: [] },
  { id: 'new-bucket', label: 'New bucket…', menu: 'file', section: 'bucket', keys: [] },
  { id: 'bucket-info', label: 'Bucket info…', menu: 'file', section: 'bucket', keys: [] },
  { id: 'compare', label: 'Compare with…', menu: 'file', section: 'sync', keys: ['CmdOrCtrl+Shift+Y'] },
  { id: 'settings', label: 'Settings…', menu: 'file', section: 'settings', keys: ['CmdOrCtrl+,'] },
  // Edit
  { id: 'cut', label: 'Cut', menu: 'edit', section: 'clipboard', keys: ['CmdOrCtrl+X'] },
  { id: 'copy', label: 'Copy', menu: 'edit', section: 'clipboard', keys: ['CmdOrCtrl+C'] },
  { id: 'paste', label: 'Paste', menu: 'edit', section: 'clipboard', keys: ['CmdOrCtrl+V'] },
  { id: 'select-all', label: 'Select all', menu: 'edit', section: 'select', keys: ['CmdOrCtrl+A'] },
  { id: 'filter', label: 'Filter', menu: 'edit', section: 'find', keys: ['CmdOrCtrl+F'] },
  // View
  { id: 'refresh', label: 'Refresh', menu: 'view', section: 'reload', keys: ['F5', 'CmdOrCtrl+R'], macKeys: ['CmdOrCtrl+R', 'F5'] },
  { id: 'toggle-info-panel', label: 'Info panel', menu: 'view', section: 'panels', keys: ['CmdOrCtrl+Alt+I'] },
  { id: 'toggle-transfers-panel', label: 'Transfers panel', menu: 'view', section: 'panels', keys: ['CmdOrCtrl+Alt+T'] },
  { id: 'toggle-grid-view', label: 'Grid view', menu: 'view', section: 'look', keys: ['CmdOrCtrl+Shift+G'] },
  { id: 'theme', label: 'Switch theme', menu: 'view', section: 'look', keys: [] },
  { id: 'show-deleted', label: 'Show deleted', menu: 'view', section: 'versions', keys: ['CmdOrCtrl+Shift+H'] },
  { id: 'view-as-of', label: 'View as of…', menu: 'view', section: 'versions', keys: [] },
  // Go
  { id: 'back', label: 'Back', menu: 'go', section: 'history', keys: ['Alt+Left'], macKeys: ['CmdOrCtrl+[', 'Alt+Left'] },
  { id: 'forward', label: 'Forward', menu: 'go', section: 'history', keys: ['Alt+Right'], macKeys: ['CmdOrCtrl+]', 'Alt+Right'] },
  { id: 'up', label: 'Enclosing folder', menu: 'go', section: 'tree', keys: ['Alt+Up', 'Backspace'], macKeys: ['CmdOrCtrl+Up', 'Alt+Up', 'Backspace'] },
  { id: 'address-bar', label: 'Go to address…', menu: 'go', section: 'address', keys: ['CmdOrCtrl+L'] },
] as const satisfies readonly CommandDef[];

export type CommandId = (typeof COMMANDS)[number]['id'];

export const COMMAND_IDS: readonly CommandId[] = COMMANDS.map((c) => c.id);

export const MENU_ORDER: readonly MenuName[] = ['file', 'edit', 'view', 'go', 'window'];

const byId = new Map<string, CommandDef>(COMMANDS.map((c) => [c.id, c]));

export function isCommandId(value: unknown): value is CommandId {
  return typeof value === 'string' && byId.has(value);
}

export function commandDef(id: CommandId): CommandDef {
  return byId.get(id) as CommandDef;
}

/** The bindings of a command on this platform, the displayed one first. */
export function keysOf(def: CommandDef, mac: boolean): readonly string[] {
  return mac && def.macKeys ? def.macKeys : def.keys;
}
