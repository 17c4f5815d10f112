/**
 * Download one object into a local file without ever leaving a partial file at the target:
 * write into a hidden ".part" file next to it (ranged GETs in parallel for large objects, each written at its
 * offset), retry network errors and 5xx per range from the bytes already written, pin every GET to the
 * listed ETag with If-Match (a changed object fails cleanly instead of mixing versions), verify the size and,
 * for single-part ETags, the MD5, then rename into place. On cancel or failure the part file is removed,
 * unless the download is journaled (`resumable`): then the part file stays with a sidecar of verified ranges
 * (journal/range-sidecar.ts) and the next attempt, in this process or after a restart, fetches only the rest.
 * About 500 lines: the range fetcher, its resume bookkeeping and the commit share one set of counters and
 * one cleanup path; split apart, each would need the others' state passed in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { CodedError } from '../core/app-error';
import { localFileError } from '../core/local-file-error';
import { toAppError } from '../core/to-app-error';
import { getDirect, isClockCorrected } from '../s3/direct-s3';
import type { BandwidthLimit } from './bandwidth';
import { type RangeHash, rangeHashes } from './journal/range-hash';
import { RangeSidecar } from './journal/range-sidecar';
import { abortError, Limiter, sleep } from './limiter';
import { StreamGovernor } from './stream-governor';
import type { SmallFiles } from './small-files';
import { partName } from './temp-sweep';

export interface DownloadTuning {
  /** Objects larger than this are fetched as parallel ranges of this size. */
  readonly partSize: number;
  /** Ranges of one object in flight at once (with initialPartConcurrency: at most). */
  readonly partConcurrency: number;
  /**
   * Set: a big object starts with this many ranges in flight and adds more, up to partConcurrency, while each
   * addition raises the measured throughput (stream-governor.ts). Unset: always partConcurrency.
   */
  readonly initialPartConcurrency?: number;
  /**
   * Big objects get ranges up to this size (about four per stream: fewer requests and range records, and
   * still enough ranges that no stream idles at the end); unset: always partSize.
   */
  readonly maxPartSize?: number;
  /** Attempts per range after a network error, a cut body or a 5xx (progress resets the count). */
  readonly maxRetries: number;
  readonly retryBaseMs: number;
}

export const DEFAULT_DOWNLOAD_TUNING: DownloadTuning = {
  partSize: 16 * 1024 * 1024,
  partConcurrency: 8,
  initialPartConcurrency: 4,
  maxPartSize: 64 * 1024 * 1024,
  maxRetries: 6,
  retryBaseMs: 100,
};

export interface ObjectSpec {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  /** As listed, quotes included; "" when unknown (then GETs are not pinned). */
  readonly etag: string;
  /** One (non-current) version of the key: every GET names it, and its ETag is checked like any other. */
  readonly versionId?: string;
}

export interface DownloadArgs {
  readonly client: S3Client;
  readonly object: ObjectSpec;
  /** Final absolute path; the caller has checked it is inside the destination. */
  readonly target: string;
  readonly tuning?: DownloadTuning;
  readonly signal: AbortSignal;
  /** Shared bound on GET requests in flight across every transfer. */
  readonly requests: Limiter;
  /** Bytes newly written (never counts bytes re-fetched after a retry twice). */
  readonly onBytes?: (delta: number) => void;
  /** Decide the final path just before the rename (conflict policy); return null to drop the file. */
  readonly commit?: (target: string) => Promise<string | null>;
  /** Writes objects collected in memory (create the part file, write, rename) off the main thread. */
  readonly writer: Pick<SmallFiles, 'writeNew'>;
  /** A journaled download: its part file (and sidecar) survive failure, cancel and crash; the owner removes them. */
  readonly resumable?: {
    readonly partPath: string;
    /** Told how many recorded ranges failed verification after a restart (they are fetched again). */
    readonly onRejected?: (ranges: number) => void;
  };
  /** The shared download bandwidth limit (bytes wait for it before they are written). */
  readonly bandwidth?: BandwidthLimit;
}

const SINGLE_PART_ETAG = /^"?([0-9a-fA-F]{32})"?$/;

/** An MD5 to check against, or null: multipart ETags ("…-3") and SSE-KMS/SSE-C ETags are not an MD5. */
export function md5OfEtag(etag: string): string | null {
  const m = SINGLE_PART_ETAG.exec(etag);
  return m ? m[1]!.toLowerCase() : null;
}

