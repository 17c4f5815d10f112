/**
 * What a crashed S3 Desk left behind. Temp folders (staged drags, streamed uploads, DownloadURL drops): each app
 * process keeps its temp files in `<os tmp>/s3desk-<pid>-<random>` and removes it on quit; at the next start
 * those whose process is gone are removed. Part files of interrupted downloads (`.s3desk-<pid>-….part` next to
 * their target): removed from a destination folder when the next download into it starts, with their range sidecars
 * (`….part.ranges`, and their half-written temp files), except those the transfer journal still holds: a journaled download resumes from them.
 * Anything whose pid is alive (another process, or a reused pid) is left alone: leaving a file is harmless,
 * removing a live one is not.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

const APP_TEMP = /^s3desk-(\d+)-[0-9a-f]{8}$/;
// A sidecar's crash-safe write goes through a temp file named after the writer's pid (atomic-file.ts).
const PART_FILE = /^\.?\.s3desk-(\d+)-[0-9a-f]{8}-[0-9a-z]+\.part(?:\.ranges(?:\.(\d+)\.tmp)?)?$/;

/** The folder name a process uses (TransferService's default temp folder). */
export function appTempName(pid: number, random: string): string {
  return `s3desk-${pid}-${random}`;
}

/** A download's part file name: hidden, short (the target's own name may already use all 255 bytes), unique. */
export function partName(pid: number, random: string, counter: number): string {
  return `.s3desk-${pid}-${random}-${counter.toString(36)}.part`;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove the app temp folders under `root` whose process is gone; resolves with the names removed. */
export function sweepStaleTempDirs(root: string, isAlive: (pid: number) => boolean = isProcessAlive): Promise<string[]> {
  return sweep(root, APP_TEMP, 'folder', isAlive);
}

/**
 * Remove part files (and sidecars) in `dir` whose process is gone, except the absolute paths in `keep`;
 * resolves with the names removed.
 */
export function sweepStaleParts(
  dir: string,
  isAlive: (pid: number) => boolean = isProcessAlive,
  keep: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  return sweep(dir, PART_FILE, 'file', isAlive, keep);
}

async function sweep(
  root: string,
  pattern: RegExp,
  kind: 'file' | 'folder',
  isAlive: (pid: number) => boolean,
  keep: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const removed: string[] = [];
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const right = kind === 'folder' ? entry.isDirectory() : entry.isFile();
    const match = right ? pattern.exec(entry.name) : null;
    if (!match) continue;
    // A resumed download writes the sidecar of a part file named after the process that began it.
    const pids = match.slice(1).filter((p) => p !== undefined).map(Number);
    if (pids.some((pid) => pid === process.pid || isAlive(pid)) || keep.has(path.join(root, entry.name))) continue;
    await rm(path.join(root, entry.name), { recursive: true, force: true });
    removed.push(entry.name);
  }
  return removed;
}
