/**
 * The comparer: merge-joins two listings and puts every key in one group with the rule that put it there.
 * "same" is only said when content is proven equal (MD5 against a single-part ETag, equal ETags on two S3
 * sides, or a multipart ETag recomputed with an inferred part size); equal sizes without proof are
 * "unverified". Local files are hashed only when sizes already agree.
 */
import type { CompareMode, SideEntry, SyncGroup, SyncRow } from '../../shared/sync';
import { candidatePartSizes, parseEtag } from './etag';
import type { FileHash, Hasher } from './hasher';
import { mergeJoin, type SideListing, type SyncItem } from './listers';

const MIB = 1024 * 1024;
/** File systems and S3 keep times at different precisions (FAT: 2 s). */
const TIME_TOLERANCE_MS = 2000;
/** Hash jobs kept queued on the worker so it never waits for the main thread. */
const HASH_QUEUE = 4;

export interface CompareOptions {
  readonly mode: CompareMode;
  readonly hasher: Hasher;
  /** Part sizes to try first for multipart ETags (the app's own upload part size). */
  readonly partSizes?: readonly number[];
  readonly signal?: AbortSignal;
}

export interface CompareOutput {
  readonly rows: SyncRow[];
  readonly hashing: { files: number; bytes: number; ms: number };
}

interface Verdict {
  readonly group: SyncGroup;
  readonly reason: string;
}

const sideOf = (item: SyncItem): SideEntry => ({
  size: item.size,
  lastModified: item.lastModified,
  ...(item.etag !== undefined ? { etag: item.etag.replace(/"/g, '') } : {}),
});

const mib = (n: number) => (n % MIB === 0 ? `${n / MIB} MiB` : `${n} bytes`);

export async function compareListings(left: SideListing, right: SideListing, options: CompareOptions): Promise<CompareOutput> {
  const rows: (SyncRow | null)[] = [];
  const hashing = { files: 0, bytes: 0, ms: 0 };
  const startBusy = options.hasher.busyMs();
  const jobs: Promise<void>[] = [];
  let running = 0;
  const waiters: (() => void)[] = [];

  const excludedKeys = new Set<string>();
  for (const [side, listing] of [['left', left], ['right', right]] as const) {
    for (const p of listing.problems) {
      excludedKeys.add(p.key);
      rows.push({ key: p.key, group: 'excluded', reason: `${side}: ${p.reason}`, left: null, right: null });
    }
  }

  const hashFile = async (file: SyncItem, partSizes: readonly number[]): Promise<FileHash | Error> => {
    while (running >= HASH_QUEUE) await new Promise<void>((resolve) => waiters.push(resolve));
    running++;
    try {
      const h = await options.hasher.hash(file.path ?? '', partSizes);
      hashing.files++;
      hashing.bytes += h.bytes;
      return h;
    } catch (error) {
      return error as Error;
    } finally {
      running--;
      waiters.shift()?.();
    }
  };

  const judgeLocal = async (file: SyncItem, object: SyncItem, fileSide: 'left' | 'right'): Promise<Verdict> => {
    const etag = parseEtag(object.etag ?? '');
    if (etag.kind === 'opaque') return { group: 'unverified', reason: 'same size, content unverified: the ETag is not an MD5 (encrypted or server-specific)' };
    const parts = etag.kind === 'multipart' ? candidatePartSizes(object.size, etag.parts, options.partSizes) : [];
    if (etag.kind === 'multipart' && parts.length === 0)
      return { group: 'unverified', reason: `same size, content unverified: no part size gives ${etag.parts} parts` };
    const h = await hashFile(file, parts);
    if (h instanceof Error) return { group: 'excluded', reason: `${fileSide}: file cannot be hashed: ${h.message}` };
    if (h.changed) return { group: 'excluded', reason: `${fileSide}: file changed while it was hashed; compare again` };
    if (etag.kind === 'md5')
      return h.md5 === etag.md5
        ? { group: 'same', reason: 'same size, MD5 matches the single-part ETag' }
        : { group: 'different', reason: 'same size, MD5 differs from the single-part ETag' };
    for (const [size, value] of h.multipart)
      if (value === etag.value) return { group: 'same', reason: `same size, multipart ETag recomputed with ${mib(size)} parts` };
    return {
      group: 'unverified',
      reason: `same size, content unverified: multipart ETag not matched with ${parts.map(mib).join(', ')} parts (another part size, or other content)`,
    };
  };

  const judge = async (l: SyncItem, r: SyncItem): Promise<Verdict> => {
    if (l.size !== r.size) return { group: 'different', reason: `size differs: ${l.size} vs ${r.size} bytes` };
    if (options.mode === 'time') {
      const diff = l.lastModified - r.lastModified;
      if (Math.abs(diff) <= TIME_TOLERANCE_MS) return { group: 'same', reason: 'same size and time (time-only comparison, content not checked)' };
      return { group: 'different', reason: `same size, ${diff > 0 ? 'left' : 'right'} is newer (time-only comparison)` };
    }
    if (l.path !== undefined && r.etag !== undefined) return judgeLocal(l, r, 'left');
    if (r.path !== undefined && l.etag !== undefined) return judgeLocal(r, l, 'right');
    const a = parseEtag(l.etag ?? '');
    const b = parseEtag(r.etag ?? '');
    if (a.kind === 'md5' && b.kind === 'md5')
      return a.md5 === b.md5
        ? { group: 'same', reason: 'same size, same MD5 (single-part ETags)' }
        : { group: 'different', reason: 'same size, MD5 differs (single-part ETags)' };
    if (a.kind === 'multipart' && b.kind === 'multipart' && a.value === b.value)
      return { group: 'same', reason: 'same size, same multipart ETag (same part digests)' };
    return { group: 'unverified', reason: 'same size, content unverified: the ETags are of different kinds or part sizes' };
  };

  for (const [l, r] of mergeJoin(left.items, right.items)) {
    options.signal?.throwIfAborted();
    const key = (l ?? r)?.key ?? '';
    if (excludedKeys.has(key)) continue;
    if (l && !r) rows.push({ key, group: 'left-only', reason: 'only on the left', left: sideOf(l), right: null });
    else if (r && !l) rows.push({ key, group: 'right-only', reason: 'only on the right', left: null, right: sideOf(r) });
    else if (l && r) {
      const at = rows.length;
      rows.push(null);
      jobs.push(
        judge(l, r).then((v) => {
          rows[at] = { key, group: v.group, reason: v.reason, left: sideOf(l), right: sideOf(r) };
        }),
      );
    }
  }
  await Promise.all(jobs);
  hashing.ms = Math.round(options.hasher.busyMs() - startBusy);
  return { rows: rows.filter((r): r is SyncRow => r !== null), hashing };
}
