/**
 * Where Open and Edit keep their copies: one folder per session under a root of this process, named after the
 * object's file name (so the OS picks the right app and the editor shows a recognisable title). The root goes
 * at quit; a session's folder goes when its edit ends.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';

/** A file name safe on every OS, from the key's last segment. */
export function localName(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1);
  // Windows refuses these characters and trailing dots/spaces; control characters are never a good idea.
  const clean = [...name]
    .map((c) => (c < ' ' || '<>:"/\\|?*'.includes(c) ? '_' : c))
    .join('')
    .replace(/[. ]+$/, '');
  return clean.length > 0 && clean !== '.' && clean !== '..' ? clean.slice(0, 200) : 'object';
}

export class TempCopies {
  constructor(readonly root: string) {}

  async prepare(sessionId: string, key: string): Promise<string> {
    const dir = path.join(this.root, sessionId);
    await mkdir(dir, { recursive: true });
    return path.join(dir, localName(key));
  }

  remove(sessionId: string): Promise<void> {
    return rm(path.join(this.root, sessionId), { recursive: true, force: true });
  }

  removeAll(): Promise<void> {
    return rm(this.root, { recursive: true, force: true });
  }
}
