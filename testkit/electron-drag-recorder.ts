/**
 * For the _electron spec: replace the window's OS drag (webContents.startDrag) with a recorder, and read folders
 * the same way in the test process. `installDragRecorder` and `recordedDrags` run INSIDE Electron's main process
 * through ElectronApplication.evaluate, which sends their source text: they must not use anything from this
 * module's scope (imports, helpers) — only their argument (the electron module) and globals.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';

/** What the recorder saw when the app called webContents.startDrag (serializable, for the test). */
export interface RecordedDrag {
  readonly file: string;
  readonly files: readonly string[];
  readonly iconEmpty: boolean;
  /** Every entry of each folder holding a handed path, taken inside the call (so: what existed at the moment of
   *  the handover). Keyed by folder; see FolderSnapshot. */
  readonly atHandover: Readonly<Record<string, FolderSnapshot>>;
  /** Set when the snapshot itself failed (a handed path missing, say). */
  readonly error?: string;
}

/** Relative path ("/"-separated, hidden entries included) → sha256 of a file's bytes, 'dir' for a folder (key
 *  ends with "/"), 'other' for anything else (a symlink, say). */
export type FolderSnapshot = Readonly<Record<string, string>>;

/**
 * Main process: make the first window's `webContents.startDrag` record its item instead of starting an OS drag
 * (main/electron/drag.ts calls the method on that same object). Synchronous snapshot inside the call.
 */
export function installDragRecorder({ BrowserWindow: windows }: { readonly BrowserWindow: typeof BrowserWindow }): void {
  const contents = windows.getAllWindows()[0]?.webContents;
  if (!contents) throw new Error('installDragRecorder: the app has no window');
  const fs = process.getBuiltinModule('node:fs');
  const path = process.getBuiltinModule('node:path');
  const crypto = process.getBuiltinModule('node:crypto');
  const drags: RecordedDrag[] = [];
  (globalThis as unknown as { __s3deskDrags: RecordedDrag[] }).__s3deskDrags = drags;
  const walk = (dir: string, rel: string, out: Record<string, string>): Record<string, string> => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const key = rel === '' ? name : `${rel}/${name}`;
      const info = fs.lstatSync(full);
      if (info.isDirectory()) {
        out[`${key}/`] = 'dir';
        walk(full, key, out);
      } else {
        out[key] = info.isFile() ? crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex') : 'other';
      }
    }
    return out;
  };
  contents.startDrag = (item) => {
    const files = item.files ?? [item.file];
    const iconEmpty = typeof item.icon === 'string' ? item.icon === '' : item.icon.isEmpty();
    try {
      const atHandover: Record<string, FolderSnapshot> = {};
      for (const folder of new Set(files.map((f) => path.dirname(f)))) atHandover[folder] = walk(folder, '', {});
      drags.push({ file: item.file, files, iconEmpty, atHandover });
    } catch (error) {
      drags.push({ file: item.file, files, iconEmpty, atHandover: {}, error: String(error) });
    }
  };
}

/** Main process: the drags recorded so far. */
export function recordedDrags(): RecordedDrag[] {
  return (globalThis as unknown as { __s3deskDrags?: RecordedDrag[] }).__s3deskDrags ?? [];
}

export const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

/** Test process: the same snapshot as the recorder takes, read from disk now. */
export async function folderSnapshot(folder: string): Promise<FolderSnapshot> {
  const out: Record<string, string> = {};
  const walk = async (dir: string, rel: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      const full = join(dir, name);
      const key = rel === '' ? name : `${rel}/${name}`;
      const info = await lstat(full);
      if (info.isDirectory()) {
        out[`${key}/`] = 'dir';
        await walk(full, key);
      } else {
        out[key] = info.isFile() ? sha256(await readFile(full)) : 'other';
      }
    }
  };
  await walk(folder, '');
  return out;
}
