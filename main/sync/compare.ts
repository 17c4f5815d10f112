/**
 * The comparer: merge-joins two listings and puts every key in one group with the rule that put it there.
 * "same" is only said when content is proven equal (MD5 against a single-part ETag, equal ETags on two S3
 * sides, a multipart ETag recomputed with an inferred part size, or a stored checksum recomputed locally or
 * equal on both S3 sides); equal sizes without proof are "unverified". Local files are hashed only when sizes
 * already agree, and a stored checksum is asked for only when the ETag cannot decide.
 */
import type { CompareMode, SideEntry, SyncGroup, SyncRow } from '../../shared/sync';
import { candidatePartSizes, parseEtag } from './etag';
import type { ChecksumSpec, FileHash, Hasher } from './hasher';
import { mergeJoin, type SideListing, type SyncItem } from './listers';
import type { ChecksumReader, StoredChecksum } from './stored-checksum';

const MIB = 1024 * 1024;
/** File systems and S3 keep times at different precisions (FAT: 2 s). */
const TIME_TOLERANCE_MS = 2000;
/** Hash jobs kept queued on the worker so it never waits for the main thread. */
const HASH_QUEUE = 4;
/** Files above this size report hashing progress while they are read. */
const PROGRESS_FILE_BYTES = 4 * MIB;

/** Counters the caller reads for progress while the comparison runs. */
export interface CompareStats {
  filesHashed: number;
  filesToHash: number;
  bytesHashed: number;
  bytesToHash: number;
  checksumRequests: number;
}

export const emptyStats = (): CompareStats => ({ filesHashed: 0, filesToHash: 0, bytesHashed: 0, bytesToHash: 0, checksumRequests: 0 });

export interface CompareOptions {
  readonly mode: CompareMode;
  readonly hasher: Hasher;
  /** Part sizes to try first for multipart ETags (the app's own upload part size). */
  readonly partSizes?: readonly number[];
  /** Stored-checksum readers of the S3 sides (absent: such rows stay unverified). */
  readonly checksums?: { readonly left?: ChecksumReader; readonly right?: ChecksumReader };
  readonly stats?: CompareStats;
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
  ...(item.checksumAlgorithm !== undefined ? { checksumAlgorithm: item.checksumAlgorithm } : {}),
});

const mib = (n: number) => (n % MIB === 0 ? `${n / MIB} MiB` : `${n} bytes`);
const NAMES: Record<string, string> = { SHA1: 'SHA-1', SHA256: 'SHA-256' };
const label = (s: StoredChecksum) =>
  `stored ${NAMES[s.algorithm] ?? s.algorithm} (${s.type === 'FULL_OBJECT' ? 'full object' : `composite of ${s.parts ?? '?'} part checksums`})`;

/** What to compute locally to check a stored checksum; empty when no part size can be inferred. */
function specsFor(stored: StoredChecksum, size: number, hints: readonly number[]): { specs: ChecksumSpec[]; exact: boolean } {
  if (stored.type === 'FULL_OBJECT') return { specs: [{ algorithm: stored.algorithm, partSize: 0 }], exact: true };
  const parts = stored.parts ?? 0;
  if (stored.partSize !== null && Math.ceil(size / stored.partSize) === parts) return { specs: [{ algorithm: stored.algorithm, partSize: stored.partSize }], exact: true };
  return { specs: candidatePartSizes(size, parts, hints).map((partSize) => ({ algorithm: stored.algorithm, partSize })), exact: false };
}

