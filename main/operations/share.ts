import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3Uri } from '../../shared/keys';
import { expiryProblem } from '../../shared/operations';
import type { ConnectionSummary } from '../../shared/types';
import { presigningClient } from '../s3/client-factory';

/** Percent-encode a key for a URL path, keeping "/" as the separator. */
export function encodeKeyPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

/** Virtual-hosted style puts the bucket in the host name, which only works for DNS-safe names (and over
 *  https, names without dots). */
function dnsCompatible(bucket: string, https: boolean): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) && !bucket.includes('..') && !(https && bucket.includes('.'));
}

/**
 * The object's plain URL as the connection addresses it: path-style when the connection forces it (MinIO,
 * Ceph) or the bucket name cannot be a host name, virtual-hosted otherwise (AWS's default).
 */
export function objectUrl(conn: Pick<ConnectionSummary, 'endpoint' | 'region' | 'forcePathStyle'>, bucket: string, key: string): string {
  const base = new URL(conn.endpoint ?? `https://s3.${conn.region}.amazonaws.com`);
  const https = base.protocol === 'https:';
  const root = base.pathname.replace(/\/+$/, '');
  const path = encodeKeyPath(key);
  if (conn.forcePathStyle || !dnsCompatible(bucket, https)) {
    return `${base.protocol}//${base.host}${root}/${encodeURIComponent(bucket)}/${path}`;
  }
  return `${base.protocol}//${bucket}.${base.host}${root}/${path}`;
}

export { s3Uri };

/** A presigned GET URL, valid for `expiresInSeconds` (1 s to 7 days). Signing is local: no request is sent. */
export async function presignedGet(client: S3Client, bucket: string, key: string, expiresInSeconds: number): Promise<string> {
  const problem = expiryProblem(expiresInSeconds);
  if (problem) throw new RangeError(problem);
  return getSignedUrl(presigningClient(client), new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: expiresInSeconds });
}
