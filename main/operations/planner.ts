import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { basename, canonicalPrefix, isFolderKey, isKeyTooLong, MAX_KEY_BYTES, parentOf } from '../../shared/keys';
import { nameProblem, type ObjectSelection, type PlanRequest } from '../../shared/operations';
import type { S3Cache } from '../cache/s3-cache';
import { CodedError } from '../core/app-error';
import { toAppError } from '../core/to-app-error';
import { anyUnder, listAll, type ListedObject } from '../s3/list-objects';
import type { PlanItem, StoredPlan } from './plan-store';

export interface PlannerDeps {
  readonly cache: S3Cache;
  clientFor(connectionId: string, bucket: string): S3Client;
  /** Stops the listings of a plan being made (the plan then fails with Cancelled). */
  readonly signal?: AbortSignal;
  /** Called as objects are counted (after each listing page and each single file). */
  readonly onCounted?: (objects: number, bytes: number) => void;
}

type Draft = Omit<StoredPlan, 'id' | 'createdAt'>;

/** What a plan needs of each object; from the listing, the cache or one HeadObject. */
type PlannedObject = Pick<ListedObject, 'key' | 'size' | 'storageClass' | 'lastModified'>;

const invalid = (message: string) => new CodedError({ code: 'InvalidInput', message });

/** Turn a plan request into the exact list of objects the run will touch. */
export async function buildPlan(deps: PlannerDeps, req: PlanRequest): Promise<{ draft: Draft; conflicts: string[] }> {
  switch (req.kind) {
    case 'delete': {
      const { objects, missing } = await expandSelection(deps, req);
      const source = { connectionId: req.connectionId, bucket: req.bucket };
      return {
        draft: { kind: 'delete', source, target: null, items: objects.map((o) => ({ src: o.key, dst: null, size: o.size, storageClass: o.storageClass, lastModified: o.lastModified })), missing },
        conflicts: [],
      };
    }
    case 'copy':
    case 'move': {
      const { source, target } = req;
      const sameBucket = source.connectionId === target.connectionId && source.bucket === target.bucket;
      const dest = canonicalPrefix(target.prefix);
      for (const key of source.keys) {
        if (!sameBucket) continue;
        if (parentOf(key) === dest) throw invalid(`"${basename(key)}" is already in this folder`);
        if (isFolderKey(key) && dest.startsWith(key)) throw invalid(`cannot put folder "${basename(key)}" inside itself`);
      }
      deps.clientFor(target.connectionId, target.bucket);
      const { objects, missing } = await expandSelection(deps, source);
      const items = objects.map((o) => ({ src: o.key, dst: dest + o.key.slice(o.parent.length), size: o.size, storageClass: o.storageClass, lastModified: o.lastModified }));
      checkItems(items, sameBucket);
      const conflicts = await findConflicts(deps, source.keys, target.connectionId, target.bucket, dest, items);
      return { draft: { kind: req.kind, source, target, items, missing }, conflicts };
    }
    case 'rename': {
      const folder = isFolderKey(req.key);
      const newKey = parentOf(req.key) + req.newName + (folder ? '/' : '');
      const problem = nameProblem(req.newName, parentOf(req.key), folder);
      if (problem) throw invalid(problem);
      if (newKey === req.key) throw invalid('the new name is the same as the old one');
      const client = deps.clientFor(req.connectionId, req.bucket);
      // Renaming must never overwrite: one existence check of the new name (not a sweep).
      if (await exists(client, req.bucket, newKey)) {
        throw new CodedError({ code: 'Conflict', message: `"${req.newName}" already exists in this folder` });
      }
      const selection: ObjectSelection = { connectionId: req.connectionId, bucket: req.bucket, keys: [req.key] };
      const { objects, missing } = await expandSelection(deps, selection);
      if (objects.length === 0) throw new CodedError({ code: 'NoSuchKey', message: `"${basename(req.key)}" no longer exists` });
      const items = objects.map((o) => ({ src: o.key, dst: newKey + o.key.slice(req.key.length), size: o.size, storageClass: o.storageClass, lastModified: o.lastModified }));
      checkItems(items, true);
      const place = { connectionId: req.connectionId, bucket: req.bucket };
      return { draft: { kind: 'rename', source: place, target: place, items, missing }, conflicts: [] };
    }
  }
}

export interface Expanded {
  readonly objects: Array<PlannedObject & { readonly parent: string }>;
  readonly missing: string[];
}

/**
 * Every object a selection stands for: a folder is listed recursively (no delimiter, sizes from the listing);
 * a file's size comes from the cache the listing filled, with one HeadObject only if it is not cached.
 */
