/** Electron glue for the desktop adapter: the OS file manager and default apps. */
import { shell } from 'electron';
import type { DesktopAdapter } from '../transfers/adapters';

export function electronDesktop(): DesktopAdapter {
  return {
    showItemInFolder(path) {
      shell.showItemInFolder(path);
    },
    openPath(path) {
      return shell.openPath(path);
    },
  };
}
