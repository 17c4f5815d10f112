import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { basename, canonicalPrefix, isFolderKey, parentOf } from '../../shared/keys';
import { MAX_KEY_BYTES, nameProblem, type ObjectSelection, type PlanRequest } from '../../shared/operations';
import type { S3Cache } from '../cache/s3-cache';
import { HandlerError } from '../ipc/context';
import { toAppError } from '../s3/errors';
import { anyUnder, listAllUnder, type ListedObject } from './list-all';
import type { PlanItem, StoredPlan } from './plan-store';

export interface PlannerDeps {
  readonly cache: S3Cache;
  clientFor(connectionId: string, bucket: string): S3Client;
}

type Draft = Omit<StoredPlan, 'id' | 'createdAt'>;

const invalid = (message: string) => new HandlerError({ code: 'InvalidInput', message });
const byteLength = (s: string) => new TextEncoder().encode(s).length;

/** Turn a plan request into the exact list of objects the run will touch. */
export async function buildPlan(deps: PlannerDeps, req: PlanRequest): Promise<{ draft: Draft; conflicts: string[] }> {
  switch (req.kind) {
    case 'delete': {
      const { objects, missing } = await expandSelection(deps, req);
      return {
        draft: { kind: 'delete', source: req, target: null, items: objects.map((o) => ({ src: o.key, dst: null, size: o.size })), missing },
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
      const items = objects.map((o) => ({ src: o.key, dst: dest + o.key.slice(o.parent.length), size: o.size }));
      checkItems(items, sameBucket);
      // Top-level names already in the destination folder, as far as the cache knows (no request per key).
      const conflicts = source.keys
        .map((k) => dest + basename(k) + (isFolderKey(k) ? '/' : ''))
        .filter((k) => deps.cache.getStat(target.connectionId, target.bucket, k) !== undefined);
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
        throw new HandlerError({ code: 'Conflict', message: `"${req.newName}" already exists in this folder` });
      }
      const selection: ObjectSelection = { connectionId: req.connectionId, bucket: req.bucket, keys: [req.key] };
      const { objects, missing } = await expandSelection(deps, selection);
      if (objects.length === 0) throw new HandlerError({ code: 'NoSuchKey', message: `"${basename(req.key)}" no longer exists` });
      const items = objects.map((o) => ({ src: o.key, dst: newKey + o.key.slice(req.key.length), size: o.size }));
      checkItems(items, true);
      const place = { connectionId: req.connectionId, bucket: req.bucket };
      return { draft: { kind: 'rename', source: place, target: place, items, missing }, conflicts: [] };
    }
  }
}

interface Expanded {
  readonly objects: Array<ListedObject & { readonly parent: string }>;
  readonly missing: string[];
}

/**
 * Every object a selection stands for: a folder is listed recursively (no delimiter, sizes from the listing);
 * a file's size comes from the cache the listing filled, with one HeadObject only if it is not cached.
 */
async function expandSelection(deps: PlannerDeps, sel: ObjectSelection): Promise<Expanded> {
  const client = deps.clientFor(sel.connectionId, sel.bucket);
  const seen = new Set<string>();
  const objects: Array<ListedObject & { parent: string }> = [];
  const missing: string[] = [];
  const push = (o: ListedObject, parent: string) => {
    if (seen.has(o.key)) return;
    seen.add(o.key);
    objects.push({ ...o, parent });
  };
  for (const key of sel.keys) {
    const parent = parentOf(key);
    if (isFolderKey(key)) {
      const under = await listAllUnder(client, sel.bucket, key);
      if (under.length === 0) missing.push(key);
      for (const o of under) push(o, parent);
      continue;
    }
    const stat = deps.cache.getStat(sel.connectionId, sel.bucket, key);
    if (stat?.kind === 'object') {
      push({ key, size: stat.size }, parent);
      continue;
    }
    const size = await headSize(client, sel.bucket, key);
    if (size === null) missing.push(key);
    else push({ key, size }, parent);
  }
  return { objects, missing };
}

function checkItems(items: readonly PlanItem[], sameBucket: boolean): void {
  const tooLong = items.find((i) => i.dst !== null && byteLength(i.dst) > MAX_KEY_BYTES);
  if (tooLong) throw invalid(`the new key for "${tooLong.src}" would be longer than ${MAX_KEY_BYTES} bytes`);
  if (!sameBucket) return;
  // A destination that is also a source would be overwritten and then deleted: refuse rather than lose it.
  const sources = new Set(items.map((i) => i.src));
  const clash = items.find((i) => i.dst !== null && sources.has(i.dst));
  if (clash) throw invalid(`"${clash.dst}" would be overwritten by "${clash.src}" while it is itself being moved`);
}

async function headSize(client: S3Client, bucket: string, key: string): Promise<number | null> {
  try {
    const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return out.ContentLength ?? 0;
  } catch (error) {
    if (toAppError(error).code === 'NoSuchKey') return null;
    throw error;
  }
}

async function exists(client: S3Client, bucket: string, key: string): Promise<boolean> {
  if (isFolderKey(key)) return anyUnder(client, bucket, key);
  return (await headSize(client, bucket, key)) !== null;
}
