/**
 * The benchmark's S3 side in its own process: fauxqs + the counting proxy, seeded with big folders. Keeping it
 * out of the measuring process means S3 Desk's core does not share an event loop with the server it measures
 * (the peers never do either). The parent drives it over the fork IPC channel.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { fireAndForget } from '../shared/fire-and-forget';
import { startCountingProxy } from '../testkit/counting-proxy';
import { startS3Server } from '../testkit/s3-server';

type Request = { readonly id: number } & ({ readonly op: 'reset' | 'counts' | 'close' } | { readonly op: 'delay'; readonly ms: number });
type Reply = { readonly id: number; readonly counts?: Record<string, number> };

export interface SeedSpec {
  readonly bucket: string;
  /** Folder prefix → number of objects in it. */
  readonly folders: Readonly<Record<string, number>>;
  /** A server already running (Ceph RGW) to put the proxy in front of and seed over S3; else fauxqs here. */
  readonly upstream?: { readonly url: string; readonly region: string; readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } };
}

export interface S3Stack {
  /** The proxy's URL: what every tool connects to. */
  readonly url: string;
  reset(): Promise<void>;
  /** Requests since the last reset, by S3 operation, as the proxy saw them on the wire. */
  counts(): Promise<Record<string, number>>;
  setDelay(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startS3Stack(seed: SeedSpec): Promise<S3Stack> {
  const child = fork(fileURLToPath(import.meta.url), ['--child', JSON.stringify(seed)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`S3 stack exited early (${code})`)));
  });
  let next = 0;
  const pending = new Map<number, (reply: Reply) => void>();
  child.on('message', (m) => {
    const reply = m as Reply;
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  const call = (request: Omit<Request, 'id'>) =>
    new Promise<Reply>((resolve) => {
      const id = ++next;
      pending.set(id, resolve);
      child.send({ ...request, id });
    });
  return {
    url,
    reset: async () => void (await call({ op: 'reset' })),
    counts: async () => (await call({ op: 'counts' })).counts ?? {},
    setDelay: async (ms) => void (await call({ op: 'delay', ms } as Omit<Request, 'id'>)),
    close: async () => {
      await call({ op: 'close' });
      child.disconnect();
    },
  };
}

const objectsOf = (seed: SeedSpec) =>
  Object.entries(seed.folders).flatMap(([prefix, n]) => Array.from({ length: n }, (_, i): [string, string] => [`${prefix}object-${String(i).padStart(6, '0')}.dat`, `${i}`]));

/** Seed a real server over S3, 64 PutObject in flight (about 400 a second on RGW here). */
async function seedUpstream(seed: SeedSpec, upstream: NonNullable<SeedSpec['upstream']>): Promise<void> {
  const client = new S3Client({ endpoint: upstream.url, region: upstream.region, forcePathStyle: true, credentials: { ...upstream.credentials }, maxAttempts: 5 });
  try {
    await client.send(new CreateBucketCommand({ Bucket: seed.bucket }));
    const objects = objectsOf(seed);
    let next = 0;
    const worker = async () => {
      while (next < objects.length) {
        const [Key, Body] = objects[next++]!;
        await client.send(new PutObjectCommand({ Bucket: seed.bucket, Key, Body }));
      }
    };
    await Promise.all(Array.from({ length: 64 }, worker));
  } finally {
    client.destroy();
  }
}

async function runChild(seed: SeedSpec): Promise<void> {
  const server = seed.upstream ? null : await startS3Server();
  const proxy = await startCountingProxy(seed.upstream?.url ?? server!.url);
  if (seed.upstream) await seedUpstream(seed, seed.upstream);
  else server!.seed(seed.bucket, objectsOf(seed));
  const onMessage = async (m: unknown): Promise<void> => {
    const request = m as Request;
    const reply: { id: number; counts?: Record<string, number> } = { id: request.id };
    if (request.op === 'reset') proxy.reset();
    if (request.op === 'delay') proxy.setDelay(request.ms);
    if (request.op === 'counts') {
      const counts: Record<string, number> = {};
      for (const r of proxy.log) counts[r.operation] = (counts[r.operation] ?? 0) + 1;
      reply.counts = counts;
    }
    if (request.op === 'close') {
      await proxy.close();
      await server?.close();
    }
    process.send?.(reply);
  };
  // A failed request would leave the parent waiting for a reply forever: fail the child instead.
  process.on('message', (m) => fireAndForget(onMessage(m), 'bench S3 child', (scope, error) => (console.error(`${scope}:`, error), process.exit(1))));
  process.on('disconnect', () => process.exit(0));
  process.send?.({ url: proxy.url });
}

if (process.argv[2] === '--child') await runChild(JSON.parse(process.argv[3] ?? '{}') as SeedSpec);
