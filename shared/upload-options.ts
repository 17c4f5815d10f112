/**
 * Upload options (issue 15): storage class, encryption, content type, user metadata and tags of the objects an
 * upload writes, with per-connection defaults. Pure, so the dialog refuses bad input as it is typed and main
 * refuses it again (the same rules as a properties edit, shared/properties.ts).
 */
import { editProblems } from './properties';

/**
 * `bucket-default` sends no encryption header, so the bucket's default encryption (and its KMS key) applies.
 * `aws:kms` without a key id uses the bucket's default KMS key when the bucket has one (else the AWS-managed
 * key): choosing SSE-KMS never silently swaps the bucket's key for another.
 */
export type UploadEncryption = { readonly kind: 'bucket-default' } | { readonly kind: 'AES256' } | { readonly kind: 'aws:kms'; readonly keyId?: string };

export interface UploadOptions {
  /** Absent: the server's default (STANDARD). */
  readonly storageClass?: string;
  /** Absent: bucket-default. */
  readonly encryption?: UploadEncryption;
  /** Absent: guessed from each file's name (application/octet-stream when the extension is unknown). */
  readonly contentType?: string;
  /** User metadata: names without x-amz-meta-, lower case. */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly tags?: Readonly<Record<string, string>>;
}

/** What a connection applies to uploads that name no options of their own (a drop, Upload…). */
export type UploadDefaults = Omit<UploadOptions, 'contentType'>;

export const NO_UPLOAD_OPTIONS: UploadOptions = {};

/** Every problem with upload options (empty when they can be used). */
export function uploadOptionsProblems(options: UploadOptions): string[] {
  const problems: string[] = [];
  // Reuse the properties rules for what the two share; "changes nothing" is no problem for an upload.
  const edit = {
    ...(options.storageClass !== undefined ? { storageClass: options.storageClass } : {}),
    ...(options.metadata ? { metadata: { set: options.metadata } } : {}),
    ...(options.tags ? { tags: { set: options.tags } } : {}),
    ...(options.encryption && options.encryption.kind !== 'bucket-default' ? { encryption: options.encryption } : {}),
    ...(options.contentType !== undefined ? { headers: { contentType: options.contentType } } : {}),
  };
  if (Object.keys(edit).length > 0) problems.push(...editProblems(edit).filter((p) => p !== 'The edit changes nothing.'));
  if (options.contentType !== undefined && !/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/.test(options.contentType)) {
    problems.push(`Content-Type "${options.contentType}" is not a media type (e.g. text/plain).`);
  }
  return [...new Set(problems)];
}

/** The x-amz-tagging header / Tagging field: a URL-encoded query string. */
export function taggingOf(tags: Readonly<Record<string, string>> | undefined): string | undefined {
  const entries = Object.entries(tags ?? {});
  if (entries.length === 0) return undefined;
  return entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}
