/**
 * Transfer benchmark: S3 Desk's engine next to `rclone copy` and `aws s3 cp`, and next to the ceiling (parallel
 * `curl` of presigned URLs, ceiling.ts), against every bench target (targets.ts: fauxqs, Ceph RGW, an endpoint
 * from the environment), each its own table: one 1 GiB file and 1,000 × 16 KiB files, each uploaded and
 * downloaded, in interleaved rounds. Every tool's result is checked (sizes, and sha256 for ours) so a fast
 * wrong answer cannot score. S3 Desk runs as the app does: a journaled core (a user-data folder).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { mkdir, mkdtemp, open, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, DeleteObjectCommand, DeleteObjectsCommand, HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { createCore } from '../main/core/create-core';
import { SHARED_TEST_SECRET_BOX } from '../main/transfers/journal/shared-test-secret-box';
import { DEFAULT_UPLOAD_TUNING } from '../main/transfers/upload-file';
import { curlDownload, curlUpload, cutParts, CEILING_PART, CEILING_STREAMS, CEILING_UPLOAD_PART } from './ceiling';
import { runCli, type CliRun } from './cli-run';
import { toolVersion } from './machine';
import { type BenchTarget, startFauxqsProcess, startTarget, wantedTargets } from './targets';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const BIG = Number(process.env['BENCH_BIG_MIB'] ?? 1024) * MiB;
const SMALL_COUNT = 1000;
const SMALL_SIZE = 16 * 1024;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
/** BENCH_DIRECTIONS=download (or upload) times one direction only, for quick checks; default both. */
const DIRECTIONS = new Set((process.env['BENCH_DIRECTIONS'] ?? 'upload,download').split(',').map((d) => d.trim()));
const CEILING = 'ceiling: parallel curl';
const TOOLS = ['S3 Desk', 'rclone copy', 'aws s3 cp'] as const;

/** The fauxqs child, for the bandwidth bench. */
export const startServer = startFauxqsProcess;

interface Sample {
  readonly seconds: number;
  readonly cpuMs: number;
  /** The server's CPU during the run (ms), where its processes are on this machine. */
  readonly serverCpuMs: number | null;
}

interface Row {
  readonly what: string;
  readonly bytes: number;
  /** Every successful run per tool, in order. */
  readonly runs: Record<string, Sample[]>;
  readonly failed: Record<string, number>;
}

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 8 * MiB })) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function countKeys(client: S3Client, bucket: string, prefix: string, size: number): Promise<number> {
  let n = 0;
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    n += (page.Contents ?? []).filter((o) => o.Size === size).length;
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return n;
}

async function emptyPrefix(client: S3Client, bucket: string, prefix: string): Promise<void> {
  for (;;) {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    const keys = (page.Contents ?? []).map((o) => ({ Key: o.Key! }));
    if (keys.length === 0) return;
    await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }));
  }
}

async function countFiles(dir: string, size: number): Promise<number> {
  let n = 0;
  const visit = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) await visit(full);
      else if ((await stat(full)).size === size) n++;
    }
  };
  await visit(dir);
  return n;
}

async function makeInputs(work: string): Promise<{ bigFile: string; bigSha: string; smallDir: string }> {
  const bigFile = path.join(work, 'big.bin');
  const fh = await open(bigFile, 'w');
  for (let off = 0; off < BIG; off += 64 * MiB) await fh.write(randomBytes(Math.min(64 * MiB, BIG - off)));
  await fh.close();
  const smallDir = path.join(work, 'small');
  await mkdir(smallDir);
  for (let i = 0; i < SMALL_COUNT; i++) await writeFile(path.join(smallDir, `f-${String(i).padStart(4, '0')}.bin`), randomBytes(SMALL_SIZE));
  return { bigFile, bigSha: await sha256File(bigFile), smallDir };
}

