/**
 * Files dropped from the OS onto the table. In Electron the preload's getPathForFile gives each File's local
 * path (folders too), and main reads from disk. Without a path (a browser, the Chromium e2e harness, some
 * virtual files) the bytes are read from the File and streamed to main over IPC.
 */
import type { DroppedFile } from './transfers-store';

/** The preload's extra (non-channel) method, present only in the Electron app. */
export type PathForFile = (file: File) => string;

export function getPathForFileOf(api: unknown): PathForFile | undefined {
  const fn = (api as { getPathForFile?: unknown } | null)?.getPathForFile;
  return typeof fn === 'function' ? (fn as PathForFile) : undefined;
}

export function droppedFiles(files: Iterable<File>, pathOf?: PathForFile): DroppedFile[] {
  const out: DroppedFile[] = [];
  for (const file of files) {
    let local: string | null;
    try {
      local = pathOf?.(file) || null;
    } catch {
      local = null; // not a file from the OS
    }
    // webkitRelativePath keeps the folder structure of <input webkitdirectory> picks; drops have only a name.
    const name = file.webkitRelativePath || file.name;
    out.push({
      name,
      size: file.size,
      path: local,
      read: async (offset, length) => new Uint8Array(await file.slice(offset, offset + length).arrayBuffer()),
    });
  }
  return out;
}

/** True when a drag carries files from outside (not our own rows being dragged). */
export function isFileDrag(types: readonly string[]): boolean {
  return types.includes('Files');
}
