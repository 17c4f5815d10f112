/**
 * Bandwidth-limit benchmark: one 1 GiB object downloaded and one 1 GiB file uploaded through S3 Desk's engine
 * with the limit at 20 and 50 MB/s (MB = 10^6 bytes), journaled as in the app, against fauxqs in its own
 * process on loopback. The unlimited rate is measured in the same rounds: it is the machine's ceiling at that
 * moment, and only a limit below it can be held. Each run is checked (sha256 of the download, size of the
 * upload). The achieved rate is bytes over time between the first and the last progress event (what the
 * limit governs; the target is ±10%); the wall rate adds planning and the final checksum. BENCH_ROUNDS rounds
 * (default 3) run interleaved; the table shows the median run and the best (closest to the limit), and every
 * run is listed under it so one lucky run cannot stand for the limiter.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TransferProgressEvent } from '../shared/transfers';
import type { Result } from '../shared/errors';
import { createCore } from '../main/core/create-core';
import { SHARED_TEST_SECRET_BOX } from '../main/transfers/journal/shared-test-secret-box';
import { CreateBucketCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { TEST_CREDENTIALS } from '../testkit/s3-server';
import { startServer } from './transfers';

const MiB = 1024 * 1024;
const MB = 1_000_000;
const SIZE = Number(process.env['BENCH_BANDWIDTH_MIB'] ?? 1024) * MiB;
/** null first: the unlimited rate, this machine's ceiling right now (a limit above it cannot be held). */
const LIMITS_MB: ReadonlyArray<number | null> = [null, 20, 50];
const ROUNDS = Math.max(1, Number(process.env['BENCH_ROUNDS'] ?? 3));

interface Run {
  /** Achieved rate between the first and the last progress event, MB/s. */
  readonly held: number;
  readonly wallSeconds: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const offBy = (held: number, limit: number | null) => (limit === null ? 0 : ((held - limit) / limit) * 100);
const limitText = (limit: number | null) => (limit === null ? 'no limit' : `${limit} MB/s`);
const pct = (off: number) => `${off >= 0 ? '+' : ''}${off.toFixed(1)}%`;

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 8 * MiB })) h.update(chunk as Buffer);
  return h.digest('hex');
}

