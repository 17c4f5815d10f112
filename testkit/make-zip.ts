/**
 * A ZIP archive made by Info-ZIP (`zip -r`, Debian package `zip`), not by our own code, so the preview's
 * central-directory reader is tested against what users' archives look like (folder entries included).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function makeZip(files: Record<string, string | Buffer>): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 's3desk-zip-'));
  try {
    for (const [name, body] of Object.entries(files)) {
      mkdirSync(join(dir, 'in', name, '..'), { recursive: true });
      writeFileSync(join(dir, 'in', name), body);
    }
    execFileSync('zip', ['-qr', join(dir, 'out.zip'), '.'], { cwd: join(dir, 'in') });
    return readFileSync(join(dir, 'out.zip'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
