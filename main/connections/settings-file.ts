import { readFileSync, renameSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { FINGERPRINT_RE } from './tls-trust';

export const SETTINGS_FILE_NAME = 'connections.json';
export const SETTINGS_VERSION = 1;

/** A saved connection as written to disk. The only secret field is ciphertext from the SecretBox. */
const savedConnection = z
  .object({
    id: z.string().min(1).max(200),
    name: z.string().min(1).max(200),
    endpoint: z.string().max(2048).nullable(),
    region: z.string().min(1).max(64),
    forcePathStyle: z.boolean(),
    auth: z.enum(['keys', 'profile', 'default-chain']),
    profile: z.string().max(200).nullable(),
    preset: z.string().max(64).nullable(),
    bucket: z.string().max(255).nullable(),
    accessKeyHint: z.string().max(32).nullable(),
    /** base64 ciphertext of the credentials JSON; null when there is none or it was kept for the session only. */
    encryptedSecret: z.string().max(65_536).nullable(),
    /** A server certificate the user chose to trust for this connection (public data). Optional: files written
     *  before it existed stay valid. */
    trustedCertificate: z
      .object({ sha256: z.string().regex(FINGERPRINT_RE), pem: z.string().max(65_536) })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();

const settingsFile = z
  .object({
    version: z.literal(SETTINGS_VERSION),
    connections: z.array(savedConnection).max(10_000),
  })
  .strict();

export type SavedConnection = z.infer<typeof savedConnection>;

export interface LoadedSettings {
  readonly connections: readonly SavedConnection[];
  readonly problem: { readonly message: string; readonly movedTo: string | null } | null;
}

/**
 * Read the settings file. Anything unusable (bad JSON, hand edits the schema rejects, a newer version) is moved
 * aside under a timestamped name and reported, so the next save can never overwrite the user's data.
 * Synchronous: it runs once while the core is built, before any handler can answer.
 */
export function loadSettingsSync(dir: string, now: () => Date = () => new Date()): LoadedSettings {
  const loaded = loadVersionedFileSync(
    { dir, fileName: SETTINGS_FILE_NAME, version: SETTINGS_VERSION, schema: settingsFile, what: 'Saved connections' },
    now,
  );
  return { connections: loaded.value?.connections ?? [], problem: loaded.problem };
}

/** Write atomically (temp file + rename) and readable by the user only. */
export async function saveSettings(dir: string, connections: readonly SavedConnection[]): Promise<void> {
  await saveVersionedFile({ dir, fileName: SETTINGS_FILE_NAME, schema: settingsFile }, { version: SETTINGS_VERSION, connections });
}

/** One versioned, zod-checked JSON file in the user-data folder (connections, the workspace, …). */
export interface VersionedFile<T extends { readonly version: number }> {
  readonly dir: string;
  readonly fileName: string;
  readonly version: number;
  readonly schema: z.ZodType<T>;
  /** What the file holds, for the problem sentence ("Saved connections could not be loaded: …"). */
  readonly what: string;
}

export interface LoadedFile<T> {
  /** null when the file is absent or unusable. */
  readonly value: T | null;
  readonly problem: { readonly message: string; readonly movedTo: string | null } | null;
}

/** The generic reader behind loadSettingsSync: same rules (unusable files moved aside and reported). */
export function loadVersionedFileSync<T extends { readonly version: number }>(
  file: VersionedFile<T>,
  now: () => Date = () => new Date(),
): LoadedFile<T> {
  const path = join(file.dir, file.fileName);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { value: null, problem: null };
    return { value: null, problem: { message: `cannot read ${path}: ${(error as Error).message}`, movedTo: null } };
  }
  let reason: string;
  try {
    const json: unknown = JSON.parse(text);
    const version = (json as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > file.version) {
      reason = `it was written by a newer version of S3 Desk (format ${version})`;
    } else {
      const parsed = file.schema.safeParse(json);
      if (parsed.success) return { value: parsed.data, problem: null };
      const issue = parsed.error.issues[0];
      reason = `it does not match the expected format (${issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : 'invalid'})`;
    }
  } catch (error) {
    reason = `it is not valid JSON (${(error as Error).message})`;
  }
  const movedTo = `${path}.unreadable-${now().toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(path, movedTo);
    return { value: null, problem: { message: `${file.what} could not be loaded: ${reason}. The file was kept as ${movedTo}.`, movedTo } };
  } catch (error) {
    return {
      value: null,
      problem: { message: `${file.what} could not be loaded: ${reason}; moving it aside failed (${(error as Error).message}).`, movedTo: null },
    };
  }
}

/** Write atomically (temp file + rename) and readable by the user only; the schema checks what is written. */
export async function saveVersionedFile<T extends { readonly version: number }>(
  file: Pick<VersionedFile<T>, 'dir' | 'fileName' | 'schema'>,
  value: T,
): Promise<void> {
  await mkdir(file.dir, { recursive: true });
  const path = join(file.dir, file.fileName);
  const body = file.schema.parse(value);
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, path);
}
