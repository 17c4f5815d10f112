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

/**
 * Everything dropped, folders included. Must be called during the drop event (the DataTransfer is emptied
 * after it). With a local path (Electron) a folder goes to main as one path, which walks it; without one, the
 * folder is read here through the File and Directory Entries API and its files stream with relative names.
 */
export async function droppedItems(dataTransfer: DataTransfer, pathOf?: PathForFile): Promise<DroppedFile[]> {
  const pending: Array<Promise<DroppedFile[]>> = [];
  const items = Array.from(dataTransfer.items).filter((i) => i.kind === 'file');
  if (items.length === 0) return droppedFiles(Array.from(dataTransfer.files), pathOf);
  for (const item of items) {
    const file = item.getAsFile();
    const entry = item.webkitGetAsEntry?.() ?? null;
    const [withPath] = file ? droppedFiles([file], pathOf) : [];
    if (withPath?.path) pending.push(Promise.resolve([withPath]));
    else if (entry?.isDirectory) pending.push(readDirectory(entry as FileSystemDirectoryEntry, `${entry.name}/`));
    else if (withPath) pending.push(Promise.resolve([withPath]));
  }
  return (await Promise.all(pending)).flat();
}

async function readDirectory(dir: FileSystemDirectoryEntry, prefix: string): Promise<DroppedFile[]> {
  const reader = dir.createReader();
  const entries: FileSystemEntry[] = [];
  // readEntries answers in batches (100 in Chromium) until it returns an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    entries.push(...batch);
  }
  const out: DroppedFile[] = [];
  for (const entry of entries) {
    if (entry.isDirectory) out.push(...(await readDirectory(entry as FileSystemDirectoryEntry, `${prefix}${entry.name}/`)));
    else {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      const [dropped] = droppedFiles([file]);
      if (dropped) out.push({ ...dropped, name: prefix + file.name });
    }
  }
  return out;
}
