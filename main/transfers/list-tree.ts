import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';

export interface TreeObject {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
}

/** Every object under a prefix, recursively: ListObjectsV2 without a delimiter, 1,000 keys a request. */
export async function listTree(client: S3Client, bucket: string, prefix: string, signal?: AbortSignal): Promise<TreeObject[]> {
  const out: TreeObject[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token, EncodingType: 'url' }),
      signal ? { abortSignal: signal } : {},
    );
    const encoded = page.EncodingType === 'url';
    for (const o of page.Contents ?? []) {
      if (o.Key === undefined) continue;
      out.push({ key: encoded ? decodeURIComponent(o.Key.replace(/\+/g, ' ')) : o.Key, size: o.Size ?? 0, etag: o.ETag ?? '' });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}

/** Direct children of a folder (one level, with delimiter): object keys and sub-folder prefixes. */
export async function listLevel(client: S3Client, bucket: string, prefix: string): Promise<Set<string>> {
  const keys = new Set<string>();
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token, EncodingType: 'url' }),
    );
    const decode = (k: string) => (page.EncodingType === 'url' ? decodeURIComponent(k.replace(/\+/g, ' ')) : k);
    for (const o of page.Contents ?? []) if (o.Key !== undefined) keys.add(decode(o.Key));
    for (const p of page.CommonPrefixes ?? []) if (p.Prefix !== undefined) keys.add(decode(p.Prefix));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}
