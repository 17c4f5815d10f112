/**
 * Download planning: expand a selection (folders listed recursively, files sized from the cache or one
 * HeadObject) and map every key to a safe path under the destination.
 */
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { basename, canonicalPrefix, isFolderKey, parentOf } from '../../shared/keys';
import type { DownloadItem, RefusedItem } from '../../shared/transfers';
import { codedError } from '../core/app-error';
import { toAppError } from '../core/to-app-error';
import { listAll } from '../s3/list-objects';
import type { ObjectSpec } from './download-object';
import { numberedName, relativeTo, targetFor } from './safe-path';
import type { TransferDeps } from './transfer-options';

export interface PlannedDownload {
  readonly object: ObjectSpec;
  readonly target: string;
  readonly note: string | null;
  readonly folderMarker: boolean;
}

export async function planDownload(
  deps: TransferDeps,
  connectionId: string,
  bucket: string,
  items: readonly DownloadItem[],
  destination: string,
): Promise<{ planned: PlannedDownload[]; refused: RefusedItem[] }> {
  const client = deps.ctx.clientFor(connectionId, bucket);
  const planned: PlannedDownload[] = [];
  const refused: RefusedItem[] = [];
  for (const item of items) {
    const base = parentOf(item.key);
    const objects: ObjectSpec[] = [];
    const names = new Map<ObjectSpec, string>();
    if (item.kind === 'folder' || isFolderKey(item.key)) {
      const tree = await listAll(client, bucket, canonicalPrefix(item.key));
      for (const o of tree.objects) objects.push({ bucket, key: o.key, size: o.size, etag: o.etag });
      // An empty folder (nothing under it, or only its marker) still appears at the destination.
      if (objects.length === 0) objects.push({ bucket, key: canonicalPrefix(item.key), size: 0, etag: '' });
    } else {
      try {
        if (item.versionId === undefined) objects.push(await objectSpec(deps, connectionId, bucket, item.key));
        else {
          const version = await versionSpec(deps, connectionId, bucket, item.key, item.versionId);
          objects.push(version.object);
          names.set(version.object, versionedName(item.key, version.lastModified));
        }
      } catch (error) {
        // One vanished or forbidden object should not sink the rest of the selection.
        refused.push({ key: item.key, reason: toAppError(error, item.key).message });
        continue;
      }
    }
    for (const object of objects) {
      const target = targetFor(destination, names.get(object) ?? relativeTo(base, object.key), deps.options.rules);
      if (!target.ok) refused.push({ key: object.key, reason: target.reason });
      else planned.push({ object, target: target.path, note: target.note, folderMarker: isFolderKey(object.key) });
    }
  }
  return { planned, refused };
}

/** Size and ETag from the listing cache when the key was listed (no request), else one HeadObject. */
export async function objectSpec(deps: TransferDeps, connectionId: string, bucket: string, key: string): Promise<ObjectSpec> {
  const cached = deps.ctx.cache.getStat(connectionId, bucket, key);
  if (cached?.kind === 'object') return { bucket, key, size: cached.size, etag: cached.etag };
  const head = await deps.ctx.clientFor(connectionId, bucket).send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  return { bucket, key, size: head.ContentLength ?? 0, etag: head.ETag ?? '' };
}

/** One version of a key: size, ETag and date from HeadObject with its VersionId (NoSuchVersion if it is gone). */
async function versionSpec(deps: TransferDeps, connectionId: string, bucket: string, key: string, versionId: string) {
  const head = await deps.ctx
    .clientFor(connectionId, bucket)
    .send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }))
    .catch((error: unknown) => {
      // A HEAD answer has no body, so S3's NoSuchVersion arrives as a bare 404 (400 for a malformed id).
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || status === 400) throw codedError('NoSuchVersion', `${key} has no version ${versionId} (deleted, or never existed)`);
      throw error;
    });
  const object: ObjectSpec = { bucket, key, size: head.ContentLength ?? 0, etag: head.ETag ?? '', versionId };
  return { object, lastModified: head.LastModified ?? new Date(0) };
}

/**
 * "report (version 2026-03-01 14-05-09).txt": an old version never lands on the current file's name. UTC, and
 * no colons (Windows refuses them in names).
 */
export function versionedName(key: string, lastModified: Date): string {
  const stamp = lastModified.toISOString().slice(0, 19).replace('T', ' ').replace(/:/g, '-');
  const name = basename(key);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (version ${stamp})${name.slice(dot)}` : `${name} (version ${stamp})`;
}

export async function exists(p: string): Promise<boolean> {
  return (await lstat(p).catch(() => null)) !== null;
}

/** "name (1).ext", "name (2).ext", … : the first that does not exist yet. */
export async function freeName(target: string): Promise<string> {
  const dir = path.dirname(target);
  const name = path.basename(target);
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, numberedName(name, n));
    if (!(await exists(candidate))) return candidate;
  }
}