export async function compareListings(left: SideListing, right: SideListing, options: CompareOptions): Promise<CompareOutput> {
  const rows: (SyncRow | null)[] = [];
  const stats = options.stats ?? emptyStats();
  const startBusy = options.hasher.busyMs();
  const jobs: Promise<void>[] = [];
  let running = 0;
  const waiters: (() => void)[] = [];
  const signal = options.signal;

  const excludedKeys = new Set<string>();
  for (const [side, listing] of [['left', left], ['right', right]] as const) {
    for (const p of listing.problems) {
      excludedKeys.add(p.key);
      rows.push({ key: p.key, group: 'excluded', reason: `${side}: ${p.reason}`, left: null, right: null });
    }
  }

  const hashFile = async (file: SyncItem, partSizes: readonly number[], checksums: readonly ChecksumSpec[] = []): Promise<FileHash | Error> => {
    stats.filesToHash++;
    stats.bytesToHash += file.size;
    while (running >= HASH_QUEUE) await new Promise<void>((resolve) => waiters.push(resolve));
    running++;
    try {
      signal?.throwIfAborted();
      // Big files report bytes as they are read; small ones once (a message per file is enough).
      const live = file.size > PROGRESS_FILE_BYTES;
      const h = await options.hasher.hash(file.path ?? '', { partSizes, checksums, ...(live ? { onBytes: (n: number) => void (stats.bytesHashed += n) } : {}) });
      if (!live) stats.bytesHashed += h.bytes;
      stats.filesHashed++;
      return h;
    } catch (error) {
      if (signal?.aborted) throw error;
      return error as Error;
    } finally {
      running--;
      waiters.shift()?.();
    }
  };

  const readStored = async (reader: ChecksumReader | undefined, item: SyncItem): Promise<StoredChecksum | Error | null> => {
    if (!reader || item.checksumAlgorithm === undefined) return null;
    stats.checksumRequests++;
    try {
      return await reader(item.key, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      return error as Error;
    }
  };

  const judgeLocal = async (file: SyncItem, object: SyncItem, fileSide: 'left' | 'right'): Promise<Verdict> => {
    const etag = parseEtag(object.etag ?? '');
    if (etag.kind === 'md5') {
      const h = await hashFile(file, []);
      if (h instanceof Error) return { group: 'excluded', reason: `${fileSide}: file cannot be hashed: ${h.message}` };
      if (h.changed) return { group: 'excluded', reason: `${fileSide}: file changed while it was hashed; compare again` };
      return h.md5 === etag.md5
        ? { group: 'same', reason: 'same size, MD5 matches the single-part ETag' }
        : { group: 'different', reason: 'same size, MD5 differs from the single-part ETag' };
    }
    const parts = etag.kind === 'multipart' ? candidatePartSizes(object.size, etag.parts, options.partSizes) : [];
    const stored = await readStored(options.checksums?.[fileSide === 'left' ? 'right' : 'left'], object);
    const storedNote = stored instanceof Error ? `; the stored checksum could not be read (${stored.message})` : '';
    const checksum = stored instanceof Error || stored === null ? null : stored;
    const { specs, exact } = checksum ? specsFor(checksum, object.size, options.partSizes ?? []) : { specs: [], exact: false };
    const etagWhy = etag.kind === 'opaque' ? 'the ETag is not an MD5 (encrypted or server-specific)' : parts.length === 0 ? `no part size gives ${etag.parts} parts` : '';
    if (parts.length === 0 && specs.length === 0) {
      const why = checksum ? `${label(checksum)}, but no part size gives ${checksum.parts} parts` : etagWhy;
      return { group: 'unverified', reason: `same size, content unverified: ${why}${storedNote}` };
    }
    const h = await hashFile(file, parts, specs);
    if (h instanceof Error) return { group: 'excluded', reason: `${fileSide}: file cannot be hashed: ${h.message}` };
    if (h.changed) return { group: 'excluded', reason: `${fileSide}: file changed while it was hashed; compare again` };
    if (etag.kind === 'multipart')
      for (const [size, value] of h.multipart) if (value === etag.value) return { group: 'same', reason: `same size, multipart ETag recomputed with ${mib(size)} parts` };
    if (checksum) {
      const want = checksum.type === 'FULL_OBJECT' ? checksum.value : `${checksum.value}-${checksum.parts ?? 0}`;
      const at = h.checksums.indexOf(want);
      const sizes = specs.map((s) => mib(s.partSize)).join(', ');
      if (at >= 0) return { group: 'same', reason: `same size, ${label(checksum)} matches${checksum.type === 'COMPOSITE' ? ` with ${mib(specs[at]?.partSize ?? 0)} parts` : ''}` };
      if (exact) return { group: 'different', reason: `same size, ${label(checksum)} differs from the local file's${checksum.type === 'COMPOSITE' ? ` (${sizes} parts, as listed)` : ''}` };
      return { group: 'unverified', reason: `same size, content unverified: ${label(checksum)} not matched with inferred ${sizes} parts (another part size, or other content)` };
    }
    return {
      group: 'unverified',
      reason: `same size, content unverified: multipart ETag not matched with ${parts.map(mib).join(', ')} parts (another part size, or other content)${storedNote}`,
    };
  };

  /** Two S3 objects whose ETags decide nothing: equal stored checksums of one algorithm can. */
  const judgeStored = async (l: SyncItem, r: SyncItem, why: string): Promise<Verdict> => {
    if (l.checksumAlgorithm === undefined || l.checksumAlgorithm !== r.checksumAlgorithm)
      return { group: 'unverified', reason: `same size, content unverified: ${why}` };
    const [a, b] = await Promise.all([readStored(options.checksums?.left, l), readStored(options.checksums?.right, r)]);
    if (a instanceof Error || b instanceof Error)
      return { group: 'unverified', reason: `same size, content unverified: ${why}; a stored checksum could not be read (${(a instanceof Error ? a : (b as Error)).message})` };
    if (!a || !b) return { group: 'unverified', reason: `same size, content unverified: ${why}` };
    if (a.type === 'FULL_OBJECT' && b.type === 'FULL_OBJECT')
      return a.value === b.value
        ? { group: 'same', reason: `same size, same ${label(a)} on both sides` }
        : { group: 'different', reason: `same size, ${label(a)} differs` };
    if (a.type === 'COMPOSITE' && b.type === 'COMPOSITE' && a.value === b.value && a.parts === b.parts)
      return { group: 'same', reason: `same size, same ${label(a)} on both sides` };
    return { group: 'unverified', reason: `same size, content unverified: ${why}; the stored checksums are of different types or part sizes` };
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
    return judgeStored(l, r, 'the ETags are of different kinds or part sizes');
  };

  for (const [l, r] of mergeJoin(left.items, right.items)) {
    signal?.throwIfAborted();
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
  // Settle every job before reporting a cancel, so no hash is left writing into a finished comparison.
  const settled = await Promise.allSettled(jobs);
  signal?.throwIfAborted();
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  return {
    rows: rows.filter((r): r is SyncRow => r !== null),
    hashing: { files: stats.filesHashed, bytes: stats.bytesHashed, ms: Math.round(options.hasher.busyMs() - startBusy) },
  };
}
