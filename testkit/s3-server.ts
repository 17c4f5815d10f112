import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { buildApp as buildFauxqs, type BuildAppOptions } from 'fauxqs';
import { addListParts } from './list-parts';
import { addUploadPartCopy } from './upload-part-copy';
import { normalizeCompleteMultipartUpload } from './complete-multipart-xml';

/** The part of fauxqs' in-memory store the tests use. Its package exports only buildApp, so the store
 *  classes are loaded from their files (fixed paths inside the pinned fauxqs version). */
export interface S3Store {
  createBucket(name: string): void;
  hasBucket(name: string): boolean;
  putObject(bucket: string, key: string, body: Buffer, contentType?: string): unknown;
  deleteObject(bucket: string, key: string): void;
  getObject(bucket: string, key: string): { key: string; body: Buffer; etag: string; size?: number };
  listObjects(bucket: string, options?: { prefix?: string; maxKeys?: number }): { objects: Array<{ key: string }> };
}

type Stores = NonNullable<BuildAppOptions['stores']>;

/** fauxqs plus the S3 operations it lacks and the app uses (UploadPartCopy, ListParts, ListMultipartUploads), and S3's reading of CompleteMultipartUpload XML. */
function buildApp(options: BuildAppOptions & { stores: Stores }): ReturnType<typeof buildFauxqs> {
  const app = buildFauxqs(options);
  addUploadPartCopy(app as unknown as FastifyInstance, options.stores.s3Store as unknown as S3Store);
  normalizeCompleteMultipartUpload(app as unknown as FastifyInstance);
  addListParts(app as unknown as FastifyInstance, options.stores.s3Store as unknown as S3Store);
  return app;
}

async function loadStores(): Promise<Stores> {
  const dist = new URL('../node_modules/fauxqs/dist/', import.meta.url);
  const load = async (file: string, name: string) => ((await import(new URL(file, dist).href)) as Record<string, new () => unknown>)[name]!;
  const [S3, Sqs, Sns] = await Promise.all([
    load('s3/s3Store.js', 'S3Store'),
    load('sqs/sqsStore.js', 'SqsStore'),
    load('sns/snsStore.js', 'SnsStore'),
  ]);
  return { s3Store: new S3(), sqsStore: new Sqs(), snsStore: new Sns() } as Stores;
}

/** A real S3 server (fauxqs) on 127.0.0.1, on a free port, that tests start and stop themselves. */
export interface TestS3Server {
  readonly url: string;
  /** Direct access to the server's store, for seeding thousands of objects without HTTP and for asserting
   *  what the bucket really holds afterwards. */
  readonly store: S3Store;
  createBucket(name: string): void;
  /** Put objects straight into the store (seeding is not what tests count). */
  seed(bucket: string, objects: Iterable<[key: string, body: string | Buffer]>): void;
  keys(bucket: string, prefix?: string): string[];
  /** The HTTP server itself (the bandwidth bench counts bytes on its sockets). */
  readonly http: Server;
  close(): Promise<void>;
}

export const TEST_CREDENTIALS = { accessKeyId: 'S3DESKTESTKEY', secretAccessKey: 's3desk-test-secret' } as const;

export interface S3ServerOptions {
  /** 0 (the default) picks a free port; the demo asks for a fixed one. */
  readonly port?: number;
}

export async function startS3Server(options: S3ServerOptions = {}): Promise<TestS3Server> {
  const stores = await loadStores();
  const store = stores.s3Store as unknown as S3Store;
  const app = buildApp({ logger: false, stores });
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const port = (app.server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    createBucket: (name) => store.createBucket(name),
    seed: (bucket, objects) => {
      if (!store.hasBucket(bucket)) store.createBucket(bucket);
      for (const [key, body] of objects) store.putObject(bucket, key, typeof body === 'string' ? Buffer.from(body) : body);
    },
    keys: (bucket, prefix = '') =>
      store
        .listObjects(bucket, { prefix, maxKeys: Number.MAX_SAFE_INTEGER })
        .objects.map((o) => o.key)
        .sort(),
    http: app.server,
    close: async () => {
      await app.close();
    },
  };
}

/** Names like "file-00042.txt" for n objects under a prefix. */
export function numberedKeys(prefix: string, n: number, name = 'file'): Array<[string, string]> {
  return Array.from({ length: n }, (_, i) => [`${prefix}${name}-${String(i).padStart(6, '0')}.txt`, `body ${i}`]);
}
