/**
 * Crash-safe replacement of a small file: write a temp file beside it, fsync it, rename it over the old one,
 * then fsync the folder. A crash at any point leaves either the old file or the new one whole, never a mix
 * (rename is atomic within one file system; the folder fsync makes the rename itself durable).
 * `durable: false` skips both fsyncs: still whole-or-old after a process crash, but a power loss may keep the
 * old file (for records that are verified again on reading anyway).
 */
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export async function writeFileAtomic(file: string, data: string | Buffer, options: { readonly durable?: boolean } = {}): Promise<void> {
  const durable = options.durable ?? true;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(data);
    if (durable) await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, file);
  if (durable) await syncFolder(path.dirname(file));
}

async function syncFolder(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync (EPERM/EISDIR); its rename is durable enough through NTFS's log.
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => {});
  } finally {
    await handle.close();
  }
}
