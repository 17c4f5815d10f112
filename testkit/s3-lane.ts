/**
 * The two test S3 servers behind one interface. A lane is which one a test run talks to:
 * - `fauxqs`: in-process, fast, no signature checks, 15 actions (plus the shims in s3-server.ts);
 * - `rgw`: Ceph's RADOS Gateway, a real S3 implementation, one per run (testkit/rgw/global-setup.ts); each
 *   server handle here is a tenant user of its own, so files running in parallel never share a bucket.
 * The lane comes from S3DESK_LANE (vitest and Playwright set it per project); fauxqs when unset.
 */
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import { createTenantUser, rgwRunInfo } from './rgw/rgw-run';
import { type S3Store, startS3Server, TEST_CREDENTIALS, type TestS3Server } from './s3-server';

export type LaneName = 'fauxqs' | 'rgw';

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface LaneServer {
  readonly lane: LaneName;
  /** http://127.0.0.1:<port>; path-style addressing on both servers. */
  readonly url: string;
  readonly credentials: Credentials;
  readonly region: string;
  readonly forcePathStyle: true;
  /** fauxqs only (throws on rgw): the in-memory store, for tests that need to reach past HTTP. */
  readonly store: S3Store;
  createBucket(name: string): Promise<void>;
  /** Put objects (creating the bucket if needed). Seeding is not what tests count: it bypasses the proxy. */
  seed(bucket: string, objects: Iterable<[key: string, body: string | Buffer]>): Promise<void>;
  /** An object's bytes, read from the server (not through the proxy). */
  body(bucket: string, key: string): Promise<Buffer>;
  deleteObject(bucket: string, key: string): Promise<void>;
  /** How many multipart uploads are open (started, neither completed nor aborted) in a bucket. */
  openUploads(bucket: string): Promise<number>;
  /** Every key under a prefix, in the server's own order (UTF-8 byte order on RGW and AWS). */
  keys(bucket: string, prefix?: string): Promise<string[]>;
  close(): Promise<void>;
}

export function currentLane(): LaneName {
  return process.env['S3DESK_LANE'] === 'rgw' ? 'rgw' : 'fauxqs';
}

export async function startLaneServer(lane: LaneName = currentLane()): Promise<LaneServer> {
  return lane === 'rgw' ? rgwLane() : fauxqsLane();
}

async function fauxqsLane(): Promise<LaneServer> {
  return fauxqsLaneOf(await startS3Server());
}

/** The lane interface over a fauxqs server already started (the e2e fixture also hands its sync API out). */
export function fauxqsLaneOf(server: TestS3Server): LaneServer {
  return {
    lane: 'fauxqs',
    url: server.url,
    credentials: TEST_CREDENTIALS,
    region: 'us-east-1',
    forcePathStyle: true,
    store: server.store,
    createBucket: async (name) => server.createBucket(name),
    seed: async (bucket, objects) => server.seed(bucket, objects),
    keys: async (bucket, prefix) => server.keys(bucket, prefix),
    body: async (bucket, key) => server.store.getObject(bucket, key).body,
    // fauxqs has no ListMultipartUploads; its store's table of open uploads is the ground truth.
    openUploads: async (bucket) =>
      [...(server.store as unknown as { multipartUploads: Map<string, { bucket: string }> }).multipartUploads.values()].filter(
        (u) => u.bucket === bucket,
      ).length,
    deleteObject: async (bucket, key) => server.store.deleteObject(bucket, key),
    close: () => server.close(),
  };
}

async function inBatches<T>(items: readonly T[], width: number, each: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await each(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

async function rgwLane(): Promise<LaneServer> {
  const info = rgwRunInfo();
  const credentials = createTenantUser(info);
  // Buffered bodies and WHEN_REQUIRED checksums: RGW answers a streamed aws-chunked PUT with 411.
  const client = new S3Client({
    endpoint: info.url,
    region: info.region,
    forcePathStyle: true,
    // A copy: the SDK marks the object it is given (\$source), which the app's schemas would then refuse.
    credentials: { ...credentials },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    maxAttempts: 5,
  });
  const buckets = new Set<string>();
  const createBucket = async (name: string) => {
    await client.send(new CreateBucketCommand({ Bucket: name }));
    buckets.add(name);
  };
  return {
    lane: 'rgw',
    url: info.url,
    credentials,
    region: info.region,
    forcePathStyle: true,
    get store(): S3Store {
      throw new Error('server.store is fauxqs-only: on rgw, go through S3');
    },
    createBucket,
    seed: async (bucket, objects) => {
      if (!buckets.has(bucket)) {
        await createBucket(bucket).catch((e: { name?: string }) => {
          if (e.name !== 'BucketAlreadyOwnedByYou') throw e;
          buckets.add(bucket);
        });
      }
      const list = [...objects];
      await inBatches(list, 48, ([key, body]) =>
        client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: typeof body === 'string' ? Buffer.from(body) : body })),
      );
    },
    keys: async (bucket, prefix = '') => {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page: ListObjectsV2CommandOutput = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        for (const o of page.Contents ?? []) keys.push(o.Key!);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys;
    },
    body: async (bucket, key) => {
      const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Buffer.from(await got.Body!.transformToByteArray());
    },
    deleteObject: async (bucket, key) => {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    openUploads: async (bucket) => (await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads?.length ?? 0,
    close: async () => {
      client.destroy();
    },
  };
}

/**
 * An SDK client straight to the lane's server (past the counting proxy), for tests that set up or check state
 * behind the app's back. Buffered bodies and WHEN_REQUIRED checksums, as RGW needs (see rgwLane).
 */
export function directClient(server: Pick<LaneServer, 'url' | 'region' | 'credentials'>): S3Client {
  return new S3Client({
    endpoint: server.url,
    region: server.region,
    forcePathStyle: true,
    credentials: { ...server.credentials },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
}
