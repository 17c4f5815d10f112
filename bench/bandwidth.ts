/**
 * Bandwidth-limit benchmark: one 1 GiB object downloaded and one 1 GiB file uploaded through S3 Desk's engine
 * with the limit at 20 and 50 MB/s (MB = 10^6 bytes; BENCH_BANDWIDTH_LIMITS, BENCH_BANDWIDTH_MIB to change),
 * journaled as in the app, against fauxqs in its own process on loopback. The unlimited rate is measured in
 * the same rounds: it is the machine's ceiling at that moment, and only a limit below it can be held. Each run
 * is checked (sha256 of the download, size of the upload). Every run is traced: bytes over time (downloads:
 * through the limiter, from progress; uploads: read by the server's sockets), each 1 s window's rate, the load
 * average and the engine's longest event-loop stall, so a slow run shows whether the machine or the limiter
 * lost the time, and a fast second shows a limit exceeded. BENCH_ROUNDS rounds (default 3) run interleaved.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import type { TransferProgressEvent } from '../shared/transfers';
import type { Result } from '../shared/errors';
import { createCore } from '../main/core/create-core';
import { SHARED_TEST_SECRET_BOX } from '../main/transfers/journal/shared-test-secret-box';
import { DEFAULT_UPLOAD_TUNING } from '../main/transfers/upload-file';
import { CreateBucketCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { TEST_CREDENTIALS } from '../testkit/s3-server';
import { rateTrace } from './rate-trace';
import { startServer } from './transfers';

const MiB = 1024 * 1024;
const MB = 1_000_000;
const SIZE = Number(process.env['BENCH_BANDWIDTH_MIB'] ?? 1024) * MiB;
/** null first: the unlimited rate, this machine's ceiling right now (a limit above it cannot be held). */
const LIMITS_MB: ReadonlyArray<number | null> = [null, ...(process.env['BENCH_BANDWIDTH_LIMITS'] ?? '20,50').split(',').map(Number)];
const ROUNDS = Math.max(1, Number(process.env['BENCH_ROUNDS'] ?? 3));
/** BENCH_DIRECTIONS=upload (or download) runs one direction only (quick checks; the full run does both). */
const DIRECTIONS = (process.env['BENCH_DIRECTIONS'] ?? 'download,upload').split(',').filter((d): d is 'download' | 'upload' => d === 'download' || d === 'upload');

