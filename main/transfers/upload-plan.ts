/**
 * Upload planning: local files, folders (walked; empty ones become folder markers) and streamed drops mapped
 * to keys under the prefix, and which of those keys exist already (listings only, never a HEAD per file).
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { basename, isKeyTooLong, MAX_KEY_BYTES, parentOf } from '../../shared/keys';
import type { RefusedItem } from '../../shared/transfers';
import type { CoreContext } from '../core/context';
import { invalidInput } from '../core/app-error';
import { listAll } from '../s3/list-objects';
import { numberedName } from './safe-path';
import type { UploadStreams } from './upload-streams';

export interface PlannedUpload {
  readonly key: string;
  readonly localPath: string;
  readonly size: number;
  readonly stream?: string;
  /** An empty local folder: uploaded as a zero-byte folder marker ("name/"), as S3 consoles create them. */
  readonly folder?: true;
}

export async function planUpload(
  prefix: string,
  paths: readonly string[],
  streamIds: readonly string[],
  streams: UploadStreams,
): Promise<{ planned: PlannedUpload[]; refused: RefusedItem[] }> {
  const planned: PlannedUpload[] = [];
  const refused: RefusedItem[] = [];
  const plan = (p: PlannedUpload) => {
    if (isKeyTooLong(p.key)) refused.push({ key: p.key, reason: `refused: the key would be longer than ${MAX_KEY_BYTES.toLocaleString('en-US')} bytes` });
    else planned.push(p);
  };
  const add = (key: string, localPath: string, size: number, stream?: string) => plan({ key, localPath, size, ...(stream ? { stream } : {}) });
  const addFolder = (key: string, localPath: string) => plan({ key, localPath, size: 0, folder: true });
  for (const p of paths) {
    if (!path.isAbsolute(p)) throw invalidInput(`not an absolute path: ${p}`);
    const s = await stat(p).catch(() => null);
    if (!s) {
      refused.push({ key: prefix + path.basename(p), reason: `cannot read ${p}` });
      continue;
    }
    if (s.isFile()) add(prefix + path.basename(p), p, s.size);
    else if (s.isDirectory()) {
      const top = prefix + path.basename(p);
      const found = await walk(p);
      if (found.length === 0) addFolder(`${top}/`, p);
      for (const f of found) {
        const key = [top, ...f.relative].join('/');
        if (f.folder) addFolder(`${key}/`, f.path);
        else add(key, f.path, f.size);
      }
    }
  }
  for (const id of streamIds) {
    const s = streams.completed(id);
    const segments = s.name.split(/[\\/]/).filter((x) => x !== '' && x !== '.');
    if (segments.length === 0 || segments.includes('..')) {
      refused.push({ key: prefix + s.name, reason: 'refused: the dropped file name is not a plain relative path' });
      continue;
    }
    add(prefix + segments.join('/'), s.file, s.size, id);
  }
  return { planned, refused };
}

/** Which planned keys already exist: one listing per top-level folder/file set, never a HEAD per file. */
export async function existingKeys(
  ctx: CoreContext,
  connectionId: string,
  bucket: string,
  prefix: string,
  planned: readonly PlannedUpload[],
): Promise<Set<string>> {
  const client = ctx.clientFor(connectionId, bucket);
  const tops = new Set<string>();
  let direct = false;
  for (const p of planned) {
    const rest = p.key.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash < 0) direct = true;
    else tops.add(prefix + rest.slice(0, slash + 1));
  }
  const found = new Set<string>();
  if (direct) {
    const level = await listAll(client, bucket, prefix, { shallow: true });
    for (const o of level.objects) found.add(o.key);
    for (const p of level.prefixes) found.add(p);
  }
  for (const top of tops) for (const o of (await listAll(client, bucket, top)).objects) found.add(o.key);
  return found;
}

/** "name (1).ext" in the same folder: the first key not taken (by S3 or by this batch). */
export function freeKey(key: string, taken: ReadonlySet<string>): string {
  const folder = parentOf(key);
  const name = basename(key);
  for (let n = 1; ; n++) {
    const candidate = folder + numberedName(name, n);
    if (!taken.has(candidate)) return candidate;
  }
}

interface WalkedEntry {
  readonly path: string;
  readonly relative: string[];
  readonly size: number;
  readonly folder?: true;
}

/**
 * Files under a folder, recursively, and the folders under it that hold nothing (they become folder markers;
 * a folder with content needs none). Symlinked folders are not followed: no loops.
 */
async function walk(root: string): Promise<WalkedEntry[]> {
  const out: WalkedEntry[] = [];
  const visit = async (dir: string, rel: string[]) => {
    const entries = await readdir(dir, { withFileTypes: true });
    if (entries.length === 0 && rel.length > 0) out.push({ path: dir, relative: rel, size: 0, folder: true });
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await visit(full, [...rel, entry.name]);
      else if (entry.isFile()) out.push({ path: full, relative: [...rel, entry.name], size: (await stat(full)).size });
      else if (entry.isSymbolicLink()) {
        const s = await stat(full).catch(() => null);
        if (s?.isFile()) out.push({ path: full, relative: [...rel, entry.name], size: s.size });
      }
    }
  };
  await visit(root, []);
  return out;
}
