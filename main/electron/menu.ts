import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { CommandId } from '../../shared/commands';
import { buildMenuTemplate } from '../menu/menu-template';
import type { MenuHost } from '../menu/menu-state';

/**
 * The application menu, built from the shared command list (main/menu/menu-template.ts). It has no reload
 * role: Electron's default menu binds CmdOrCtrl+R to reloading the window, which is the browser's Refresh.
 * Returns the host the core greys items out through; clicks go to `onCommand`.
 */
export function installAppMenu(isDev: boolean, onCommand: (id: CommandId) => void): MenuHost {
  const install = (disabled: ReadonlySet<string>) => {
    const template = buildMenuTemplate({ platform: process.platform, appName: app.name, isDev, disabled, onCommand });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template as MenuItemConstructorOptions[]));
  };
  install(new Set());
  return {
    // Rebuilt rather than patched: Linux menus do not always repaint a changed `enabled`.
    update: (disabled) => install(disabled),
  };
}