interface Run {
  /** Achieved rate over the moving span, MB/s (see the header for what is counted). */
  readonly held: number;
  /** Highest and lowest 1 s window, MB/s. */
  readonly peak1s: number | null;
  readonly trough1s: number | null;
  readonly perSecond: readonly number[];
  readonly wallSeconds: number;
  /** One-minute load average when the run began and when it ended. */
  readonly load: readonly [number, number];
  /** The engine's longest event-loop stall during the run, ms. */
  readonly stallMs: number;
  readonly round: number;
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
    // fauxqs refuses bodies over ~11 MiB (413): parts stay at 8 MiB, as in the transfers bench.
    transfers: { tempDir: path.join(root, 'temp'), throttleMs: 100, upload: { ...DEFAULT_UPLOAD_TUNING, maxPartSize: 8 * MiB } },
    events: (channel, payload) => {
      if (channel === 'transfers:progress') samples.push([performance.timeOrigin + performance.now(), (payload as TransferProgressEvent).totals.bytesTransferred]);
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
    const seeded = core.transfers.list().items.at(-1);
    if (seeded?.state !== 'done') throw new Error(`the unmeasured first upload ended ${seeded?.state}: ${seeded?.error?.message ?? ''}`);
    for (let round = 0; round < ROUNDS; round++) {
      for (const limit of LIMITS_MB) {
        for (const direction of DIRECTIONS) {
          await server.gc();
          const set = await core.handlers['transfers:bandwidth']({ download: null, upload: null, [direction]: limit === null ? null : limit * MB });
          if (!set.ok) throw new Error(set.error.message);
          const dest = await mkdtemp(path.join(root, 'dest-'));
          unwrapOk(await core.handlers['transfers:clear']({ includeFailed: true }));
          samples.length = 0;
          const loadBefore = os.loadavg()[0]!;
          const loop = monitorEventLoopDelay({ resolution: 10 });
          loop.enable();
          server.traceStart();
          const started = performance.now();
          const queued =
            direction === 'download'
              ? await core.handlers['transfers:download']({ connectionId, bucket: 'bw', items: [{ key: 'upload.bin', kind: 'object' }], destination: dest, conflict: 'overwrite' })
              : await core.handlers['transfers:upload']({ connectionId, bucket: 'bw', prefix: `up-${limit ?? 'none'}/`, paths: [source], conflict: 'overwrite' });
          if (!queued.ok) throw new Error(queued.error.message);
          await core.transfers.queue.whenIdle();
          const seconds = (performance.now() - started) / 1000;
          const wire = await server.traceStop();
          loop.disable();
          const item = core.transfers.list().items.at(-1);
          if (item?.state !== 'done') throw new Error(`${direction} at ${limitText(limit)} ended ${item?.state}: ${item?.error?.message ?? ''}`);
          const ok =
            direction === 'download'
              ? (await sha256File(path.join(dest, 'upload.bin'))) === expected
              : (await client.send(new HeadObjectCommand({ Bucket: 'bw', Key: `up-${limit ?? 'none'}/upload.bin` }))).ContentLength === SIZE;
          if (!ok) throw new Error(`${direction} at ${limitText(limit)}: wrong result`);
          // Downloads: bytes let through the limiter and written (progress, every 100 ms in this process).
          // Uploads: bytes the server read off its sockets (every 50 ms in its process): progress only moves
          // per finished part, and the wire is what the limit is about.
          const series = direction === 'download' ? samples : wire.map(([t, read]) => [t, read - wire[0]![1]] as const);
          const trace = rateTrace(series, SIZE);
          const run: Run = {
            held: trace.average,
            peak1s: trace.peak1s,
            trough1s: trace.trough1s,
            perSecond: trace.perSecond,
            wallSeconds: seconds,
            load: [loadBefore, os.loadavg()[0]!],
            stallMs: loop.max / 1e6,
            round: round + 1,
          };
          const key = `${direction} ${limit}`;
          runs.set(key, [...(runs.get(key) ?? []), run]);
          console.log(`bench: bandwidth ${direction} at ${limitText(limit)} round ${round + 1}: ${describeRun(run, limit)}`);
          if (limit !== null) console.log(`bench:   per second: ${trace.perSecond.map((r) => r.toFixed(1)).join(' ')}`);
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
  const slow: string[] = [];
  for (const limit of LIMITS_MB) {
    for (const direction of DIRECTIONS) {
      const all = runs.get(`${direction} ${limit}`) ?? [];
      if (all.length === 0) continue;
      const held = all.map((r) => r.held);
      const mid = median(held);
      const wall = median(all.map((r) => r.wallSeconds));
      const loads = all.flatMap((r) => r.load);
      const loadText = `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`;
      if (limit === null) {
        rows.push(`| ${direction} | none | ${mid.toFixed(1)} | ${Math.min(...held).toFixed(1)} (slowest) | ${Math.max(...all.map((r) => r.peak1s ?? 0)).toFixed(1)} | — | ${loadText} | ${wall.toFixed(1)} |`);
      } else {
        const worst = all.reduce((a, r) => (Math.abs(offBy(r.held, limit)) > Math.abs(offBy(a.held, limit)) ? r : a));
        const peak = Math.max(...all.map((r) => r.peak1s ?? 0));
        const within = all.filter((r) => Math.abs(offBy(r.held, limit)) <= 10).length;
        const peakOk = peak <= limit * 1.1;
        rows.push(
          `| ${direction} | ${limit} | ${mid.toFixed(1)} (${pct(offBy(mid, limit))}) | ${worst.held.toFixed(1)} (${pct(offBy(worst.held, limit))}) | ` +
            `${peak.toFixed(1)} (${pct(offBy(peak, limit))})${peakOk ? '' : ' **over**'} | ${within === all.length ? `${within} of ${all.length}` : `**${within} of ${all.length}**`} | ` +
            `${loadText} | ${wall.toFixed(1)} |`,
        );
        for (const r of all.filter((x) => Math.abs(offBy(x.held, limit)) > 10))
          slow.push(`- ${direction} at ${limitText(limit)}, round ${r.round} (${describeRun(r, limit)}), MB/s per second: ${r.perSecond.map((x) => x.toFixed(0)).join(' ')}`);
      }
      every.push(`- ${direction} at ${limitText(limit)}: ${all.map((r) => describeRun(r, limit)).join('; ')}`);
    }
  }
  return [
    `One ${SIZE / MiB} MiB object each way through one shared token bucket per direction (main/transfers/bandwidth.ts), fauxqs in its own process on loopback; ` +
      `${ROUNDS} interleaved round(s). "Achieved" is bytes over time from the first 64 KiB to the last byte: for downloads the bytes let through the limiter and written ` +
      `(progress events every 100 ms), for uploads the bytes the server read off its sockets (sampled every 50 ms in its process and as each request arrives and is answered, so a server busy assembling an object does not date the last bytes late). ` +
      `"Off by" is the error against the limit; "worst run" is the run furthest from it (every run counts: a median hides nothing here); ` +
      `"highest 1 s" is the fastest one-second window of any run, which must stay within +10%. ` +
      `Load is the one-minute load average at the start and end of each run (${os.cpus().length} cores); the unlimited rows are this machine's ceiling in the same rounds, ` +
      `and a limit above the ceiling of its moment cannot be held. Wall time adds planning and the final check.`,
    '',
    '| direction | limit (MB/s) | achieved, median (off by) | worst run (off by) | highest 1 s window (over by) | runs within ±10% | load | wall seconds (median) |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    'Every run, in order (achieved MB/s (off by), lowest–highest 1 s window, load at start→end, longest event-loop stall of the engine):',
    '',
    ...every,
    ...(slow.length > 0 ? ['', 'Runs off by more than 10%, second by second:', '', ...slow] : []),
  ].join('\n');
}

function describeRun(r: Run, limit: number | null): string {
  const windows = r.trough1s === null || r.peak1s === null ? 'under 1 s' : `${r.trough1s.toFixed(1)}–${r.peak1s.toFixed(1)}`;
  return `${r.held.toFixed(2)} (${pct(offBy(r.held, limit))}), ${windows}, load ${r.load[0].toFixed(1)}→${r.load[1].toFixed(1)}, stall ${r.stallMs.toFixed(0)} ms`;
}

function unwrapOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
