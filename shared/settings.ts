/** App settings as the renderer sees them (settings:get / settings:set). Persisted by main/settings/. */
import type { ConflictPolicy } from './transfers';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Bounds of the concurrency settings (files at once, HTTP requests in flight across transfers). */
export const CONCURRENCY_MIN = 1;
export const CONCURRENCY_MAX = 64;

export interface AppSettings {
  /** Where downloads go without asking: the folder the user chose, else the OS Downloads folder. */
  readonly downloadFolder: string;
  /** True while downloadFolder is the OS default (nothing chosen). */
  readonly downloadFolderIsDefault: boolean;
  /** Open the folder dialog for every download (at the last folder picked). */
  readonly askEveryTime: boolean;
  /** The last folder picked in the download dialog; null before the first pick. */
  readonly lastFolder: string | null;
  /** How a download or upload settles existing names without asking ('ask' asks). */
  readonly conflict: ConflictPolicy;
  readonly fileConcurrency: number;
  readonly requestConcurrency: number;
  readonly theme: Theme;
  /** Show the S3 request and cache-hit counters in the status bar. */
  readonly requestMetrics: boolean;
  /** Image thumbnails in the grid view. */
  readonly thumbnails: boolean;
}

/**
 * What settings:set may change. The download folder is not in it: only the native folder dialog
 * (settings:choose-download-folder) can point downloads somewhere, so a compromised renderer cannot.
 * `resetDownloadFolder` goes back to the OS Downloads folder.
 */
export type SettingsPatch = Partial<
  Pick<AppSettings, 'askEveryTime' | 'conflict' | 'fileConcurrency' | 'requestConcurrency' | 'theme' | 'requestMetrics' | 'thumbnails'>
> & { readonly resetDownloadFolder?: boolean };
