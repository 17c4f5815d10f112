/**
 * The settings feature: the current settings in memory, persisted on every change (writes queued in order),
 * and the download-folder policy the transfer service asks. Plain Node; the dialog comes in as an adapter.
 */
import os from 'node:os';
import path from 'node:path';
import type { AppSettings, SettingsPatch } from '../../shared/settings';
import type { DialogAdapter, DownloadFolderPolicy } from '../transfers/adapters';
import { DEFAULT_SETTINGS, loadAppSettingsSync, saveAppSettings, type StoredSettings } from './settings-store';

export interface SettingsServiceOptions {
  /** Where app-settings.json lives; without it settings last for the session (tests, benchmarks). */
  readonly userDataDir?: string;
  /** The OS Downloads folder (Electron's app.getPath('downloads')); a temp folder in tests. */
  readonly downloadsDir?: string;
  /** The native folder dialog for choosing the download folder. */
  readonly dialogs?: DialogAdapter;
  /** Called after every change (the core applies concurrency to the transfer service). */
  readonly onChange?: (settings: StoredSettings) => void;
}

export class SettingsService implements DownloadFolderPolicy {
  private current: StoredSettings;
  private readonly downloadsDir: string;
  private writing: Promise<void> = Promise.resolve();
  /** Why the settings file could not be read at start (it was moved aside), or null. */
  readonly problem: string | null;

  constructor(private readonly options: SettingsServiceOptions = {}) {
    this.downloadsDir = options.downloadsDir ?? path.join(os.homedir(), 'Downloads');
    const loaded = options.userDataDir === undefined ? { settings: DEFAULT_SETTINGS, problem: null } : loadAppSettingsSync(options.userDataDir);
    this.current = loaded.settings;
    this.problem = loaded.problem;
  }

  /** The stored settings (what the transfer service starts with). */
  stored(): StoredSettings {
    return this.current;
  }

  get(): AppSettings {
    const { downloadFolder, ...rest } = this.current;
    return { ...rest, downloadFolder: downloadFolder ?? this.downloadsDir, downloadFolderIsDefault: downloadFolder === null };
  }

  async set(patch: SettingsPatch): Promise<AppSettings> {
    const { resetDownloadFolder, ...fields } = patch;
    await this.update({ ...fields, ...(resetDownloadFolder ? { downloadFolder: null } : {}) });
    return this.get();
  }

  /** Open the folder dialog; the folder picked becomes the download folder. Cancelled: nothing changes. */
  async chooseDownloadFolder(): Promise<AppSettings> {
    const dialogs = this.options.dialogs;
    if (!dialogs) return this.get();
    const picked = await dialogs.pickFolder({ title: 'Choose the download folder', defaultPath: this.folder() });
    if (picked) await this.update({ downloadFolder: path.resolve(picked) });
    return this.get();
  }

  folder(): string {
    return this.current.downloadFolder ?? this.downloadsDir;
  }

  askEveryTime(): boolean {
    return this.current.askEveryTime;
  }

  lastFolder(): string | null {
    return this.current.lastFolder;
  }

  remember(folder: string): void {
    void this.update({ lastFolder: path.resolve(folder) }).catch(() => {
      // A failed write keeps the folder for this session; the next change writes it again.
    });
  }

  /** Resolves when every queued write has finished (tests, and the core's dispose). */
  flush(): Promise<void> {
    return this.writing.catch(() => {});
  }

  private update(changes: Partial<StoredSettings>): Promise<void> {
    this.current = { ...this.current, ...changes };
    this.options.onChange?.(this.current);
    const dir = this.options.userDataDir;
    if (dir === undefined) return Promise.resolve();
    const snapshot = this.current;
    const write = this.writing.catch(() => {}).then(() => saveAppSettings(dir, snapshot));
    this.writing = write;
    return write;
  }
}
