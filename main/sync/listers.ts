/**
 * Both sides of a comparison listed once into entries keyed by their path relative to the chosen folder or
 * prefix, in UTF-8 byte order. S3 sides: one recursive ListObjectsV2 listing (sizes, ETags and times come from
 * it; never a HeadObject), sorted here because not every server returns byte order. Local sides: a walk that
 * sorts each folder's names with a "/" after folder names, which yields whole relative paths in byte order.
 * Anything that cannot take part (an unreadable folder, a link, a key no local file can be named) becomes a
 * problem row with its reason instead of failing the comparison.
 */
import type { Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { listAll } from '../s3/list-objects';
import { mapRelativeKey } from '../transfers/safe-path';
import { codedError } from '../core/app-error';
import type { ChecksumAlgorithmName } from '../../shared/sync';
import { compareUtf8, sortByUtf8 } from './key-order';
import { asChecksumAlgorithm } from './stored-checksum';

export interface SyncItem {
  readonly key: string;
  readonly size: number;
  readonly lastModified: number;
  /** S3 sides: the ETag as listed. */
  readonly etag?: string;
  /** Local sides: the absolute path. */
  readonly path?: string;
  /** S3 sides: a stored checksum's algorithm, as listed (its value is read only where a rule needs it). */
  readonly checksumAlgorithm?: ChecksumAlgorithmName;
}

export interface SideListing {
  readonly items: readonly SyncItem[];
  readonly problems: readonly { readonly key: string; readonly reason: string }[];
}

/** Counts entries as they are listed, for progress. */
export interface ListCounter {
  listed: number;
}

export async function listLocalSide(root: string, signal?: AbortSignal, counter?: ListCounter): Promise<SideListing> {
  const items: SyncItem[] = [];
  const problems: { key: string; reason: string }[] = [];
  try {
    const info = await lstat(root);
    if (!info.isDirectory()) throw codedError('InvalidInput', `${root} is not a folder`);
  } catch (error) {
    if (error instanceof Error && 'appError' in error) throw error;
    throw codedError('InvalidInput', `the folder ${root} cannot be read: ${(error as Error).message}`);
  }
  const walk = async (dir: string, relDir: string): Promise<void> => {
    signal?.throwIfAborted();
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ key: relDir, reason: `folder cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
      return;
    }
    const sorted = sortByUtf8(entries, (e) => (e.isDirectory() ? `${e.name}/` : e.name));
    for (const e of sorted) {
      const rel = relDir + e.name;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full, `${rel}/`);
      else if (e.isSymbolicLink()) problems.push({ key: rel, reason: 'symbolic link: not followed, so nothing outside the folder is read' });
      else if (e.isFile()) {
        try {
          const st = await lstat(full);
          items.push({ key: rel, size: st.size, lastModified: Math.round(st.mtimeMs), path: full });
          if (counter) counter.listed++;
        } catch (error) {
          problems.push({ key: rel, reason: `file cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
        }
      } else problems.push({ key: rel, reason: 'not a regular file' });
    }
  };
  await walk(root, '');
  return { items, problems };
}

export interface S3SideOptions {
  /** The other side is a local folder: keys that cannot be local names are problems, not items. */
  readonly againstLocal: boolean;
  readonly signal?: AbortSignal;
  readonly counter?: ListCounter;
}

export async function listS3Side(client: S3Client, bucket: string, prefix: string, options: S3SideOptions): Promise<SideListing> {
  const counter = options.counter;
  const { objects } = await listAll(client, bucket, prefix, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(counter ? { onPage: (page: readonly unknown[]) => void (counter.listed += page.length) } : {}),
  });
  const items: SyncItem[] = [];
  const problems: { key: string; reason: string }[] = [];
  for (const o of objects) {
    const rel = o.key.slice(prefix.length);
    // Zero-byte "folder/" markers are how consoles make empty folders; they carry no content to sync.
    if (rel === '' || (rel.endsWith('/') && o.size === 0)) continue;
    if (options.againstLocal) {
      const mapped = mapRelativeKey(rel);
      if (!mapped.ok) {
        problems.push({ key: rel, reason: `key cannot be a local file name (${mapped.reason})` });
        continue;
      }
      if (mapped.note !== null || mapped.segments.join('/') !== rel) {
        problems.push({ key: rel, reason: `key cannot be a local file name as it is (${mapped.note ?? 'path segments would change'})` });
        continue;
      }
    }
    const algorithm = asChecksumAlgorithm(o.checksumAlgorithm);
    items.push({ key: rel, size: o.size, lastModified: o.lastModified, etag: o.etag, ...(algorithm ? { checksumAlgorithm: algorithm } : {}) });
  }
  return { items: sortByUtf8(items, (i) => i.key), problems: sortByUtf8(problems, (p) => p.key) };
}

/** Pairs of the two sorted listings by key: [left, right] with null on the side that lacks the key. */
export function* mergeJoin(left: readonly SyncItem[], right: readonly SyncItem[]): Generator<[SyncItem | null, SyncItem | null]> {
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const l = left[i];
    const r = right[j];
    const order = l === undefined ? 1 : r === undefined ? -1 : compareUtf8(l.key, r.key);
    if (order === 0) {
      yield [l ?? null, r ?? null];
      i++;
      j++;
    } else if (order < 0) {
      yield [l ?? null, null];
      i++;
    } else {
      yield [null, r ?? null];
      j++;
    }
  }
}
