import { app, Menu, type MenuItemConstructorOptions } from 'electron';

/**
 * The application menu. Electron's default one binds CmdOrCtrl+R to reloading the window, which would swallow
 * the browser's Refresh shortcut (F5 / Ctrl+R re-list the folder); this menu has no reload role at all.
 */
export function installAppMenu(isDev: boolean): void {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
    ...(isDev ? [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const] : []),
  ];
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ label: app.name, role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