/** `target`: the file meant by a local error that names no path (a write to the open part file). */
function classify(error: unknown, signal: AbortSignal, target: string): CodedError {
  if (signal.aborted) return new CodedError({ code: 'Cancelled', message: 'cancelled' });
  if (error instanceof CodedError) return error;
  // The disk's fault, not the server's: never retried, and named as local (path and errno meaning).
  const local = typeof error === 'object' && error !== null ? localFileError(error, target) : null;
  if (local) return new CodedError({ code: local.code, message: `download: ${local.message}` });
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (status === 412 || e.name === 'PreconditionFailed')
    return new CodedError({ code: 'Conflict', message: 'the object changed on the server since it was listed; refresh and retry' });
  const app = toAppError(error, 'download');
  const retryable = app.code === 'Network' || app.code === 'Throttled' || (status !== undefined && status >= 500) || isClockCorrected(error);
  return new CodedError(app, retryable);
}

function backoff(attempt: number, baseMs: number): number {
  const ceiling = Math.min(3000, baseMs * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

const PART_PREFIX = randomBytes(4).toString('hex');
let partCounter = 0;

/** The part file next to `target` (see partName: it carries the pid, so a crash's leftovers can be swept). */
export function partPathFor(target: string): string {
  // A random per-process prefix plus a counter: unique without a call into the CSPRNG per file (files are
  // created exclusively, so a clash could never overwrite anything anyway).
  return path.join(path.dirname(target), partName(process.pid, PART_PREFIX, partCounter++));
}

interface RangeJob {
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
}

/** A resumable download's record of finished ranges: a running hash per range, and where its digest goes. */
interface RangeRecord {
  newHash(): RangeHash;
  /**
   * Records a range once all its bytes are written; resolves once the record is on disk, and only then does
   * the stream take its next range: a crash re-fetches at most one per stream.
   */
  done(range: RangeJob, digest: string): Promise<void>;
}

/** Objects up to this size are collected in memory and written with one call (thousands of small files). */
const IN_MEMORY_MAX = 8 * 1024 * 1024;

/**
 * Where fetched bytes go: consecutive views (`length` bytes in all) at an absolute offset of the object. The
 * views are reused memory: valid until the sink returns or, if it returns a promise, until that settles.
 */
type Sink = (views: readonly Buffer[], length: number, offset: number) => Promise<void> | void;

/** Create a file exclusively, making its folder only when it is missing (saves a mkdir per file). */
async function createExclusive(file: string): Promise<FileHandle> {
  try {
    return await open(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(path.dirname(file), { recursive: true });
    return open(file, 'wx');
  }
}

/**
 * The range size for an object: partSize, grown for big objects to about four ranges per starting stream
 * (whole MiB). Per starting stream, not per stream at most: measured on Ceph RGW, a 1 GiB download in 64 MiB
 * ranges beat 32 MiB ones (fewer requests for the server to set up, fewer gaps between a stream's ranges),
 * and a governor that grows to 8 streams still finds two ranges for each.
 */
export function rangeSizeFor(size: number, tuning: DownloadTuning): number {
  const MiB = 1024 * 1024;
  const max = Math.max(tuning.partSize, tuning.maxPartSize ?? tuning.partSize);
  const streams = Math.min(tuning.initialPartConcurrency ?? tuning.partConcurrency, tuning.partConcurrency);
  return Math.min(max, Math.max(tuning.partSize, Math.ceil(size / (streams * 4) / MiB) * MiB));
}

/** Download into `target`. Resolves with the final path (null if commit dropped it). */
export async function downloadObject(args: DownloadArgs): Promise<string | null> {
  const { object, signal } = args;
  const tuning = args.tuning ?? DEFAULT_DOWNLOAD_TUNING;
  if (signal.aborted) throw new CodedError({ code: 'Cancelled', message: 'cancelled' });
  const resumable = args.resumable;
  const partPath = resumable?.partPath ?? partPathFor(args.target);
  let handle: FileHandle | undefined;
  let keepPart = false;
  let sidecar: RangeSidecar | undefined;
  try {
    let ranges: RangeJob[] = [];
    const rangeSize = rangeSizeFor(object.size, tuning);
    for (let start = 0; start < object.size; start += rangeSize) ranges.push({ start, end: Math.min(object.size, start + rangeSize) - 1 });
    let expectedMd5 = md5OfEtag(object.etag);
    const encrypted = { kmsOrCustomerKey: false };
    const inMemory = ranges.length <= 1 && object.size <= IN_MEMORY_MAX;
    let resumedBytes = 0;
    let onRangeDone: RangeRecord | undefined;
    if (resumable && !inMemory) {
      const loaded = await RangeSidecar.load(partPath, object.etag, object.size, signal);
      const kept = loaded.sidecar;
      sidecar = kept;
      if (loaded.rejected > 0) resumable.onRejected?.(loaded.rejected);
      resumedBytes = kept.verifiedBytes;
      ranges = ranges.filter((r) => kept.verified(r.start)?.end !== r.end);
      onRangeDone = {
        newHash: await rangeHashes(),
        done: async (range, digest) => {
          kept.record({ start: range.start, end: range.end, xxh64: digest });
          // A sidecar that cannot be written costs the resume of this range, not the download.
          await kept.flush().catch(() => {});
        },
      };
    }
    // Views handed to a sink are only valid until it returns (or its promise settles): copy or write them.
    // Its own ArrayBuffer (never a slice of the shared pool): the file writer takes it over without a copy.
    const memory = inMemory ? Buffer.allocUnsafeSlow(object.size) : null;
    // Ranges never overlap and a retry resumes after the bytes taken: the sum is the bytes of the object held.
    let written = resumedBytes;
    if (resumedBytes > 0) args.onBytes?.(resumedBytes);
    // One sequential range can be hashed as it arrives; parallel ranges are hashed from the file afterwards;
    // a body held in memory is hashed by the file writer's thread, before it writes anything.
    const streamHash = !memory && ranges.length <= 1 && expectedMd5 ? createHash('md5') : null;
    let sink: Sink;
    if (memory) {
      sink = (data, length, offset) => {
        let at = offset;
        for (const view of data) {
          view.copy(memory, at);
          at += view.length;
        }
        written += length;
      };
    } else {
      const fh = (handle = resumedBytes > 0 ? await open(partPath, 'r+') : await createFresh(partPath, resumable !== undefined));
      // The final size up front: parallel ranges then write inside the file instead of each extending it
      // (every extension is an inode update the filesystem serializes). Completeness is counted, not stat'ed.
      if (ranges.length > 1 || resumedBytes > 0) await fh.truncate(object.size);
      // One write at a time per file: parallel writes into one file contend for its inode lock, and the
      // waiting threadpool threads spin on it (kernel CPU that grew to several seconds per GiB under memory
      // pressure); a single writer copies into the page cache faster than the network fills it.
      const writer = new Limiter(1);
      sink = (data, length, offset) => writer.run(async () => {
        for (const view of data) streamHash?.update(view);
        // writev: no copying the views into one buffer first.
        const { bytesWritten } = await fh.writev(data as Buffer[], offset);
        if (bytesWritten !== length) {
          const rest = Buffer.concat(data as Buffer[], length).subarray(bytesWritten);
          await fh.write(rest, 0, rest.length, offset + bytesWritten);
        }
        written += length;
      });
    }
    if (args.bandwidth) {
      const limited = sink;
      const bandwidth = args.bandwidth;
      // Waiting holds the views, so the socket pauses: the limit throttles the network, not just the disk.
      sink = async (data, length, offset) => {
        await bandwidth.take(length, signal);
        await limited(data, length, offset);
      };
    }
    if (ranges.length > 0) await fetchAll(args, tuning, ranges, sink, encrypted, onRangeDone);
    if (signal.aborted) throw abortError();

    await handle?.close();
    handle = undefined;
    if (written !== object.size)
      throw new CodedError({ code: 'Unknown', message: `size mismatch: expected ${object.size} bytes, got ${written}` });
    // SSE-KMS and SSE-C objects have single-part-looking ETags that are not the MD5 of the content.
    if (encrypted.kmsOrCustomerKey) expectedMd5 = null;
    const mismatch = (actual: string) => new CodedError({ code: 'Unknown', message: `checksum mismatch: MD5 ${actual} does not match the ETag ${expectedMd5}` });
    if (expectedMd5 && !memory) {
      const actual = streamHash ? streamHash.digest('hex') : await md5OfFile(partPath, signal);
      if (actual !== expectedMd5) throw mismatch(actual);
    }
    const finalPath = args.commit ? await args.commit(args.target) : args.target;
    if (finalPath === null) return null;
    // A crash between creating and renaming a small file's part file leaves it behind: it is only ever redone
    // (the writer replaces it when it finds one; no removal per file on the main thread, almost always of nothing).
    if (memory) {
      const written = await args.writer.writeNew(partPath, finalPath, memory, { replaceStale: resumable !== undefined, ...(expectedMd5 ? { md5: expectedMd5 } : {}) });
      if (written.md5Mismatch !== undefined) throw mismatch(written.md5Mismatch);
    } else await rename(partPath, finalPath);
    keepPart = true;
    await sidecar?.remove();
    return finalPath;
  } catch (error) {
    const e = classify(error, signal, args.target);
    // Bytes of another version of the object are worth nothing: a changed object starts over.
    if (resumable && e.appError.code === 'Conflict') await discardPart(partPath, sidecar);
    // Everything else on disk that was verified is kept for the next attempt, but a sidecar that failed to
    // write takes its ranges with it (they are only ever trusted after hashing them again anyway).
    else await sidecar?.flush().catch(() => {});
    throw e;
  } finally {
    if (handle) await handle.close().catch(() => {});
    if (!keepPart && !resumable) await rm(partPath, { force: true });
  }
}

/** Remove a resumable download's part file and its sidecar. */
export async function discardPart(partPath: string, sidecar?: RangeSidecar): Promise<void> {
  await rm(partPath, { force: true });
  if (sidecar) await sidecar.remove();
  else await rm(`${partPath}.ranges`, { force: true });
}

/** A resumable download's part file may exist from an attempt that recorded nothing yet: replace it. */
async function createFresh(file: string, replace: boolean): Promise<FileHandle> {
  if (replace) await rm(file, { force: true });
  return createExclusive(file);
}

/**
 * Fetch every range with at most `partConcurrency` in flight (fewer while the governor finds more streams do
 * not help); the first failure stops the rest.
 */
async function fetchAll(
  args: DownloadArgs,
  tuning: DownloadTuning,
  ranges: readonly RangeJob[],
  sink: Sink,
  encrypted: { kmsOrCustomerKey: boolean },
  onRangeDone: RangeRecord | undefined,
): Promise<void> {
  // One range (most objects): nothing to stop beside it, so no controller of its own.
  if (ranges.length === 1) return fetchRange(args, tuning, sink, ranges[0]!, encrypted, args.signal, args.signal, onRangeDone);
  const local = new AbortController();
  const onAbort = () => local.abort();
  args.signal.addEventListener('abort', onAbort, { once: true });
  try {
    let next = 0;
    let running = 0;
    let firstFailure: { error: unknown } | undefined;
    const max = Math.min(tuning.partConcurrency, ranges.length);
    const governor = tuning.initialPartConcurrency !== undefined && tuning.initialPartConcurrency < max ? new StreamGovernor(tuning.initialPartConcurrency, max) : null;
    const workers: Array<Promise<void>> = [];
    const worker = async () => {
      try {
        // A stream above the governor's target ends after its range (no range is ever cut short).
        while (next < ranges.length && !local.signal.aborted && running <= (governor?.target ?? max)) {
          const range = ranges[next++]!;
          await fetchRange(rangeArgs, tuning, sink, range, encrypted, local.signal, args.signal, onRangeDone);
        }
      } finally {
        // At once, not a microtask later: the next stream to check sees this one gone.
        running--;
      }
    };
    const spawn = () => {
      running++;
      workers.push(
        worker().catch((error: unknown) => {
          // One failed range fails the object: stop the others at once, and report this cause, not their aborts.
          firstFailure ??= { error };
          local.abort();
        }),
      );
    };
    const rangeArgs: DownloadArgs = governor
      ? {
          ...args,
          onBytes: (delta) => {
            args.onBytes?.(delta);
            if (!governor.onBytes(delta)) return;
            while (running < governor.target && next < ranges.length && !local.signal.aborted) spawn();
          },
        }
      : args;
    for (let i = 0; i < (governor?.target ?? max); i++) spawn();
    // Streams may be added while others run: wait until no new one appeared.
    for (let seen = 0; seen < workers.length; ) {
      seen = workers.length;
      await Promise.all(workers);
    }
    if (firstFailure) throw firstFailure.error;
  } finally {
    args.signal.removeEventListener('abort', onAbort);
  }
}

async function md5OfFile(file: string, signal: AbortSignal): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(file, { highWaterMark: 4 * 1024 * 1024, signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Coalesce received pieces into writes of about this size (fewer syscalls than one per socket read). */
const WRITE_BATCH = 1024 * 1024;

async function fetchRange(
  args: DownloadArgs,
  tuning: DownloadTuning,
  sink: Sink,
  range: RangeJob,
  encrypted: { kmsOrCustomerKey: boolean },
  signal: AbortSignal,
  userSignal: AbortSignal,
  onRangeDone?: RangeRecord,
): Promise<void> {
  // `pos` only advances over bytes on disk: a retry resumes from verified bytes, never from zero.
  let pos = range.start;
  // Bytes go to the sink in order within a range (a retry continues at `pos`), so one running hash covers
  // it (the sidecar's checksum: see range-hash.ts for which and why).
  const rangeHash = onRangeDone?.newHash();
  let attempt = 0;
  while (pos <= range.end) {
    if (signal.aborted) throw abortError();
    const before = pos;
    try {
      await args.requests.run(async () => {
        const requestedFrom = pos;
        const expectedLength = range.end - pos + 1;
        // Bytes handed to the sink; writes complete out of order, so `pos` moves only once they all have.
        let issued = pos;
        let batch: Buffer[] = [];
        let batchBytes = 0;
        let releases: Array<() => void> = [];
        const writes = new Set<Promise<void>>();
        let writeFailure: { error: unknown } | undefined;
        const flush = () => {
          if (batchBytes === 0) return;
          const [views, length, at, held] = [batch, batchBytes, issued, releases];
          if (rangeHash) for (const view of views) rangeHash.update(view);
          batch = [];
          batchBytes = 0;
          releases = [];
          issued += length;
          const done = () => {
            for (const release of held) release();
          };
          let result: Promise<void> | void;
          try {
            result = sink(views, length, at);
          } catch (error) {
            done();
            throw error;
          }
          if (!result) {
            done();
            args.onBytes?.(length);
            return;
          }
          const write: Promise<void> = result
            .then(
              () => args.onBytes?.(length),
              (error: unknown) => {
                writeFailure ??= { error };
              },
            )
            .finally(() => {
              done();
              writes.delete(write);
            });
          writes.add(write);
        };
        let requestFailure: { error: unknown } | undefined;
        try {
          await getDirect({
            client: args.client,
            bucket: args.object.bucket,
            key: args.object.key,
            ...(args.object.versionId !== undefined ? { versionId: args.object.versionId } : {}),
            headers: {
              // The whole object in one piece needs no Range (servers answer a plain GET on their cheapest path).
              ...(requestedFrom === 0 && range.end === args.object.size - 1 ? {} : { range: `bytes=${requestedFrom}-${range.end}` }),
              ...(args.object.etag ? { 'if-match': args.object.etag } : {}),
            },
            signal,
            operation: 'GetObject',
            onHead: ({ status, headers }) => {
              const sse = headers['x-amz-server-side-encryption'];
              if (sse?.startsWith('aws:kms') || headers['x-amz-server-side-encryption-customer-algorithm']) encrypted.kmsOrCustomerKey = true;
              const contentLength = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
              if ((status !== 206 && requestedFrom !== 0) || (contentLength !== undefined && contentLength !== expectedLength))
                throw new CodedError({ code: 'Unknown', message: `server answered ${contentLength ?? 'unknown'} bytes for a ${expectedLength}-byte range (Range unsupported?)` });
            },
            onBody: (view, hold) => {
              if (issued + batchBytes + view.length > range.end + 1) throw new CodedError({ code: 'Unknown', message: 'server sent more bytes than asked for' });
              batch.push(view);
              releases.push(hold());
              batchBytes += view.length;
              if (batchBytes >= WRITE_BATCH) flush();
            },
          });
        } catch (error) {
          requestFailure = { error };
        }
        // Whatever arrived intact before a cut is kept: it is the resume point.
        try {
          flush();
        } catch (error) {
          requestFailure ??= { error };
        }
        while (writes.size > 0) await Promise.all(writes);
        if (writeFailure) throw classify(writeFailure.error, userSignal, args.target);
        pos = issued;
        if (requestFailure) throw requestFailure.error;
      });
      if (pos <= range.end) throw new CodedError({ code: 'Network', message: 'connection closed before the range was complete' }, true);
    } catch (error) {
      const e = classify(error, userSignal, args.target);
      if (signal.aborted || !e.retryable) throw signal.aborted && !userSignal.aborted ? abortError() : e;
      if (pos > before) attempt = 0;
      if (++attempt > tuning.maxRetries) throw e;
      await sleep(backoff(attempt, tuning.retryBaseMs), signal);
    }
  }
  if (onRangeDone && rangeHash) await onRangeDone.done(range, rangeHash.digest());
}