export async function runBandwidthBench(): Promise<string> {
  // The server in its own process: in this one it would take the event loop from the engine being paced.
  const server = await startServer();
  const root = await mkdtemp(path.join(os.tmpdir(), 's3desk-bench-bw-'));
  const source = path.join(root, 'upload.bin');
  const fh = await open(source, 'w');
  for (let off = 0; off < SIZE; off += 64 * MiB) await fh.write(randomBytes(Math.min(64 * MiB, SIZE - off)));
  await fh.close();
  const expected = await sha256File(source);
  const samples: Array<[number, number]> = [];
  // A user-data folder, as the app always has: transfers are journaled, so uploads run the app's own part
  // runner and downloads keep their verified-range sidecar (without one, uploads would take lib-storage's path).
  const core = createCore({
    userDataDir: path.join(root, 'user-data'),
    secretBox: SHARED_TEST_SECRET_BOX,
    transfers: { tempDir: path.join(root, 'temp'), throttleMs: 100 },
    events: (channel, payload) => {
      if (channel === 'transfers:progress') samples.push([performance.now(), (payload as TransferProgressEvent).totals.bytesTransferred]);
    },
  });
  const runs = new Map<string, Run[]>();
  try {
    const added = await core.handlers['connections:add']({ name: 'bw', endpoint: server.url, region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS });
    if (!added.ok) throw new Error(added.error.message);
    const connectionId = added.value.id;
    const client = core.context.clientOf(connectionId);
    await client.send(new CreateBucketCommand({ Bucket: 'bw' }));
    // The object downloaded: the same bytes, put there once without a limit (not measured).
    unwrapOk(await core.handlers['transfers:upload']({ connectionId, bucket: 'bw', prefix: '', paths: [source], conflict: 'overwrite' }));
    await core.transfers.queue.whenIdle();
    for (let round = 0; round < ROUNDS; round++) {
      for (const limit of LIMITS_MB) {
        for (const direction of ['download', 'upload'] as const) {
          await server.gc();
          const set = await core.handlers['transfers:bandwidth']({ download: null, upload: null, [direction]: limit === null ? null : limit * MB });
          if (!set.ok) throw new Error(set.error.message);
          const dest = await mkdtemp(path.join(root, 'dest-'));
          unwrapOk(await core.handlers['transfers:clear']({ includeFailed: true }));
          samples.length = 0;
          const started = performance.now();
          const queued =
            direction === 'download'
              ? await core.handlers['transfers:download']({ connectionId, bucket: 'bw', items: [{ key: 'upload.bin', kind: 'object' }], destination: dest, conflict: 'overwrite' })
              : await core.handlers['transfers:upload']({ connectionId, bucket: 'bw', prefix: `up-${limit ?? 'none'}/`, paths: [source], conflict: 'overwrite' });
          if (!queued.ok) throw new Error(queued.error.message);
          await core.transfers.queue.whenIdle();
          const seconds = (performance.now() - started) / 1000;
          const item = core.transfers.list().items.at(-1);
          if (item?.state !== 'done') throw new Error(`${direction} at ${limitText(limit)} ended ${item?.state}: ${item?.error?.message ?? ''}`);
          const ok =
            direction === 'download'
              ? (await sha256File(path.join(dest, 'upload.bin'))) === expected
              : (await client.send(new HeadObjectCommand({ Bucket: 'bw', Key: `up-${limit ?? 'none'}/upload.bin` }))).ContentLength === SIZE;
          if (!ok) throw new Error(`${direction} at ${limitText(limit)}: wrong result`);
          const moving = samples.filter(([, b]) => b > 0);
          const [t0, b0] = moving[0] ?? [0, 0];
          const [t1, b1] = moving.find(([, b]) => b >= SIZE) ?? moving.at(-1) ?? [0, 0];
          const held = (b1 - b0) / MB / ((t1 - t0) / 1000);
          const key = `${direction} ${limit}`;
          runs.set(key, [...(runs.get(key) ?? []), { held, wallSeconds: seconds }]);
          console.log(`bench: bandwidth ${direction} at ${limitText(limit)} round ${round + 1}: ${held.toFixed(2)} MB/s (${pct(offBy(held, limit))})`);
          await rm(dest, { recursive: true, force: true });
        }
      }
    }
  } finally {
    await core.dispose();
    await server.stop();
    await rm(root, { recursive: true, force: true });
  }
  const rows: string[] = [];
  const every: string[] = [];
  for (const limit of LIMITS_MB) {
    for (const direction of ['download', 'upload'] as const) {
      const all = runs.get(`${direction} ${limit}`) ?? [];
      const held = all.map((r) => r.held);
      const mid = median(held);
      const best = held.reduce((a, b) => (Math.abs(offBy(b, limit)) < Math.abs(offBy(a, limit)) ? b : a));
      const worst = Math.max(...held.map((h) => Math.abs(offBy(h, limit))));
      const wall = median(all.map((r) => r.wallSeconds));
      const cells =
        limit === null
          ? `| ${direction} | none | ${mid.toFixed(1)} | ${Math.max(...held).toFixed(1)} | — | — |`
          : `| ${direction} | ${limit} | ${mid.toFixed(1)} (${pct(offBy(mid, limit))}) | ${best.toFixed(1)} (${pct(offBy(best, limit))}) | ${worst.toFixed(1)}% | ${worst <= 10 ? 'yes' : '**no**'} |`;
      rows.push(`${cells} ${wall.toFixed(1)} | ${(SIZE / MB / wall).toFixed(1)} |`);
      every.push(`- ${direction} at ${limitText(limit)}: ${held.map((h) => `${h.toFixed(2)} (${pct(offBy(h, limit))})`).join(', ')}`);
    }
  }
  return [
    `One ${SIZE / MiB} MiB object each way through one shared token bucket per direction (main/transfers/bandwidth.ts), fauxqs in its own process on loopback; ` +
      `${ROUNDS} interleaved round(s). "Achieved" is bytes over time between the first and the last progress event; ` +
      `"off by" is its error against the limit; "worst" is the largest error of any run; without a limit "best" is the fastest run. Wall time adds planning and the final check. ` +
      `One-minute load average at the end: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores.`,
    '',
    '| direction | limit (MB/s) | achieved, median (off by) | achieved, best (off by) | worst error | every run within ±10% | wall seconds (median) | wall MB/s |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    'Every run, achieved MB/s (off by), in order:',
    '',
    ...every,
  ].join('\n');
}

function unwrapOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
