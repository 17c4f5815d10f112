import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';

export interface ListedObject {
  readonly key: string;
  readonly size: number;
  /** As the listing says ("STANDARD" when the server leaves it out); copies carry it over. */
  readonly storageClass: string;
}

export interface ListAllOptions {
  /** Stops the listing: the request in flight is aborted and no further page is asked for. */
  readonly signal?: AbortSignal;
  /** Only the objects directly in the prefix (Delimiter "/"), not those in its subfolders. */
  readonly shallow?: boolean;
  /** Called after each page with that page's objects (for progress while a big folder is counted). */
  readonly onPage?: (page: readonly ListedObject[]) => void;
}

/** S3 url-encodes keys with form encoding ("+" for space) when asked to; undo it only if the server did. */
function decodeKey(key: string, encoded: boolean): string {
  return encoded ? decodeURIComponent(key.replace(/\+/g, ' ')) : key;
}

/**
 * Every object under a prefix, recursively: ListObjectsV2 without a delimiter, 1,000 keys a request. Used to
 * plan deletes and moves of folders; never HeadObject per key (the listing carries sizes).
 */
export async function listAllUnder(client: S3Client, bucket: string, prefix: string, options: ListAllOptions = {}): Promise<ListedObject[]> {
  const out: ListedObject[] = [];
  let token: string | undefined;
  do {
    options.signal?.throwIfAborted();
    const page = await client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix || undefined,
        Delimiter: options.shallow ? '/' : undefined,
        MaxKeys: 1000,
        EncodingType: 'url',
        ContinuationToken: token,
      }),
      { abortSignal: options.signal },
    );
    const encoded = page.EncodingType === 'url';
    const objects: ListedObject[] = [];
    for (const o of page.Contents ?? []) {
      if (o.Key !== undefined) objects.push({ key: decodeKey(o.Key, encoded), size: o.Size ?? 0, storageClass: o.StorageClass ?? 'STANDARD' });
    }
    out.push(...objects);
    options.onPage?.(objects);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}

/** Whether anything at all exists under a prefix (one request, one key). */
export async function anyUnder(client: S3Client, bucket: string, prefix: string): Promise<boolean> {
  const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1 }));
  return (page.KeyCount ?? page.Contents?.length ?? 0) > 0;
}
