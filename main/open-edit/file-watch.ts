/**
 * Saves of one temp file, seen by watching its folder: editors save by writing in place or by writing a new
 * file and renaming it over the old one (vim, VS Code's safe write), which a watch on the file alone misses.
 * Events are settled for `settleMs` (an editor's write comes in several), then the content's hash decides:
 * a touch without a change uploads nothing.
 */
import { createHash } from 'node:crypto';
import { type FSWatcher, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface FileWatch {
  close(): void;
}

export async function hashFile(file: string): Promise<string | null> {
  try {
    return createHash('sha256').update(await readFile(file)).digest('hex');
  } catch {
    // Mid-rename the file may be briefly missing: the next event looks again.
    return null;
  }
}

export function watchSaves(file: string, onSaved: () => void, settleMs = 300): FileWatch {
  const name = path.basename(file);
  let timer: NodeJS.Timeout | null = null;
  const watcher: FSWatcher = watch(path.dirname(file), (_event, changed) => {
    // Some platforms omit the name; then any event in the session's own folder counts.
    if (changed !== null && changed !== name) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      onSaved();
    }, settleMs);
  });
  watcher.on('error', () => watcher.close());
  return {
    close() {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
