/**
 * The verified ranges of a journaled download's part file, kept in a sidecar next to it
 * (`<part>.ranges`): the object's ETag and size, and a checksum per completed range. After a restart each
 * recorded range is checksummed again from the part file; only those that still match are kept, so a part
 * file that was truncated or tampered with costs the damaged ranges, never a corrupt final file. A sidecar for
 * another ETag or size (the object changed) keeps nothing.
 *
 * The checksum is XXH64 (version 3; range-hash.ts says why). Sidecars of earlier versions are still read and
 * their ranges checked with what they recorded (version 2: CRC-32; version 1: SHA-256, dropped as too slow
 * for the main thread), then kept as XXH64 computed in the same pass. The sidecar is plain JSON beside the
 * part file, so no unkeyed checksum ever stopped someone who can write the part file anyway (they can rewrite
 * the sidecar too); what it guards against is accidental damage: truncation, a write lost in a power cut,
 * another program changing the file.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { CoalescedWriter } from './coalesced-writer';
import { type RangeHash, rangeHashes } from './range-hash';

const bounds = { start: z.number().int().nonnegative(), end: z.number().int().nonnegative() };
const rangeSchema = z.object({ ...bounds, xxh64: z.string().regex(/^[0-9a-f]{16}$/) });
/** Written by earlier versions: a CRC-32 (version 2) or a SHA-256 in hex (version 1) per range. */
const crcRangeSchema = z.object({ ...bounds, crc32: z.number().int().nonnegative().max(0xffffffff) });
const shaRangeSchema = z.object({ ...bounds, sha256: z.string().length(64) });
const head = { etag: z.string(), size: z.number().int().nonnegative() };
const sidecarSchema = z.union([
  z.object({ version: z.literal(3), ...head, ranges: z.array(rangeSchema) }),
  z.object({ version: z.literal(2), ...head, ranges: z.array(crcRangeSchema) }),
  z.object({ version: z.literal(1), ...head, ranges: z.array(shaRangeSchema) }),
]);

export type VerifiedRange = z.infer<typeof rangeSchema>;
type RecordedRange = VerifiedRange | z.infer<typeof crcRangeSchema> | z.infer<typeof shaRangeSchema>;

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
      () => JSON.stringify({ version: 3, etag: this.etag, size: this.size, ranges: [...this.ranges.values()] }),
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
      const newHash = await rangeHashes();
      for (const range of recorded.ranges as readonly RecordedRange[]) {
        if (range.end < range.start || range.end >= size) continue;
        const kept = await verify(partPath, range, newHash(), signal).catch(() => null);
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

  /** Record a range whose bytes are on disk (the XXH64 of exactly what was written); written to disk soon. */
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

/** The range as it will be kept (with its XXH64) when the part file still holds its recorded bytes, else null. */
async function verify(file: string, range: RecordedRange, hash: RangeHash, signal?: AbortSignal): Promise<VerifiedRange | null> {
  // An earlier version's record is checked with its own checksum, computed in the same pass.
  let crc = 0;
  const sha = 'sha256' in range ? createHash('sha256') : null;
  const each = 'crc32' in range ? (chunk: Buffer) => void (crc = crc32(chunk, crc)) : sha ? (chunk: Buffer) => void sha.update(chunk) : undefined;
  const xxh64 = await hashRange(file, range.start, range.end, hash, signal, each);
  if (xxh64 === null) return null;
  const matches = 'xxh64' in range ? xxh64 === range.xxh64 : 'crc32' in range ? crc === range.crc32 : sha!.digest('hex') === range.sha256;
  return matches ? { start: range.start, end: range.end, xxh64 } : null;
}

/** The XXH64 of bytes start..end (inclusive) of `file`, or null when the file is shorter (not on disk). */
export async function hashRange(file: string, start: number, end: number, hash: RangeHash, signal?: AbortSignal, each?: (chunk: Buffer) => void): Promise<string | null> {
  let length = 0;
  for await (const chunk of createReadStream(file, { start, end, highWaterMark: 4 * 1024 * 1024, ...(signal ? { signal } : {}) })) {
    hash.update(chunk as Buffer);
    each?.(chunk as Buffer);
    length += (chunk as Buffer).length;
  }
  return length === end - start + 1 ? hash.digest() : null;
}

/** Bytes a sidecar records (unverified: for showing what a resume will likely keep, never for trusting it). */
export async function recordedBytes(partPath: string): Promise<number> {
  const recorded = await readRecorded(partPath);
  return recorded ? recorded.ranges.reduce((n, r) => n + (r.end - r.start + 1), 0) : 0;
}
