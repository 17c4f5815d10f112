/**
 * The native menu as plain data, from the shared command list (shared/commands.ts): File / Edit / View / Go /
 * Window, plus the app menu on macOS. No Electron here, so it is unit-tested; main/electron/menu.ts hands the
 * result to Menu.buildFromTemplate. A click only reports the command id; the renderer runs it through its
 * registry (the `menu:command` event), and the renderer's enabled state greys items out (`menu:state`).
 *
 * Accelerators are shown but not registered with the OS (registerAccelerator: false): the renderer's one
 * keydown handler dispatches every shortcut, so Ctrl+C in the filter box copies text instead of objects and no
 * key runs a command twice. (macOS ignores the flag; there the page sees a key first and a handled key never
 * reaches the menu.)
 */
import { parseAccelerator } from '../../shared/accelerator';
import { COMMANDS, type CommandDef, type CommandId, keysOf, MENU_ORDER, type MenuName } from '../../shared/commands';

export type MenuRole =
  | 'appMenu'
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'toggleDevTools'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll';

/**
 * macOS only delivers Cmd+C/X/V/A to a text field through Edit menu items with these roles, so there the four
 * clipboard items are role items: in a text field they edit text, and in the table the page's keydown handler
 * runs the object command first (a handled key never reaches the menu). Elsewhere they are plain commands.
 */
const MAC_EDIT_ROLES: Readonly<Partial<Record<CommandId, MenuRole>>> = { cut: 'cut', copy: 'copy', paste: 'paste', 'select-all': 'selectAll' };

/** The subset of Electron's MenuItemConstructorOptions this app uses (structurally compatible with it). */
export interface MenuTemplateItem {
  readonly id?: string;
  readonly label?: string;
  readonly role?: MenuRole;
  readonly type?: 'separator';
  readonly accelerator?: string;
  readonly registerAccelerator?: boolean;
  readonly enabled?: boolean;
  readonly click?: () => void;
  readonly submenu?: MenuTemplateItem[];
}

export interface MenuTemplateOptions {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  readonly isDev: boolean;
  /** Commands the renderer says cannot run now. */
  readonly disabled: ReadonlySet<string>;
  onCommand(id: CommandId): void;
}

/**
 * The binding a menu item shows. macOS registers every menu accelerator as a key equivalent (it ignores
 * registerAccelerator), and one without a modifier (Space, Backspace, Enter) would be taken from text fields,
 * so there only modified or function-key bindings go into the menu; the renderer still handles the others.
 */
function menuAccelerator(def: CommandDef, mac: boolean): string | undefined {
  return keysOf(def, mac).find((text) => {
    const acc = parseAccelerator(text);
    return acc !== null && (!mac || acc.primary || acc.alt || /^F\d+$/.test(acc.key));
  });
}

const TITLES: Readonly<Record<MenuName, string>> = { file: 'File', edit: 'Edit', view: 'View', go: 'Go', window: 'Window' };

function commandItems(menu: MenuName, options: MenuTemplateOptions): MenuTemplateItem[] {
  const mac = options.platform === 'darwin';
  const items: MenuTemplateItem[] = [];
  let section: string | null = null;
  // Settings lives in the app menu on macOS, as there.
  for (const def of COMMANDS.filter((c) => c.menu === menu && !(mac && c.id === 'settings'))) {
    if (section !== null && def.section !== section) items.push({ type: 'separator' });
    section = def.section;
    const accelerator = menuAccelerator(def, mac);
    const role = mac ? MAC_EDIT_ROLES[def.id] : undefined;
    if (role) {
      items.push({ id: def.id, label: def.label, role });
      continue;
    }
    items.push({
      id: def.id,
      label: def.label,
      ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
      enabled: !options.disabled.has(def.id),
      click: () => options.onCommand(def.id),
    });
  }
  return items;
}

/** Role items each menu ends with (window management, zoom, quit). */
function roleItems(menu: MenuName, options: MenuTemplateOptions): MenuTemplateItem[] {
  const mac = options.platform === 'darwin';
  switch (menu) {
    case 'file':
      // No Close item anywhere: CmdOrCtrl+W closes the active tab (the renderer's shortcut), never the window.
      return mac ? [] : [{ type: 'separator' }, { role: 'quit' }];
    case 'view':
      return [
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(options.isDev ? [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const] : []),
      ];
    case 'window':
      // 'zoom' and 'front' exist only on macOS.
      return mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }];
    case 'edit':
    case 'go':
      return [];
  }
}

/** Drop separators at either end (a menu whose commands are all elsewhere starts with its roles). */
function tidy(items: MenuTemplateItem[]): MenuTemplateItem[] {
  const out = items.filter((item, i) => item.type !== 'separator' || (i > 0 && items[i - 1]?.type !== 'separator'));
  while (out[0]?.type === 'separator') out.shift();
  while (out[out.length - 1]?.type === 'separator') out.pop();
  return out;
}

export function buildMenuTemplate(options: MenuTemplateOptions): MenuTemplateItem[] {
  const mac = options.platform === 'darwin';
  const menus = MENU_ORDER.map((menu) => ({
    label: TITLES[menu],
    submenu: tidy([...commandItems(menu, options), ...roleItems(menu, options)]),
  }));
  if (!mac) return menus;
  const settings = COMMANDS.find((c) => c.id === 'settings');
  const app: MenuTemplateItem = {
    label: options.appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      ...(settings
        ? [
            {
              id: settings.id,
              label: settings.label,
              accelerator: menuAccelerator(settings, true) as string,
              registerAccelerator: false,
              enabled: !options.disabled.has(settings.id),
              click: () => options.onCommand(settings.id),
            },
            { type: 'separator' } as const,
          ]
        : []),
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  return [app, ...menus];
}
