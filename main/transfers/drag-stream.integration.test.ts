/**
 * The DownloadURL drag-out protocol against a real S3 server (fauxqs) over HTTP through the counting proxy:
 * the handler gets the Request Chromium would send for an address the table put on the drag, and answers with
 * the object's bytes (sha256-compared), or an error status and no body, leaving no temp file either way.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CoreFixture, listFolder, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { dragStreamUrl } from '../../shared/drag-stream';
import type { TransferItem } from '../../shared/transfers';
import { createDragStreamHandler, type DragStreamHandler } from './drag-stream';

const MiB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let f: CoreFixture;
let root: string;
let serve: DragStreamHandler;
const BIG = randomBytes(20 * MiB + 5);

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 's3desk-drag-stream-'));
  f = await startCoreFixture({
    transfers: {
      tempDir: path.join(root, 'app-temp'),
      throttleMs: 50,
      dragStreamAboveBytes: 8 * MiB,
      // 4 MiB parts: the 20 MiB object comes in 6 parallel ranged GETs.
      download: { partSize: 4 * MiB, partConcurrency: 6, maxRetries: 6, retryBaseMs: 5 },
    },
  });
  await f.server.seed('drag', [
    ['media/big.bin', BIG],
    ['media/note.txt', Buffer.from('hello')],
  ]);
  serve = createDragStreamHandler(f.core.transfers);
}, 60_000);
afterAll(async () => {
  await f.close();
  await rm(root, { recursive: true, force: true });
});
afterEach(async () => {
  f.proxy.clearRules();
  await f.core.transfers.queue.whenIdle();
  unwrap(await f.core.handlers['transfers:clear']({ includeFailed: true }));
});

const address = (key: string, bucket = 'drag') => dragStreamUrl({ connectionId: f.connectionId, bucket, key });
const items = () => f.core.transfers.list().items as TransferItem[];
const tempLeft = async () => readdir(path.join(root, 'app-temp', 'drag-stream')).catch(() => [] as string[]);

async function bodyOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

describe('DownloadURL drag-out', () => {
  it('tells the renderer which files go by DownloadURL', async () => {
    expect(unwrap(await f.core.handlers['transfers:drag-options']({}))).toEqual({ streamAboveBytes: 8 * MiB, stageLimitBytes: 512 * MiB });
  });

  it('answers a listed object with every byte, as a visible transfer, with no HeadObject, and keeps no temp file', async () => {
    await listFolder(f, 'drag', 'media/');
    f.proxy.reset();

    const response = await serve(new Request(address('media/big.bin')));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(BIG.length));
    const body = await bodyOf(response);
    expect(sha(body)).toBe(sha(BIG));

    // Size and ETag came from the listing: the only requests are the object's ranged GETs.
    expect(f.proxy.count('HeadObject')).toBe(0);
    expect(f.proxy.count('GetObject')).toBe(Math.ceil(BIG.length / (4 * MiB)));
    const [item] = items();
    expect(item).toMatchObject({ direction: 'download', key: 'media/big.bin', state: 'done', size: BIG.length, note: 'dragged out' });
    await vi.waitFor(async () => expect(await tempLeft()).toEqual([]));
  });

  it('an object not in the cache costs one HeadObject, then streams', async () => {
    unwrap(await f.core.handlers['cache:invalidate']({ connectionId: f.connectionId, bucket: 'drag', prefix: 'media/' }));
    f.proxy.reset();
    const response = await serve(new Request(address('media/note.txt')));
    expect(await (await response.blob()).text()).toBe('hello');
    expect(f.proxy.count('HeadObject')).toBe(1);
  });

  it('survives a connection cut mid-body and a 503: still every byte', async () => {
    await listFolder(f, 'drag', 'media/');
    let cut = false;
    let throttled = false;
    f.proxy.addRule((w) => {
      if (w.operation !== 'GetObject') return undefined;
      if (!cut && w.range?.startsWith(`bytes=${4 * MiB}-`)) return ((cut = true), { kind: 'cut', afterBytes: 100_000 });
      if (!throttled && w.range?.startsWith(`bytes=${8 * MiB}-`)) return ((throttled = true), { kind: 'status', status: 503, code: 'SlowDown' });
      return undefined;
    });
    const response = await serve(new Request(address('media/big.bin')));
    expect(response.status).toBe(200);
    expect(sha(await bodyOf(response))).toBe(sha(BIG));
    expect(cut && throttled).toBe(true);
  });

  it('a failed download answers an error status with no object bytes, and leaves nothing behind', async () => {
    await f.server.seed('drag', [['media/vanishing.bin', randomBytes(1000)]]);
    await listFolder(f, 'drag', 'media/', true);
    // Deleted behind the app's back: the listing said it exists, the GET finds nothing.
    await f.core.context.clientOf(f.connectionId).send(new DeleteObjectCommand({ Bucket: 'drag', Key: 'media/vanishing.bin' }));

    const response = await serve(new Request(address('media/vanishing.bin')));
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/^NoSuchKey: /);
    expect(items()[0]).toMatchObject({ key: 'media/vanishing.bin', state: 'failed' });
    expect(await tempLeft()).toEqual([]);
  });

  it('Chromium giving up cancels the transfer and leaves nothing', async () => {
    await listFolder(f, 'drag', 'media/');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    f.proxy.addRule((w) => (w.operation === 'GetObject' && w.range?.startsWith(`bytes=${16 * MiB}-`) ? { kind: 'hold', until: gate } : undefined));
    const abort = new AbortController();
    try {
      const answer = serve(new Request(address('media/big.bin'), { signal: abort.signal }));
      await vi.waitFor(() => expect(items()[0]?.transferred ?? 0).toBeGreaterThan(0), { timeout: 20_000, interval: 5 });
      abort.abort();
      const response = await answer;
      expect(response.status).toBe(499);
      expect(await response.text()).toMatch(/^Cancelled: /);
    } finally {
      release();
    }
    await f.core.transfers.queue.whenIdle();
    expect(items()[0]?.state).toBe('cancelled');
    expect(await tempLeft()).toEqual([]);
  });

  it('a reader that stops mid-body releases the temp file', async () => {
    await listFolder(f, 'drag', 'media/');
    const response = await serve(new Request(address('media/big.bin')));
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.value?.length).toBeGreaterThan(0);
    expect(await tempLeft()).toHaveLength(1);
    await reader.cancel();
    await vi.waitFor(async () => expect(await tempLeft()).toEqual([]));
  });

  it('refuses addresses the app did not make, folders and unknown connections, without a request on the wire', async () => {
    f.proxy.reset();
    const refused = [
      ['s3desk-drag://object/?c=x&b=drag', 400],
      ['s3desk-drag://object/?c=x&b=bad%20bucket&k=k', 400],
      [dragStreamUrl({ connectionId: 'no-such-connection', bucket: 'drag', key: 'media/big.bin' }), 404],
      [address('media/'), 400],
    ] as const;
    for (const [url, status] of refused) expect((await serve(new Request(url))).status, url).toBe(status);
    expect((await serve(new Request(address('media/note.txt'), { method: 'POST', body: 'x' }))).status).toBe(400);
    expect(f.proxy.count()).toBe(0);
    expect(items()).toEqual([]);
  });
});
