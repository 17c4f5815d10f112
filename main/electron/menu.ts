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
  const mac = process.platform === 'darwin';
  // No Close item: CmdOrCtrl+W closes the active tab (the renderer's shortcut), never the whole window; the
  // default File and Window menus would bind it to closing the window first.
  const file: MenuItemConstructorOptions[] = mac ? [] : [{ role: 'quit' }];
  const windowItems: MenuItemConstructorOptions[] = mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }];
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ label: app.name, role: 'appMenu' } as const] : []),
    ...(file.length > 0 ? [{ label: 'File', submenu: file }] : []),
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { label: 'Window', role: 'window', submenu: windowItems },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
