/**
 * The verified ranges of a journaled download's part file, kept in a sidecar next to it
 * (`<part>.ranges`): the object's ETag and size, and a checksum per completed range. After a restart each
 * recorded range is checksummed again from the part file; only those that still match are kept, so a part
 * file that was truncated or tampered with costs the damaged ranges, never a corrupt final file. A sidecar for
 * another ETag or size (the object changed) keeps nothing.
 *
 * Why CRC-32 and not SHA-256 (version 1 sidecars, still read and checked as they were): the checksum runs
 * over every downloaded byte on the main thread, and SHA-256 cost ~0.6 s of CPU per GiB there (a third of
 * the client's CPU for a big download; the two cores are shared with the server). zlib's CRC-32 costs ~0.2 s.
 * The sidecar is plain JSON beside the part file, so an unkeyed SHA-256 never stopped someone who can write
 * the part file anyway (they can rewrite the sidecar too); what it guards against is accidental damage
 * (truncation, a write lost in a power cut, another program changing the file), which CRC-32 detects: every
 * burst of up to 32 bits, and any other change but for a 2^-32 chance.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { CoalescedWriter } from './coalesced-writer';

const bounds = { start: z.number().int().nonnegative(), end: z.number().int().nonnegative() };
const rangeSchema = z.object({ ...bounds, crc32: z.number().int().nonnegative().max(0xffffffff) });
/** Written by earlier versions: a SHA-256 per range (hex). */
const legacyRangeSchema = z.object({ ...bounds, sha256: z.string().length(64) });
const sidecarSchema = z.union([
  z.object({ version: z.literal(2), etag: z.string(), size: z.number().int().nonnegative(), ranges: z.array(rangeSchema) }),
  z.object({ version: z.literal(1), etag: z.string(), size: z.number().int().nonnegative(), ranges: z.array(legacyRangeSchema) }),
]);

export type VerifiedRange = z.infer<typeof rangeSchema>;
type RecordedRange = VerifiedRange | z.infer<typeof legacyRangeSchema>;

export function sidecarPathFor(partPath: string): string {
  return `${partPath}.ranges`;
}

export class RangeSidecar {
  private readonly ranges = new Map<number, VerifiedRange>();
  private readonly writer: CoalescedWriter;

  private constructor(
    readonly partPath: string,
    private readonly etag: string,
    private readonly size: number,
  ) {
    // Not fsynced: every recorded range is hashed again before it is trusted, so a record that a power loss
    // took back costs only its re-fetch. With two fsyncs per finished range, every stream waited on a disk
    // commit (file system journal, while the part file's data is being written) before its next range.
    this.writer = new CoalescedWriter(
      sidecarPathFor(partPath),
      () => JSON.stringify({ version: 2, etag: this.etag, size: this.size, ranges: [...this.ranges.values()] }),
      0,
      false,
    );
  }

  /**
   * The sidecar of `partPath` for this object, with the ranges whose bytes in the part file still have the
   * recorded checksum. `rejected` counts recorded ranges that failed that check (they are fetched again).
   */
  static async load(partPath: string, etag: string, size: number, signal?: AbortSignal): Promise<{ sidecar: RangeSidecar; rejected: number }> {
    const sidecar = new RangeSidecar(partPath, etag, size);
    const recorded = await readRecorded(partPath);
    let rejected = 0;
    if (recorded && recorded.etag === etag && recorded.size === size) {
      for (const range of recorded.ranges as readonly RecordedRange[]) {
        if (range.end < range.start || range.end >= size) continue;
        const kept = await verify(partPath, range, signal).catch(() => null);
        if (kept) sidecar.ranges.set(range.start, kept);
        else rejected++;
      }
    }
    return { sidecar, rejected };
  }

  /** The range starting at `start` if it is verified. */
  verified(start: number): VerifiedRange | undefined {
    return this.ranges.get(start);
  }

  get verifiedBytes(): number {
    let n = 0;
    for (const r of this.ranges.values()) n += r.end - r.start + 1;
    return n;
  }

  /** Record a range whose bytes are on disk (the CRC-32 of exactly what was written); written to disk soon. */
  record(range: VerifiedRange): void {
    this.ranges.set(range.start, range);
    this.writer.schedule();
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  /** Remove the sidecar (after the download committed, or was discarded). */
  async remove(): Promise<void> {
    await this.writer.flush().catch(() => {});
    await rm(sidecarPathFor(this.partPath), { force: true });
  }
}

async function readRecorded(partPath: string): Promise<z.infer<typeof sidecarSchema> | null> {
  const text = await readFile(sidecarPathFor(partPath), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = sidecarSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The range as it will be kept (with its CRC-32) when the part file still holds its recorded bytes, else null. */
async function verify(file: string, range: RecordedRange, signal?: AbortSignal): Promise<VerifiedRange | null> {
  if ('crc32' in range) return (await crc32OfRange(file, range.start, range.end, signal)) === range.crc32 ? range : null;
  // A version 1 record: check its SHA-256, and keep it as CRC-32 from then on (computed in the same pass).
  const sha = createHash('sha256');
  const crc = await crc32OfRange(file, range.start, range.end, signal, (chunk) => sha.update(chunk));
  return crc !== null && sha.digest('hex') === range.sha256 ? { start: range.start, end: range.end, crc32: crc } : null;
}

/** The CRC-32 of bytes start..end (inclusive) of `file`, or null when the file is shorter (not on disk). */
export async function crc32OfRange(file: string, start: number, end: number, signal?: AbortSignal, each?: (chunk: Buffer) => void): Promise<number | null> {
  let crc = 0;
  let length = 0;
  for await (const chunk of createReadStream(file, { start, end, highWaterMark: 4 * 1024 * 1024, ...(signal ? { signal } : {}) })) {
    crc = crc32(chunk as Buffer, crc);
    each?.(chunk as Buffer);
    length += (chunk as Buffer).length;
  }
  return length === end - start + 1 ? crc : null;
}

/** Bytes a sidecar records (unverified: for showing what a resume will likely keep, never for trusting it). */
export async function recordedBytes(partPath: string): Promise<number> {
  const recorded = await readRecorded(partPath);
  return recorded ? recorded.ranges.reduce((n, r) => n + (r.end - r.start + 1), 0) : 0;
}
