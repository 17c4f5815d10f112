/** A bucket's default encryption, read for an SSE-KMS upload that names no key (see resolveKmsKey). */
import { GetBucketEncryptionCommand, type S3Client } from '@aws-sdk/client-s3';
import type { BucketDefaultEncryption } from './upload-headers';

/**
 * null when the bucket has no default encryption, or it cannot be read (AccessDenied, a server without the
 * API): the upload then names no key, and S3 picks the key it would pick for any SSE-KMS PUT without one.
 */
export async function bucketDefaultEncryption(client: S3Client, bucket: string): Promise<BucketDefaultEncryption | null> {
  try {
    const rule = (await client.send(new GetBucketEncryptionCommand({ Bucket: bucket }))).ServerSideEncryptionConfiguration?.Rules?.[0];
    const d = rule?.ApplyServerSideEncryptionByDefault;
    return d?.SSEAlgorithm ? { algorithm: d.SSEAlgorithm, kmsKeyId: d.KMSMasterKeyID ?? null } : null;
  } catch {
    return null;
  }
}