export async function runTransfersBench(): Promise<string> {
  const work = await mkdtemp(path.join(os.tmpdir(), 's3desk-bench-'));
  try {
    const inputs = await makeInputs(work);
    const parts = await cutParts(inputs.bigFile, BIG, path.join(work, 'ceiling-parts'));
    const sections: string[] = [];
    for (const name of wantedTargets()) {
      console.log(`bench: transfers on ${name} …`);
      const target = await startTarget(name);
      try {
        sections.push(await runOn(target, work, inputs, parts));
      } finally {
        await target.stop();
      }
    }
    return [
      '## Transfers',
      '',
      `Each server in the same run, same machine (${os.cpus().length} cores, shared with the server and with other work: single runs are noisy, compare medians).`,
      'MB/s = 10^6 bytes/s, wall clock including process start for the CLIs; every timed run follows a `sync` and the',
      `server's settle step (fauxqs: a heap collection; RGW: \`radosgw-admin gc process --include-all\`) and a wait for`,
      'the machine to be quiet (all CPUs ≤ 15% busy for 0.6 s, at most 10 s: Ceph compacts and flushes for seconds after a',
      `gigabyte is written, which otherwise lands on round one's first tool). S3 Desk's engine is warmed by one untimed upload and download, as in an open app. ${ROUNDS} interleaved rounds,`,
      'tool order rotating, each tool uploading then downloading in its turn. Cells are "median (best)". CPU = user + system',
      'time of the client per GiB moved, median: the S3 Desk core runs in the measuring process (process.cpuUsage,',
      'its worker threads included); the peers are child processes (bash `times`, start-up included). Server CPU: the',
      "server's processes (fauxqs: its process; RGW: gateway, OSD, monitor) during the run, from /proc, per GiB and divided",
      'by the run\'s wall time (cores busy, of 2: near 1 for single-threaded fauxqs means the server was the limit).',
      `The ceiling row is the simplest fast client: ${CEILING_STREAMS} parallel \`curl\` on presigned URLs: ranged GETs of ${CEILING_PART / MiB} MiB into part files;`,
      `pre-cut ${CEILING_UPLOAD_PART / MiB} MiB part files PUT as UploadPart, then one CompleteMultipartUpload; no hashing.`,
      `Tools at their defaults (aws: ${toolVersion('aws', ['--version'])}; rclone: ${toolVersion('rclone', ['version'])}), except`,
      'rclone and S3 Desk use 8 MiB parts on fauxqs (it refuses bodies over ~11 MiB), rclone from 8 MiB on.',
      '',
      '**Where the big upload\'s time went (issue 19, and issue 10\'s 134 → 109 MB/s on fauxqs).** Profiled on RGW under',
      'load, per GiB uploaded: the part runner hashed every byte twice (MD5 for Content-MD5, then the SDK\'s SHA-256 for',
      'the payload signature over http: ~1.5 s), allocated a fresh 8 MiB buffer per part (GC ~1.8 s per 512 MiB up',
      'and down), and each stream sat idle while its part record was fsynced; earlier benches did not even run that',
      'path but lib-storage\'s (no journal in the bench core), which cost ~8 s of client CPU per GiB on fauxqs. Now:',
      'parts signed locally with UNSIGNED-PAYLOAD (Content-MD5 still checked by the server), one buffer per stream,',
      'the next part read and hashed while the record is written, 16 MiB × 4 parts at 1 GiB (same 64 MiB per file),',
      'for journaled and unjournaled uploads alike: ~2.5 s of client CPU per GiB. Downloads: ranges grow to about',
      'four per starting stream (64 MiB at 1 GiB) and the range sidecar is not fsynced (ranges are re-checked on resume).',
      '',
      "**Where the big download's time went (issue 10's 1,500+ → 657 MB/s on fauxqs).** The bench core runs journaled,",
      'and every byte was SHA-256-hashed on the main thread for the resume sidecar: ~0.6 s of CPU per GiB of the',
      "client's ~2.2. The sidecar now records an XXH64 per range (~0.2 s; CRC-32 was ~0.3-0.47 s; see range-hash.ts; it guards as",
      'much), a journaled small file no longer removes a part file that is not there first, and a big download starts',
      'with 4 ranges in flight and adds one (up to 8) while each addition raises the measured rate by ≥ 10%.',
      'A 1 GiB download from RGW is CPU-bound on 2 cores (the server takes ~2.2 s per GiB), so client CPU decides it:',
      "XXH64 instead of zlib's CRC-32 (not the SIMD build here: 0.47 s per GiB) took it from ~1.1 to ~0.95 s per GiB.",
      '',
      "**Where the small downloads' time went (issue 10's fauxqs 0.66×, issue 19's RGW 1.01×).** Profiled in place",
      "(BENCH_CPU_PROFILE), the main thread was nearly saturated: the SDK's SigV4 signer ~48 µs per request (a request",
      'clone, async hash wrappers, an HMAC per request to look up its cached key), the MD5 of each body ~28 µs, a',
      'message to the file-writer thread and its reply ~30 µs. Now a synchronous signer with a cached key (~10 µs,',
      "checked against the SDK's in its test), the MD5 checked on the writer thread, one message per event-loop turn",
      'each way. And the bench was unfair to the first tool of round one, always S3 Desk: Ceph was still compacting',
      'after the seeding upload, so it took twice as long as later rounds; every run now waits for a quiet machine.',
      '',
      ...sections,
    ].join('\n');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * BENCH_CPU_PROFILE=<text>: a CPU profile of every S3 Desk run whose row names that text, written next to the
 * bench's work folder (os.tmpdir()), to see where this process's time went in the real sequence of runs.
 */
async function profilerFor(what: string): Promise<{ stop(file: string): Promise<void> } | null> {
  const wanted = process.env['BENCH_CPU_PROFILE'];
  if (!wanted || !what.includes(wanted)) return null;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
      console.log(`bench: CPU profile ${file}`);
    },
  };
}

