/** Electron glue for the transfer feature's native dialogs and notifications. */
import { type BrowserWindow, dialog, Notification } from 'electron';
import type { DialogAdapter } from '../transfers/adapters';

export function electronDialogs(parent: () => BrowserWindow | undefined): DialogAdapter {
  return {
    async pickFolder({ title, defaultPath }) {
      const win = parent();
      const options: Electron.OpenDialogOptions = {
        title,
        properties: ['openDirectory', 'createDirectory'],
        ...(defaultPath ? { defaultPath } : {}),
      };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async pickUploadPaths({ folders }) {
      const win = parent();
      const options: Electron.OpenDialogOptions = {
        title: folders ? 'Upload folders' : 'Upload files',
        properties: [folders ? 'openDirectory' : 'openFile', 'multiSelections'],
      };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    notify(title, body) {
      // Only worth a notification when the user is looking elsewhere.
      if (!Notification.isSupported() || parent()?.isFocused()) return;
      new Notification({ title, body, silent: true }).show();
    },
  };
}
