/**
 * What an upload's options become on the wire: the headers of a single PutObject (signed locally, see
 * put-direct.ts) and the fields of CreateMultipartUpload (the SDK), from one resolved form so both paths
 * store the same object. The content type is guessed from the key's name by `mime` unless chosen.
 */
import type { CreateMultipartUploadCommandInput, ServerSideEncryption, StorageClass } from '@aws-sdk/client-s3';
import mime from 'mime';
import { basename } from '../../shared/keys';
import { CodedError } from '../core/app-error';
import { taggingOf, type UploadOptions } from '../../shared/upload-options';

/** Options with the bucket's default KMS key filled in (see resolveKmsKey): what the journal keeps. */
export type ResolvedUploadOptions = UploadOptions;

/** S3 consoles' and rclone's type for a folder marker. */
export const FOLDER_CONTENT_TYPE = 'application/x-directory';

export function contentTypeFor(key: string, options: UploadOptions | undefined): string {
  if (options?.contentType) return options.contentType;
  if (key.endsWith('/')) return FOLDER_CONTENT_TYPE;
  return mime.getType(basename(key)) ?? 'application/octet-stream';
}

/** Lower-case HTTP headers for a single PutObject (Content-MD5 is the caller's). */
export function putHeaders(key: string, options: UploadOptions | undefined): Record<string, string> {
  // Always a type: S3 would default it, but some servers fail an empty body that has none.
  const headers: Record<string, string> = { 'content-type': contentTypeFor(key, options) };
  if (options?.storageClass && options.storageClass !== 'STANDARD') headers['x-amz-storage-class'] = options.storageClass;
  const enc = options?.encryption;
  if (enc?.kind === 'AES256') headers['x-amz-server-side-encryption'] = 'AES256';
  if (enc?.kind === 'aws:kms') {
    headers['x-amz-server-side-encryption'] = 'aws:kms';
    if (enc.keyId) headers['x-amz-server-side-encryption-aws-kms-key-id'] = enc.keyId;
  }
  for (const [name, value] of Object.entries(options?.metadata ?? {})) headers[`x-amz-meta-${name}`] = value;
  const tagging = taggingOf(options?.tags);
  if (tagging) headers['x-amz-tagging'] = tagging;
  return headers;
}

/** The same options as CreateMultipartUpload fields. */
export function multipartFields(key: string, options: UploadOptions | undefined): Omit<CreateMultipartUploadCommandInput, 'Bucket' | 'Key'> {
  const enc = options?.encryption;
  const tagging = taggingOf(options?.tags);
  const metadata = options?.metadata ?? {};
  return {
    ContentType: contentTypeFor(key, options),
    ...(options?.storageClass && options.storageClass !== 'STANDARD' ? { StorageClass: options.storageClass as StorageClass } : {}),
    ...(enc && enc.kind !== 'bucket-default' ? { ServerSideEncryption: enc.kind as ServerSideEncryption } : {}),
    ...(enc?.kind === 'aws:kms' && enc.keyId ? { SSEKMSKeyId: enc.keyId } : {}),
    ...(Object.keys(metadata).length > 0 ? { Metadata: { ...metadata } } : {}),
    ...(tagging ? { Tagging: tagging } : {}),
  };
}

/** The bucket's default encryption as GetBucketEncryption states it (null: none or unreadable). */
export interface BucketDefaultEncryption {
  readonly algorithm: string;
  readonly kmsKeyId: string | null;
}

/**
 * SSE-KMS without a key id takes the bucket's default KMS key when the bucket has one: otherwise S3 would use
 * the AWS-managed aws/s3 key and override the key the bucket's owner chose (Cyberduck #17725).
 */
export function resolveKmsKey(options: UploadOptions, bucketDefault: BucketDefaultEncryption | null): ResolvedUploadOptions {
  const enc = options.encryption;
  if (enc?.kind !== 'aws:kms' || enc.keyId || !bucketDefault?.kmsKeyId || bucketDefault.algorithm !== 'aws:kms') return options;
  return { ...options, encryption: { kind: 'aws:kms', keyId: bucketDefault.kmsKeyId } };
}

/**
 * A 400 to an upload that named a storage class is about the class (AWS: InvalidStorageClass; Ceph RGW:
 * InvalidArgument for a class its placement lacks): say which class the server refused, per file.
 */
export function explainRefusal(error: unknown, options: UploadOptions | undefined): unknown {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  const cls = options?.storageClass;
  if (!cls || cls === 'STANDARD' || !e || e.$metadata?.httpStatusCode !== 400) return error;
  if (e.name !== 'InvalidStorageClass' && e.name !== 'InvalidArgument') return error;
  return new CodedError({ code: 'InvalidInput', message: `the server refused storage class ${cls} (${e.name}): pick a class this provider offers` });
}