async function runOn(target: BenchTarget, work: string, inputs: { bigFile: string; bigSha: string; smallDir: string }, ceilingParts: readonly string[]): Promise<string> {
  const here = await mkdtemp(path.join(work, `${target.name}-`));
  const { bigFile, bigSha, smallDir } = inputs;
  const core = createCore({
    userDataDir: path.join(here, 'user-data'),
    secretBox: SHARED_TEST_SECRET_BOX,
    transfers: {
      tempDir: path.join(here, 'app-temp'),
      // fauxqs refuses bodies over ~11 MiB (413): parts stay at 8 MiB there, as rclone's do.
      ...(target.name === 'fauxqs' ? { upload: { ...DEFAULT_UPLOAD_TUNING, maxPartSize: 8 * MiB } } : {}),
      ...(process.env['BENCH_FILES'] ? { fileConcurrency: Number(process.env['BENCH_FILES']), requestConcurrency: Number(process.env['BENCH_FILES']) } : {}),
    },
  });
  const notes: string[] = [];
  const rows: Row[] = [
    { what: `upload 1 file × ${BIG / MiB} MiB`, bytes: BIG, runs: {}, failed: {} },
    { what: `download 1 file × ${BIG / MiB} MiB`, bytes: BIG, runs: {}, failed: {} },
    { what: `upload ${SMALL_COUNT} files × 16 KiB`, bytes: SMALL_COUNT * SMALL_SIZE, runs: {}, failed: {} },
    { what: `download ${SMALL_COUNT} files × 16 KiB`, bytes: SMALL_COUNT * SMALL_SIZE, runs: {}, failed: {} },
  ];
  const [upBig, downBig, upSmall, downSmall] = rows as [Row, Row, Row, Row];
  const started = Date.now();
  try {
    const added = await core.handlers['connections:add']({
      name: 'bench',
      endpoint: target.url,
      region: target.region,
      forcePathStyle: true,
      credentials: { ...target.credentials },
    });
    if (!added.ok) throw new Error(added.error.message);
    const connectionId = added.value.id;
    const client = core.context.clientOf(connectionId);
    const { bucket, root } = target;
    if (target.createBucket) await client.send(new CreateBucketCommand({ Bucket: bucket }));

    const fauxqs = target.name === 'fauxqs';
    const { AWS_CA_BUNDLE: _caBundle, ...inherited } = process.env;
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      NO_PROXY: '127.0.0.1,localhost',
      RCLONE_CONFIG_FX_TYPE: 's3',
      RCLONE_CONFIG_FX_PROVIDER: 'Other',
      RCLONE_CONFIG_FX_ENDPOINT: target.url,
      RCLONE_CONFIG_FX_ACCESS_KEY_ID: target.credentials.accessKeyId,
      RCLONE_CONFIG_FX_SECRET_ACCESS_KEY: target.credentials.secretAccessKey,
      RCLONE_CONFIG_FX_REGION: target.region,
      RCLONE_CONFIG_FX_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: target.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: target.credentials.secretAccessKey,
      AWS_DEFAULT_REGION: target.region,
      AWS_REQUEST_CHECKSUM_CALCULATION: 'when_required',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'when_required',
      AWS_PAGER: '',
    };
    const aws = (...args: string[]) => runCli('aws --endpoint-url "$EP" s3 "$@" --only-show-errors', args, { ...env, EP: target.url });
    const rcloneFlags = fauxqs ? ['--s3-upload-cutoff', '8M', '--s3-chunk-size', '8M'] : [];
    const rclone = (...args: string[]) => runCli('rclone copy --s3-no-check-bucket "$@"', [...rcloneFlags, ...args], env);

    const ours = {
      upload: async (paths: string[], prefix: string) => {
        const out = await core.handlers['transfers:upload']({ connectionId, bucket, prefix, paths, conflict: 'overwrite' });
        if (!out.ok) throw new Error(out.error.message);
        await core.transfers.queue.whenIdle();
      },
      download: async (key: string, kind: 'object' | 'folder', destination: string) => {
        const out = await core.handlers['transfers:download']({ connectionId, bucket, items: [{ key, kind }], destination, conflict: 'overwrite' });
        if (!out.ok) throw new Error(out.error.message);
        await core.transfers.queue.whenIdle();
      },
      failures: () => core.transfers.list().items.filter((i) => i.state !== 'done').length,
    };

    /** One timed run of S3 Desk (in this process: its CPU from process.cpuUsage). */
    const timeOurs = async (row: Row, fn: () => Promise<unknown>) => {
      await target.settle();
      const profiler = await profilerFor(row.what);
      const server = target.serverCpuMs();
      const cpu = process.cpuUsage();
      const t = performance.now();
      await fn();
      const used = process.cpuUsage(cpu);
      const seconds = (performance.now() - t) / 1000;
      const serverCpuMs = spent(server, target.serverCpuMs());
      await profiler?.stop(path.join(here, '..', '..', `${target.name}-${row.what.replace(/\W+/g, '-')}-${round}.cpuprofile`));
      (row.runs['S3 Desk'] ??= []).push({ seconds, cpuMs: (used.user + used.system) / 1000, serverCpuMs });
    };
    /** One timed run of a child process; a failed run never scores. */
    const timeTool = async (row: Row, name: string, fn: () => Promise<CliRun>) => {
      await target.settle();
      const server = target.serverCpuMs();
      const t = performance.now();
      const out = await fn();
      const seconds = (performance.now() - t) / 1000;
      if (out.ok) (row.runs[name] ??= []).push({ seconds, cpuMs: out.cpuMs, serverCpuMs: spent(server, target.serverCpuMs()) });
      else row.failed[name] = (row.failed[name] ?? 0) + 1;
      return out.ok;
    };
    const bigUploaded = async (name: string, key: string) => {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).catch(() => null);
      if (head?.ContentLength !== BIG) notes.push(`${name}: big upload ${key} incomplete`);
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    };
    const smallUploaded = async (name: string, prefix: string) => {
      const n = await countKeys(client, bucket, prefix, SMALL_SIZE);
      if (n !== SMALL_COUNT) notes.push(`${name}: ${n} of ${SMALL_COUNT} small uploads under ${prefix}`);
    };

    // The objects every tool downloads: S3 Desk's first upload, verified, untimed (it also warms the engine,
    // as an open app is; every tool then has the same number of timed runs).
    await ours.upload([bigFile], `${root}ours/`);
    await ours.upload([smallDir], `${root}ours/`);
    if (ours.failures() > 0) throw new Error(`S3 Desk's first uploads failed on ${target.name}: nothing to download`);
    await smallUploaded('S3 Desk', `${root}ours/small/`);
    // And one untimed download of the small folder: the download path's code is warm too, as in an open app.
    const warm = path.join(here, 'ours-warm');
    await mkdir(warm);
    await ours.download(`${root}ours/small/`, 'folder', warm);

    // Downloaded small folders stay until the end of the run (192 MiB at most): ext4 skips inodes freed in the
    // last minutes when it allocates new ones, so deleting 1,000 files between runs made the next tool's
    // 1,000 creates scan past them — a cost that landed on whichever tool came next, not on the tool measured.
    let round = -1;
    const up = (name: string) => `${root}${name.split(' ')[0]!.toLowerCase()}/up-${round}/`;
    const contenders: Array<[string, { upload: () => Promise<void>; download: () => Promise<void> }]> = [
      [
        'S3 Desk',
        {
          upload: async () => {
            const prefix = up('ours');
            await timeOurs(upBig, () => ours.upload([bigFile], prefix));
            await bigUploaded('S3 Desk', `${prefix}big.bin`);
            await timeOurs(upSmall, () => ours.upload([smallDir], prefix));
            await smallUploaded('S3 Desk', `${prefix}small/`);
            if (ours.failures() > 0) notes.push(`S3 Desk: ${ours.failures()} uploads not done`);
          },
          download: async () => {
            // Both timed runs first, the checks after (hashing a gigabyte in this process would leave its
            // garbage to the next timed run).
            const big = path.join(here, `ours-down-${round}`);
            await mkdir(big);
            await timeOurs(downBig, () => ours.download(`${root}ours/big.bin`, 'object', big));
            const small = path.join(here, `ours-small-${round}`);
            await mkdir(small);
            await timeOurs(downSmall, () => ours.download(`${root}ours/small/`, 'folder', small));
            if ((await sha256File(path.join(big, 'big.bin'))) !== bigSha) notes.push('S3 Desk: downloaded big file differs!');
            await rm(big, { recursive: true });
            if ((await countFiles(small, SMALL_SIZE)) !== SMALL_COUNT) notes.push('S3 Desk: small files incomplete!');
            if (ours.failures() > 0) notes.push(`S3 Desk: ${ours.failures()} transfers not done`);
          },
        },
      ],
      [
        'rclone copy',
        {
          upload: async () => {
            const prefix = up('rclone');
            if (await timeTool(upBig, 'rclone copy', () => rclone(bigFile, `fx:${bucket}/${prefix}`))) await bigUploaded('rclone', `${prefix}big.bin`);
            if (await timeTool(upSmall, 'rclone copy', () => rclone(smallDir, `fx:${bucket}/${prefix}small/`))) await smallUploaded('rclone', `${prefix}small/`);
          },
          download: async () => {
            const big = path.join(here, `rc-down-${round}`);
            await timeTool(downBig, 'rclone copy', () => rclone(`fx:${bucket}/${root}ours/big.bin`, big));
            const small = path.join(here, `rc-small-${round}`);
            await timeTool(downSmall, 'rclone copy', () => rclone(`fx:${bucket}/${root}ours/small/`, small));
            if ((await stat(path.join(big, 'big.bin')).catch(() => null))?.size !== BIG) notes.push('rclone: big download incomplete');
            await rm(big, { recursive: true, force: true });
            if ((await countFiles(small, SMALL_SIZE).catch(() => 0)) !== SMALL_COUNT) notes.push('rclone: small files incomplete');
          },
        },
      ],
      [
        'aws s3 cp',
        {
          upload: async () => {
            const prefix = up('aws');
            if (await timeTool(upBig, 'aws s3 cp', () => aws('cp', bigFile, `s3://${bucket}/${prefix}big.bin`))) await bigUploaded('aws', `${prefix}big.bin`);
            if (await timeTool(upSmall, 'aws s3 cp', () => aws('cp', '--recursive', smallDir, `s3://${bucket}/${prefix}small/`))) await smallUploaded('aws', `${prefix}small/`);
          },
          download: async () => {
            const big = path.join(here, `aws-down-${round}`);
            await timeTool(downBig, 'aws s3 cp', () => aws('cp', `s3://${bucket}/${root}ours/big.bin`, path.join(big, 'big.bin')));
            const small = path.join(here, `aws-small-${round}`);
            await timeTool(downSmall, 'aws s3 cp', () => aws('cp', '--recursive', `s3://${bucket}/${root}ours/small/`, small));
            if ((await stat(path.join(big, 'big.bin')).catch(() => null))?.size !== BIG) notes.push('aws: big download incomplete');
            await rm(big, { recursive: true, force: true });
            if ((await countFiles(small, SMALL_SIZE).catch(() => 0)) !== SMALL_COUNT) notes.push('aws: small files incomplete');
          },
        },
      ],
      [
        CEILING,
        {
          upload: async () => {
            const key = `${up('ceiling')}big.bin`;
            if (await timeTool(upBig, CEILING, () => curlUpload(client, bucket, key, ceilingParts, path.join(here, `curl-up-${round}`)))) await bigUploaded('curl', key);
          },
          download: async () => {
            const dir = path.join(here, `curl-down-${round}`);
            await timeTool(downBig, CEILING, () => curlDownload(client, bucket, `${root}ours/big.bin`, BIG, dir));
            await rm(dir, { recursive: true, force: true });
          },
        },
      ],
    ];
    for (round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < contenders.length; i++) {
        const [, c] = contenders[(i + round) % contenders.length]!;
        if (DIRECTIONS.has('upload')) await c.upload();
        if (DIRECTIONS.has('download')) await c.download();
      }
      await core.handlers['transfers:clear']({ includeFailed: false });
    }
    await emptyPrefix(client, bucket, root);
    await target.settle();
  } finally {
    await core.dispose();
    await rm(here, { recursive: true, force: true });
  }
  return render(target, rows, notes, Date.now() - started);
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const spent = (before: number | null, after: number | null) => (before === null || after === null ? null : after - before);

