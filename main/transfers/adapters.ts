/**
 * The small interfaces the transfer feature needs from Electron. The core receives implementations as
 * createCore options (main/electron/* in the app, fakes in tests and the e2e harness), so nothing here imports
 * Electron.
 */
export interface DialogAdapter {
  /** A native folder picker; null when the user cancels. */
  pickFolder(options: { readonly title: string; readonly defaultPath?: string }): Promise<string | null>;
  /** A native picker for files (or folders) to upload; [] when cancelled. */
  pickUploadPaths(options: { readonly folders: boolean }): Promise<string[]>;
  /** An OS notification (e.g. a batch finished). */
  notify(title: string, body: string): void;
}

export interface DragAdapter {
  /** Start an OS drag of existing, complete local files and folders (webContents.startDrag in the app). */
  startDrag(paths: readonly string[]): void;
}

/** The OS file manager and default apps (Electron's shell in the app, a recording fake in tests). */
export interface DesktopAdapter {
  /** Reveal a file in the file manager, selected. */
  showItemInFolder(path: string): void;
  /** Open a file with its default app; resolves to an error message, or '' when it opened. */
  openPath(path: string): Promise<string>;
}

/** Where downloads go without a folder from the renderer; the settings service implements it. */
export interface DownloadFolderPolicy {
  /** The configured download folder (the user's choice, else the OS Downloads folder). */
  folder(): string;
  /** Whether every download asks for a folder. */
  askEveryTime(): boolean;
  /** Where the folder dialog opens; null before the first pick. */
  lastFolder(): string | null;
  /** A folder the user just picked in the dialog. */
  remember(folder: string): void;
}
