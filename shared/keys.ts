/**
 * Pure S3 key and prefix helpers. S3 keys are byte strings where "/" is only a convention, so these never
 * trim, collapse or re-encode: "a//b" and "/a" are distinct, valid keys.
 */

export const DELIMITER = '/';

/** S3 keys are at most 1,024 bytes of UTF-8: the one place this limit is written. */
export const MAX_KEY_BYTES = 1024;

const UTF8 = new TextEncoder();

/** The length S3 measures a key by: its UTF-8 bytes, not its UTF-16 code units. */
export function keyByteLength(key: string): number {
  return UTF8.encode(key).length;
}

export function isKeyTooLong(key: string): boolean {
  // Each UTF-16 unit is at most 3 UTF-8 bytes: most keys are decided without encoding them.
  return key.length * 3 > MAX_KEY_BYTES && keyByteLength(key) > MAX_KEY_BYTES;
}

/** A folder key ends with the delimiter (a CommonPrefix, or a zero-byte "folder marker" object). */
export function isFolderKey(key: string): boolean {
  return key.endsWith(DELIMITER);
}

/**
 * The one canonical form of a folder prefix: "" is the bucket root, anything else ends with exactly the
 * slash it was given plus one if missing. Every cache key and listing request goes through this.
 */
export function canonicalPrefix(prefix: string): string {
  if (prefix === '' || prefix === DELIMITER) return '';
  return isFolderKey(prefix) ? prefix : prefix + DELIMITER;
}

/** The folder that lists `key` as a child: "a/b/new/" → "a/b/", "a/b/f.txt" → "a/b/", "top" → "". */
export function parentOf(key: string): string {
  const trimmed = isFolderKey(key) ? key.slice(0, -1) : key;
  const cut = trimmed.lastIndexOf(DELIMITER);
  return cut < 0 ? '' : trimmed.slice(0, cut + 1);
}

/** Every folder above `key`, nearest first, ending with the root "". */
export function ancestorsOf(key: string): string[] {
  const out: string[] = [];
  let current = key;
  while (current !== '') {
    current = parentOf(current);
    out.push(current);
  }
  return out;
}

/** Display name of a key: "a/b/new/" → "new", "a/b/f.txt" → "f.txt". */
export function basename(key: string): string {
  const trimmed = isFolderKey(key) ? key.slice(0, -1) : key;
  return trimmed.slice(trimmed.lastIndexOf(DELIMITER) + 1);
}

/** Join a folder prefix and a child name. */
export function childKey(prefix: string, name: string, folder = false): string {
  return canonicalPrefix(prefix) + name + (folder ? DELIMITER : '');
}

export function s3Uri(bucket: string, key = ''): string {
  return `s3://${bucket}/${key}`;
}

export interface S3Location {
  readonly bucket: string;
  readonly prefix: string;
}

/**
 * Parse what a user typed in the address bar: "s3://bucket/a/b", "bucket/a/b/", "/bucket". The key part is
 * taken as a folder. Returns null when there is no bucket name.
 */
export function parseS3Location(input: string): S3Location | null {
  let text = input.trim();
  if (/^s3:\/\//i.test(text)) text = text.slice(5);
  text = text.replace(/^\/+/, '');
  if (text === '') return null;
  const slash = text.indexOf(DELIMITER);
  const bucket = slash < 0 ? text : text.slice(0, slash);
  const rest = slash < 0 ? '' : text.slice(slash + 1);
  if (!isPlausibleBucketName(bucket)) return null;
  return { bucket, prefix: canonicalPrefix(rest) };
}

/** Loose check (S3-compatible stores allow more than AWS does): no slash, no whitespace, 1–255 chars. */
export function isPlausibleBucketName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && !/[\s/\\]/.test(name);
}