export interface ToolStats {
  readonly medianMBs: number;
  readonly bestMBs: number;
  readonly cpuPerGiB: number;
  /** The server's CPU per GiB during this tool's runs, median (null: not measurable). */
  readonly serverCpuPerGiB: number | null;
  /** The server's CPU ÷ wall time of the run, median: near 1 (of 2 cores) means it was the limit. */
  readonly serverBusy: number | null;
  readonly runs: number;
}

export function statsOf(row: Row, tool: string): ToolStats | null {
  const runs = row.runs[tool];
  if (!runs?.length) return null;
  const mbs = runs.map((r) => row.bytes / 1e6 / r.seconds);
  const server = runs.every((r) => r.serverCpuMs !== null);
  return {
    medianMBs: median(mbs),
    bestMBs: Math.max(...mbs),
    cpuPerGiB: median(runs.map((r) => r.cpuMs / 1000 / (row.bytes / GiB))),
    serverCpuPerGiB: server ? median(runs.map((r) => r.serverCpuMs! / 1000 / (row.bytes / GiB))) : null,
    serverBusy: server ? median(runs.map((r) => r.serverCpuMs! / 1000 / r.seconds)) : null,
    runs: runs.length,
  };
}

/** Issue 19's targets: big transfers at least the best peer and within 10% of the ceiling; small ≥ 1.2× the best peer. */
function verdicts(rows: readonly Row[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const ours = statsOf(r, 'S3 Desk');
    const peers = TOOLS.slice(1).map((t) => [t, statsOf(r, t)] as const).filter((p): p is readonly [typeof p[0], ToolStats] => p[1] !== null);
    if (!ours || peers.length === 0) continue;
    const [bestName, best] = peers.reduce((a, b) => (b[1].medianMBs > a[1].medianMBs ? b : a));
    const small = r.bytes < 64 * MiB;
    const need = small ? 1.2 : 1;
    const ok = ours.medianMBs >= need * best.medianMBs;
    let line = `- ${r.what}: ${ok ? '✅' : '❌'} S3 Desk ${ours.medianMBs.toFixed(1)} MB/s vs best peer ${bestName} ${best.medianMBs.toFixed(1)} (${(ours.medianMBs / best.medianMBs).toFixed(2)}×, target ≥ ${need}×)`;
    // The limit: the best median any other client reached on this server in this run (curl included).
    const ceiling = statsOf(r, CEILING);
    if (ceiling) {
      const [limitName, limit] = ceiling.medianMBs >= best.medianMBs ? ['curl', ceiling.medianMBs] : [bestName, best.medianMBs];
      const within = ours.medianMBs >= 0.9 * limit;
      line += `; ${within ? '✅' : '❌'} ${((ours.medianMBs / limit) * 100).toFixed(0)}% of the limit (best other client: ${limitName}, ${limit.toFixed(1)}; target ≥ 90%)`;
    }
    out.push(line);
  }
  return out;
}

