import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isFolderKey } from '../../shared/keys';
import { IMAGE_PREVIEW_MAX_BYTES, type Preview, TEXT_PREVIEW_BYTES } from '../../shared/operations';

export interface PreviewLimits {
  readonly textBytes: number;
  readonly imageMaxBytes: number;
}

export const DEFAULT_PREVIEW_LIMITS: PreviewLimits = { textBytes: TEXT_PREVIEW_BYTES, imageMaxBytes: IMAGE_PREVIEW_MAX_BYTES };

/** Image types recognised from their first bytes (the declared Content-Type is often wrong or generic). */
export function sniffImage(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  if (starts(0x42, 0x4d)) return 'image/bmp';
  return null;
}

/**
 * Text is UTF-8 without NUL bytes or runs of control characters. A cut at the end of a truncated read may split
 * a multi-byte character, so up to 3 trailing bytes are dropped before a strict decode.
 */
export function decodeText(bytes: Uint8Array, truncated: boolean): string | null {
  let control = 0;
  for (const b of bytes) {
    if (b === 0) return null;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  if (control > bytes.length / 100 + 1) return null;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let drop = 0; drop <= (truncated ? 3 : 0); drop++) {
    try {
      return decoder.decode(bytes.subarray(0, bytes.length - drop));
    } catch {
      // try with one byte less
    }
  }
  return null;
}

/** Total size from "bytes 0-65535/123456". */
function totalOf(contentRange: string | undefined, fallback: number): number {
  const m = contentRange?.match(/\/(\d+)\s*$/);
  return m ? Number(m[1]) : fallback;
}

/**
 * Preview with as little transfer as possible: one Range GET of the first 64 KiB answers text and small files;
 * an image larger than that costs one more Range GET for the rest, and only if it is under the image limit.
 */
export async function previewObject(
  client: S3Client,
  bucket: string,
  key: string,
  limits: PreviewLimits = DEFAULT_PREVIEW_LIMITS,
  versionId?: string,
): Promise<Preview> {
  if (isFolderKey(key)) return { kind: 'none', reason: 'folder', size: 0, contentType: null };
  let head: Uint8Array;
  let size: number;
  let declared: string | null;
  try {
    const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId, Range: `bytes=0-${limits.textBytes - 1}` }));
    head = out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
    size = totalOf(out.ContentRange, head.length);
    declared = out.ContentType ?? null;
  } catch (error) {
    // A range on an empty object is unsatisfiable (416): the object exists and has no bytes.
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 416 || (error as { name?: string }).name === 'InvalidRange') return { kind: 'text', text: '', truncated: false, size: 0, contentType: null };
    throw error;
  }
  const image = sniffImage(head) ?? (declared?.startsWith('image/svg+xml') ? 'image/svg+xml' : null);
  if (image) {
    if (size > limits.imageMaxBytes) return { kind: 'none', reason: 'too-large', size, contentType: image };
    let bytes = head;
    if (size > head.length) {
      const rest = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId, Range: `bytes=${head.length}-${size - 1}` }));
      const tail = rest.Body ? await rest.Body.transformToByteArray() : new Uint8Array();
      bytes = new Uint8Array(head.length + tail.length);
      bytes.set(head);
      bytes.set(tail, head.length);
    }
    return { kind: 'image', dataUrl: `data:${image};base64,${Buffer.from(bytes).toString('base64')}`, size, contentType: image };
  }
  const truncated = size > head.length;
  const text = decodeText(head, truncated);
  if (text === null) return { kind: 'none', reason: 'binary', size, contentType: declared };
  return { kind: 'text', text, truncated, size, contentType: declared };
}
