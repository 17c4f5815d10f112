/**
 * A PUT body written through the upload bandwidth limit leaves slice by slice at the rate, not as one burst
 * after one wait: a local HTTP server stamps every chunk it reads, and no two-second window may carry more
 * than the rate plus 10%. The old way (one take of the whole body, then wire speed) put all 3 MB of a 3 MB
 * body at 1 MB/s into the first window.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3ClientFactory } from '../s3/client-factory';
import { BandwidthLimit } from './bandwidth';
import { putDirect } from './put-direct';

const MB = 1_000_000;
let server: Server;
let url: string;
/** [ms, bytes] of every body chunk the server read, per request. */
const arrivals: Array<Array<[number, number]>> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const seen: Array<[number, number]> = [];
    arrivals.push(seen);
    req.on('data', (chunk: Buffer) => seen.push([performance.now(), chunk.length]));
    req.on('end', () => res.writeHead(200, { etag: '"e"' }).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The most bytes that arrived within any `ms` (windows starting at each arrival). */
function busiest(seen: ReadonlyArray<[number, number]>, ms: number): number {
  let most = 0;
  for (let i = 0; i < seen.length; i++) {
    let sum = 0;
    for (let j = i; j < seen.length && seen[j]![0] < seen[i]![0] + ms; j++) sum += seen[j]![1];
    most = Math.max(most, sum);
  }
  return most;
}

describe('putDirect with a bandwidth limit', () => {
  it('writes a 3 MB body at 1 MB/s: about 3 s, no 2 s window over the rate by more than 10%', { timeout: 20_000 }, async () => {
    const client = createS3ClientFactory()({ region: 'us-east-1', endpoint: url, forcePathStyle: true, credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
    const limit = new BandwidthLimit(1 * MB);
    const body = Buffer.alloc(3 * MB, 7);
    const started = performance.now();
    const etag = await putDirect({ client, bucket: 'b', key: 'k', headers: {}, body, pace: limit, signal: new AbortController().signal, operation: 'PutObject' });
    const took = performance.now() - started;
    expect(etag).toBe('"e"');
    const seen = arrivals.at(-1)!;
    expect(seen.reduce((n, [, b]) => n + b, 0)).toBe(body.length);
    // 50 ms of burst is granted up front; the rest waits for the rate.
    expect(took).toBeGreaterThanOrEqual(2950 * 0.95);
    // Two-second windows: the 50 ms burst and a slice straddling the edge stay well inside 10%, and so does
    // the clumping of reads when this busy process (client and server in one) stalls. The old way puts all
    // 3 MB into the first window.
    expect(busiest(seen, 2000)).toBeLessThanOrEqual(1.1 * 2 * MB);
    client.destroy();
  });

  it('stops writing when cancelled while the body waits for the limit', async () => {
    const client = createS3ClientFactory()({ region: 'us-east-1', endpoint: url, forcePathStyle: true, credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
    const limit = new BandwidthLimit(1 * MB);
    const stop = new AbortController();
    const put = putDirect({ client, bucket: 'b', key: 'k', headers: {}, body: Buffer.alloc(10 * MB), pace: limit, signal: stop.signal, operation: 'PutObject' });
    stop.abort();
    await expect(put).rejects.toThrow();
    client.destroy();
  });
});

describe('BandwidthLimit.sliceBytes', () => {
  it('is about 20 ms of the rate, kept between 16 and 256 KiB, and 256 KiB without a limit', () => {
    expect(new BandwidthLimit(null).sliceBytes()).toBe(256 * 1024);
    expect(new BandwidthLimit(5 * MB).sliceBytes()).toBe(100_000);
    expect(new BandwidthLimit(100 * MB).sliceBytes()).toBe(256 * 1024);
    expect(new BandwidthLimit(100_000).sliceBytes()).toBe(16 * 1024);
    const limit = new BandwidthLimit(5 * MB);
    limit.setRate(2 * MB);
    expect(limit.sliceBytes()).toBe(40_000);
  });
});