export async function expandSelection(deps: Pick<PlannerDeps, 'cache' | 'clientFor' | 'signal' | 'onCounted'>, sel: ObjectSelection): Promise<Expanded> {
  const client = deps.clientFor(sel.connectionId, sel.bucket);
  const seen = new Set<string>();
  const objects: Array<PlannedObject & { parent: string }> = [];
  const missing: string[] = [];
  let bytes = 0;
  const push = (o: PlannedObject, parent: string) => {
    if (seen.has(o.key)) return;
    seen.add(o.key);
    objects.push({ key: o.key, size: o.size, storageClass: o.storageClass, lastModified: o.lastModified, parent });
    bytes += o.size;
  };
  const counted = () => deps.onCounted?.(objects.length, bytes);
  for (const key of sel.keys) {
    deps.signal?.throwIfAborted();
    const parent = parentOf(key);
    if (isFolderKey(key)) {
      const { objects: under } = await listAll(client, sel.bucket, key, {
        ...(deps.signal ? { signal: deps.signal } : {}),
        onPage: (page) => {
          for (const o of page) push(o, parent);
          counted();
        },
      });
      if (under.length === 0) missing.push(key);
      continue;
    }
    const stat = deps.cache.getStat(sel.connectionId, sel.bucket, key);
    if (stat?.kind === 'object') {
      push({ key, size: stat.size, storageClass: stat.storageClass, lastModified: stat.lastModified }, parent);
      counted();
      continue;
    }
    const head = await headObject(client, sel.bucket, key, deps.signal);
    if (head === null) missing.push(key);
    else push({ key, ...head }, parent);
    counted();
  }
  return { objects, missing };
}

function checkItems(items: readonly PlanItem[], sameBucket: boolean): void {
  const tooLong = items.find((i) => i.dst !== null && isKeyTooLong(i.dst));
  if (tooLong) throw invalid(`the new key for "${tooLong.src}" would be longer than ${MAX_KEY_BYTES} bytes`);
  if (!sameBucket) return;
  // A destination that is also a source would be overwritten and then deleted: refuse rather than lose it.
  const sources = new Set(items.map((i) => i.src));
  const clash = items.find((i) => i.dst !== null && sources.has(i.dst));
  if (clash) throw invalid(`"${clash.dst}" would be overwritten by "${clash.src}" while it is itself being moved`);
}

/**
 * Destination keys of a copy/move that already exist, at the cost of listings only (never a HEAD per key): one
 * recursive listing of each destination folder a pasted folder lands in, and one shallow listing of the
 * destination folder itself if files are pasted. Folder markers are not conflicts (replacing one loses nothing).
 */
async function findConflicts(
  deps: PlannerDeps,
  sourceKeys: readonly string[],
  connectionId: string,
  bucket: string,
  dest: string,
  items: readonly PlanItem[],
): Promise<string[]> {
  const wanted = new Set(items.map((i) => i.dst).filter((k): k is string => k !== null && !isFolderKey(k)));
  if (wanted.size === 0) return [];
  const client = deps.clientFor(connectionId, bucket);
  const prefixes = new Set<string>();
  let files = false;
  for (const key of sourceKeys) {
    if (isFolderKey(key)) prefixes.add(dest + basename(key) + '/');
    else files = true;
  }
  const found = new Set<string>();
  const collect = (page: readonly ListedObject[]) => {
    for (const o of page) if (wanted.has(o.key)) found.add(o.key);
  };
  const signal = deps.signal ? { signal: deps.signal } : {};
  if (files) await listAll(client, bucket, dest, { shallow: true, ...signal, onPage: collect });
  for (const prefix of prefixes) await listAll(client, bucket, prefix, { ...signal, onPage: collect });
  // In plan order, so the dialog lists them as the run will meet them.
  return items.filter((i) => i.dst !== null && found.has(i.dst)).map((i) => i.dst as string);
}

/** Size and storage class of one object, or null if it does not exist. */
async function headObject(client: S3Client, bucket: string, key: string, signal?: AbortSignal): Promise<{ size: number; storageClass: string; lastModified: number } | null> {
  try {
    const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    return { size: out.ContentLength ?? 0, storageClass: out.StorageClass ?? 'STANDARD', lastModified: out.LastModified?.getTime() ?? 0 };
  } catch (error) {
    if (toAppError(error).code === 'NoSuchKey') return null;
    throw error;
  }
}

async function exists(client: S3Client, bucket: string, key: string): Promise<boolean> {
  if (isFolderKey(key)) return anyUnder(client, bucket, key);
  return (await headObject(client, bucket, key)) !== null;
}
