import type { ObjectCannedACL, ServerSideEncryption, StorageClass } from '@aws-sdk/client-s3';
import { type ContentHeaders, type HeadProperties, patchMetadata, type PropertiesEdit } from '../../shared/properties';

/**
 * The headers of a copy onto itself with MetadataDirective REPLACE: S3 then keeps nothing by itself, so every
 * property the edit leaves alone is sent back as HeadObject read it — content headers, user metadata, storage
 * class and encryption (a copy would otherwise take the bucket's default encryption and STANDARD).
 * Shared by CopyObject and CreateMultipartUpload (the multipart copy of objects above 5 GiB).
 */
export interface RewriteHeaders {
  ContentType?: string;
  CacheControl?: string;
  ContentDisposition?: string;
  ContentEncoding?: string;
  ContentLanguage?: string;
  Expires?: Date;
  Metadata: Record<string, string>;
  StorageClass?: StorageClass;
  ServerSideEncryption?: ServerSideEncryption;
  SSEKMSKeyId?: string;
  ACL?: ObjectCannedACL;
}

export function rewriteHeaders(head: HeadProperties, edit: PropertiesEdit): RewriteHeaders {
  const headers: ContentHeaders = { ...head.headers, ...edit.headers };
  const out: RewriteHeaders = { Metadata: patchMetadata(head.metadata, edit.metadata) };
  if (headers.contentType !== null) out.ContentType = headers.contentType;
  if (headers.cacheControl !== null) out.CacheControl = headers.cacheControl;
  if (headers.contentDisposition !== null) out.ContentDisposition = headers.contentDisposition;
  if (headers.contentEncoding !== null) out.ContentEncoding = headers.contentEncoding;
  if (headers.contentLanguage !== null) out.ContentLanguage = headers.contentLanguage;
  if (headers.expires !== null) {
    const at = new Date(headers.expires);
    if (!Number.isNaN(at.getTime())) out.Expires = at;
  }
  const storageClass = edit.storageClass ?? head.storageClass;
  // A copy is written as STANDARD unless told otherwise; servers that only know STANDARD may refuse the header.
  if (storageClass !== 'STANDARD') out.StorageClass = storageClass as StorageClass;
  const encryption = edit.encryption ?? head.encryption;
  if (encryption.kind !== 'none') {
    out.ServerSideEncryption = encryption.kind;
    if (encryption.kind === 'aws:kms' && encryption.keyId) out.SSEKMSKeyId = encryption.keyId;
  }
  if (edit.acl) out.ACL = edit.acl;
  return out;
}
