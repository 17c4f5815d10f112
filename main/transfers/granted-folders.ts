import path from 'node:path';

/**
 * Folders the user picked in the native folder dialog. With native dialogs (the app), downloads go only
 * inside one of these: a compromised renderer cannot aim a download at ~/.bashrc.
 */
export class GrantedFolders {
  private readonly folders = new Set<string>();

  add(folder: string): void {
    this.folders.add(path.resolve(folder));
  }

  /** Whether `target` is a granted folder or inside one. */
  covers(target: string): boolean {
    const resolved = path.resolve(target);
    for (const folder of this.folders) {
      const rel = path.relative(folder, resolved);
      if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) return true;
    }
    return false;
  }
}
