/**
 * The verified ranges of a journaled download's part file, kept in a sidecar next to it
 * (`<part>.ranges`): the object's ETag and size, and a SHA-256 per completed range. After a restart each
 * recorded range is hashed again from the part file; only those that still match are kept, so a part file
 * that was truncated or tampered with costs the damaged ranges, never a corrupt final file. A sidecar for
 * another ETag or size (the object changed) keeps nothing.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { z } from 'zod';
import { CoalescedWriter } from './coalesced-writer';

const rangeSchema = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), sha256: z.string().length(64) });
const sidecarSchema = z.object({ version: z.literal(1), etag: z.string(), size: z.number().int().nonnegative(), ranges: z.array(rangeSchema) });

export type VerifiedRange = z.infer<typeof rangeSchema>;

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
      () => JSON.stringify({ version: 1, etag: this.etag, size: this.size, ranges: [...this.ranges.values()] }),
      0,
      false,
    );
  }

  /**
   * The sidecar of `partPath` for this object, with the ranges whose bytes in the part file still hash as
   * recorded. `rejected` counts recorded ranges that failed that check (they are fetched again).
   */
  static async load(partPath: string, etag: string, size: number, signal?: AbortSignal): Promise<{ sidecar: RangeSidecar; rejected: number }> {
    const sidecar = new RangeSidecar(partPath, etag, size);
    const recorded = await readRecorded(partPath);
    let rejected = 0;
    if (recorded && recorded.etag === etag && recorded.size === size) {
      for (const range of recorded.ranges) {
        if (range.end < range.start || range.end >= size) continue;
        const actual = await hashRange(partPath, range.start, range.end, signal).catch(() => null);
        if (actual === range.sha256) sidecar.ranges.set(range.start, range);
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

  /** Record a range whose bytes are on disk (hash of exactly what was written); written to disk soon. */
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

export async function hashRange(file: string, start: number, end: number, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  let length = 0;
  for await (const chunk of createReadStream(file, { start, end, highWaterMark: 4 * 1024 * 1024, ...(signal ? { signal } : {}) })) {
    hash.update(chunk as Buffer);
    length += (chunk as Buffer).length;
  }
  // A short file reads short: that range is not on disk.
  if (length !== end - start + 1) return '';
  return hash.digest('hex');
}

/** Bytes a sidecar records (unverified: for showing what a resume will likely keep, never for trusting it). */
export async function recordedBytes(partPath: string): Promise<number> {
  const recorded = await readRecorded(partPath);
  return recorded ? recorded.ranges.reduce((n, r) => n + (r.end - r.start + 1), 0) : 0;
}
