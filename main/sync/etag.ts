/**
 * What an S3 ETag can prove about content. A single-part ETag (32 hex digits) is the MD5 of the bytes for
 * plain and SSE-S3 objects; a multipart ETag is MD5(concatenated part MD5s) + "-" + part count, so it can be
 * recomputed from a local file only when the part size is known. The listing never says the part size: it is
 * inferred from the count and the size, trying the sizes tools commonly use.
 */
import { createHash } from 'node:crypto';

const MIB = 1024 * 1024;

/** 5 MiB: S3's minimum and lib-storage's/rclone's default; 8 MiB: aws-cli; the rest are common settings. */
const COMMON_PART_SIZES = [5, 8, 10, 15, 16, 25, 32, 50, 64, 100, 128, 256, 512].map((n) => n * MIB);

/** At most this many candidate sizes are hashed per file (each costs one running MD5 over the file). */
const MAX_CANDIDATES = 4;

export type ParsedEtag =
  | { readonly kind: 'md5'; readonly md5: string }
  | { readonly kind: 'multipart'; readonly parts: number; readonly value: string }
  | { readonly kind: 'opaque'; readonly value: string };

export function parseEtag(raw: string): ParsedEtag {
  const value = raw.replace(/^W\//, '').replace(/"/g, '').toLowerCase();
  if (/^[0-9a-f]{32}$/.test(value)) return { kind: 'md5', md5: value };
  const multi = /^([0-9a-f]{32})-(\d+)$/.exec(value);
  if (multi) return { kind: 'multipart', parts: Number(multi[2]), value };
  return { kind: 'opaque', value };
}

/** Part sizes for which `size` bytes split into exactly `parts` parts, commonest first. */
export function candidatePartSizes(size: number, parts: number, extra: readonly number[] = []): number[] {
  if (parts < 1 || size <= 0) return [];
  const fits = (p: number) => p > 0 && Math.ceil(size / p) === parts;
  const out: number[] = [];
  const add = (p: number) => {
    if (fits(p) && !out.includes(p) && out.length < MAX_CANDIDATES) out.push(p);
  };
  for (const p of extra) add(p);
  for (const p of COMMON_PART_SIZES) add(p);
  // Tools that size parts to fit a part-count limit round the quotient up to a whole MiB.
  add(Math.ceil(size / parts / MIB) * MIB);
  add(Math.ceil(size / parts));
  return out;
}

/** The multipart ETag from the parts' MD5 digests (raw bytes). */
export function multipartEtag(partDigests: readonly Buffer[]): string {
  const outer = createHash('md5');
  for (const d of partDigests) outer.update(d);
  return `${outer.digest('hex')}-${partDigests.length}`;
}