function render(target: BenchTarget, rows: readonly Row[], notes: readonly string[], ms: number): string {
  const f = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
  const lines = [
    `### ${target.label}`,
    '',
    `_${(ms / 1000).toFixed(0)} s for this server; one-minute load average at the end ${os.loadavg()[0]!.toFixed(1)}._`,
    '',
    '| transfer | tool | MB/s median (best) | S3 Desk ÷ tool, medians | CPU s per GiB | server CPU s per GiB | server cores busy |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const ours = statsOf(r, 'S3 Desk');
    for (const tool of [...TOOLS, CEILING]) {
      const s = statsOf(r, tool);
      if (!s && !r.failed[tool]) continue;
      const failed = r.failed[tool] ? ` (${r.failed[tool]} failed)` : '';
      const cell = s ? `${f(s.medianMBs)} (${f(s.bestMBs)})${failed}` : `n/a${failed}`;
      const ratio = tool === 'S3 Desk' || !s || !ours ? '' : `${(ours.medianMBs / s.medianMBs).toFixed(2)}×`;
      const server = s?.serverCpuPerGiB != null ? s.serverCpuPerGiB.toFixed(2) : '';
      const busy = s?.serverBusy != null ? s.serverBusy.toFixed(2) : '';
      lines.push(`| ${r.what} | ${tool} | ${cell} | ${ratio} | ${s ? s.cpuPerGiB.toFixed(2) : ''} | ${server} | ${busy} |`);
    }
  }
  const where = target.name === 'rgw' ? "issue 19's targets" : "issue 19's targets are set on RGW; here, compare with earlier runs for regressions";
  lines.push('', `**Targets** (medians, this run; ${where}):`, '', ...verdicts(rows));
  lines.push('', 'Every run, MB/s in run order:', '');
  for (const r of rows) {
    if (Object.keys(r.runs).length === 0) continue;
    const spread = Object.entries(r.runs).map(([tool, runs]) => `${tool} ${runs.map((s) => f(r.bytes / 1e6 / s.seconds)).join(' · ')}`);
    lines.push(`- ${r.what}: ${spread.join('; ')}`);
  }
  if (notes.length) lines.push('', ...notes.map((n) => `- ${n}`));
  return lines.join('\n') + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void runTransfersBench().then((md) => process.stdout.write(md));
}
