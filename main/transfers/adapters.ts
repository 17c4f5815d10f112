/**
 * The small interfaces the transfer feature needs from Electron. The core receives implementations as
 * createCore options (main/electron/* in the app, fakes in tests and the e2e harness), so nothing here imports
 * Electron.
 */
export interface DialogAdapter {
  /** A native folder picker; null when the user cancels. */
  pickFolder(options: { readonly title: string }): Promise<string | null>;
  /** A native picker for files (or folders) to upload; [] when cancelled. */
  pickUploadPaths(options: { readonly folders: boolean }): Promise<string[]>;
  /** An OS notification (e.g. a batch finished). */
  notify(title: string, body: string): void;
}

export interface DragAdapter {
  /** Start an OS drag of existing, complete local files and folders (webContents.startDrag in the app). */
  startDrag(paths: readonly string[]): void;
}
