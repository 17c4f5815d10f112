/**
 * The persisted form of the app settings: app-settings.json in the user-data folder, read and written by the
 * versioned, zod-checked helpers of settings-file.ts (an unreadable file is moved aside, never overwritten).
 */
import { z } from 'zod';
import { CONCURRENCY_MAX, CONCURRENCY_MIN, THEMES } from '../../shared/settings';
import { loadVersionedFileSync, saveVersionedFile, type VersionedFile } from '../connections/settings-file';
import { DEFAULT_TRANSFER_OPTIONS } from '../transfers/transfer-options';

export const APP_SETTINGS_FILE_NAME = 'app-settings.json';
const VERSION = 1;

const folder = z.string().min(1).max(32_767).nullable();
const concurrency = z.number().int().min(CONCURRENCY_MIN).max(CONCURRENCY_MAX);

/** Every field has a default, so a file from an older build that lacks one still loads. */
export const storedSettings = z
  .object({
    /** null: the OS Downloads folder. */
    downloadFolder: folder.default(null),
    askEveryTime: z.boolean().default(false),
    lastFolder: folder.default(null),
    conflict: z.enum(['ask', 'overwrite', 'skip', 'keep-both']).default('ask'),
    fileConcurrency: concurrency.default(Math.min(DEFAULT_TRANSFER_OPTIONS.fileConcurrency, CONCURRENCY_MAX)),
    requestConcurrency: concurrency.default(Math.min(DEFAULT_TRANSFER_OPTIONS.requestConcurrency, CONCURRENCY_MAX)),
    theme: z.enum(THEMES).default('system'),
    requestMetrics: z.boolean().default(true),
    thumbnails: z.boolean().default(false),
  })
  .strict();

export type StoredSettings = z.infer<typeof storedSettings>;

const fileSchema = z.object({ version: z.literal(VERSION), settings: storedSettings }).strict();
type SettingsFileBody = z.infer<typeof fileSchema>;

export const DEFAULT_SETTINGS: StoredSettings = storedSettings.parse({});

const fileOf = (dir: string): VersionedFile<SettingsFileBody> => ({
  dir,
  fileName: APP_SETTINGS_FILE_NAME,
  version: VERSION,
  schema: fileSchema,
  what: 'Settings',
});

export interface LoadedAppSettings {
  readonly settings: StoredSettings;
  /** Why the file could not be used (it was moved aside), or null. */
  readonly problem: string | null;
}

export function loadAppSettingsSync(dir: string): LoadedAppSettings {
  const loaded = loadVersionedFileSync(fileOf(dir));
  return { settings: loaded.value?.settings ?? DEFAULT_SETTINGS, problem: loaded.problem?.message ?? null };
}

export function saveAppSettings(dir: string, settings: StoredSettings): Promise<void> {
  return saveVersionedFile(fileOf(dir), { version: VERSION, settings });
}
