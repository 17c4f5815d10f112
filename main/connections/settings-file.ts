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
  const path = join(dir, SETTINGS_FILE_NAME);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { connections: [], problem: null };
    return { connections: [], problem: { message: `cannot read ${path}: ${(error as Error).message}`, movedTo: null } };
  }
  let reason: string;
  try {
    const json: unknown = JSON.parse(text);
    const version = (json as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > SETTINGS_VERSION) {
      reason = `it was written by a newer version of S3 Desk (format ${version})`;
    } else {
      const parsed = settingsFile.safeParse(json);
      if (parsed.success) return { connections: parsed.data.connections, problem: null };
      const issue = parsed.error.issues[0];
      reason = `it does not match the expected format (${issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : 'invalid'})`;
    }
  } catch (error) {
    reason = `it is not valid JSON (${(error as Error).message})`;
  }
  const movedTo = `${path}.unreadable-${now().toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(path, movedTo);
    return { connections: [], problem: { message: `Saved connections could not be loaded: ${reason}. The file was kept as ${movedTo}.`, movedTo } };
  } catch (error) {
    return {
      connections: [],
      problem: { message: `Saved connections could not be loaded: ${reason}; moving it aside failed (${(error as Error).message}).`, movedTo: null },
    };
  }
}

/** Write atomically (temp file + rename) and readable by the user only. */
export async function saveSettings(dir: string, connections: readonly SavedConnection[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, SETTINGS_FILE_NAME);
  const body = settingsFile.parse({ version: SETTINGS_VERSION, connections });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, path);
}
