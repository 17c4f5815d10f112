/**
 * Bandwidth-limit benchmark: one 1 GiB object downloaded and one 1 GiB file uploaded through S3 Desk's engine
 * with the limit at 20 and 50 MB/s (MB = 10^6 bytes), against fauxqs on loopback (far faster than either
 * limit, so the limiter alone sets the pace). Each run is checked (sha256 of the download, size of the
 * upload). The held rate is bytes over time between the first and the last progress event (what the limit
 * governs; the target is ±10%); the wall rate adds planning and the final checksum.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TransferProgressEvent } from '../shared/transfers';
import type { Result } from '../shared/errors';
import { createCore } from '../main/core/create-core';
import { startS3Server, TEST_CREDENTIALS } from '../testkit/s3-server';

const MiB = 1024 * 1024;
const MB = 1_000_000;
const SIZE = Number(process.env['BENCH_BANDWIDTH_MIB'] ?? 1024) * MiB;
const LIMITS_MB = [20, 50];

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 8 * MiB })) h.update(chunk as Buffer);
  return h.digest('hex');
}

export async function runBandwidthBench(): Promise<string> {
  const server = await startS3Server();
  const root = await mkdtemp(path.join(os.tmpdir(), 's3desk-bench-bw-'));
  const body = randomBytes(SIZE);
  const expected = createHash('sha256').update(body).digest('hex');
  server.seed('bw', [['big.bin', body]]);
  const source = path.join(root, 'upload.bin');
  await writeFile(source, body);
  const samples: Array<[number, number]> = [];
  const core = createCore({
    transfers: { tempDir: path.join(root, 'temp'), throttleMs: 100 },
    events: (channel, payload) => {
      if (channel === 'transfers:progress') samples.push([performance.now(), (payload as TransferProgressEvent).totals.bytesTransferred]);
    },
  });
  const rows: string[] = [];
  try {
    const added = await core.handlers['connections:add']({ name: 'bw', endpoint: server.url, region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS });
    if (!added.ok) throw new Error(added.error.message);
    const connectionId = added.value.id;
    for (const limit of LIMITS_MB) {
      for (const direction of ['download', 'upload'] as const) {
        const set = await core.handlers['transfers:bandwidth']({ download: null, upload: null, [direction]: limit * MB });
        if (!set.ok) throw new Error(set.error.message);
        const dest = await mkdtemp(path.join(root, 'dest-'));
        unwrapOk(await core.handlers['transfers:clear']({ includeFailed: true }));
        samples.length = 0;
        const started = performance.now();
        const queued =
          direction === 'download'
            ? await core.handlers['transfers:download']({ connectionId, bucket: 'bw', items: [{ key: 'big.bin', kind: 'object' }], destination: dest, conflict: 'overwrite' })
            : await core.handlers['transfers:upload']({ connectionId, bucket: 'bw', prefix: `up-${limit}/`, paths: [source], conflict: 'overwrite' });
        if (!queued.ok) throw new Error(queued.error.message);
        await core.transfers.queue.whenIdle();
        const seconds = (performance.now() - started) / 1000;
        const item = core.transfers.list().items.at(-1);
        if (item?.state !== 'done') throw new Error(`${direction} at ${limit} MB/s ended ${item?.state}: ${item?.error?.message ?? ''}`);
        const ok =
          direction === 'download'
            ? (await sha256File(path.join(dest, 'big.bin'))) === expected
            : server.store.getObject('bw', `up-${limit}/upload.bin`).body.length === SIZE;
        if (!ok) throw new Error(`${direction} at ${limit} MB/s: wrong result`);
        const moving = samples.filter(([, b]) => b > 0);
        const [t0, b0] = moving[0] ?? [0, 0];
        const [t1, b1] = moving.find(([, b]) => b >= SIZE) ?? moving.at(-1) ?? [0, 0];
        const held = (b1 - b0) / MB / ((t1 - t0) / 1000);
        const off = ((held - limit) / limit) * 100;
        const wall = SIZE / MB / seconds;
        rows.push(
          `| ${direction} | ${limit} | ${held.toFixed(1)} | ${off >= 0 ? '+' : ''}${off.toFixed(1)}% | ${Math.abs(off) <= 10 ? 'yes' : '**no**'} | ${seconds.toFixed(1)} | ${wall.toFixed(1)} |`,
        );
        await rm(dest, { recursive: true, force: true });
      }
    }
  } finally {
    await core.dispose();
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
  return [
    `One ${SIZE / MiB} MiB object each way through one shared token bucket per direction (main/transfers/bandwidth.ts), fauxqs on loopback.`,
    '',
    '| direction | limit (MB/s) | held (MB/s) | off by | within ±10% | wall seconds | wall (MB/s) |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function unwrapOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
