/**
 * Crawl benchmark (issue 14): a whole bucket listed flat at 20 ms injected per request, through the counting
 * proxy in front of fauxqs (bench/s3-stack.ts, its own process): S3 Desk sequential (one range), S3 Desk
 * parallel (split by folder, 8 ranges at once), `aws s3 ls --recursive` and `rclone lsf -R`, requests counted
 * on the wire. Then, in a child with --expose-gc, a 1,000,000-key index (synthetic keys, written to disk and
 * loaded back as the app loads it) for query latency p50/p95 and main-process memory over idle.
 * BENCH_CRAWL_SIZE sets the bucket size (default 100,000); fauxqs sorts every key on every page, so at 100,000
 * its own time per page dominates and the run takes many minutes on a shared 2-core machine.
 */
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createCore } from '../main/core/create-core';
import { BucketIndex, IndexBuilder } from '../main/search/bucket-index';
import { IndexStore } from '../main/search/index-store';
import { runQuery } from '../main/search/query';
import type { Result } from '../shared/errors';
import type { SearchQuery } from '../shared/search';
import { TEST_CREDENTIALS } from '../testkit/s3-server';
import { toolVersion } from './machine';
import { startS3Stack } from './s3-stack';

const SIZE = Number(process.env['BENCH_CRAWL_SIZE'] ?? 100_000);
const FOLDERS = 40;
const DELAY_MS = 20;
const BUCKET = 'crawl';
const INDEX_KEYS = 1_000_000;

interface Row {
  readonly tool: string;
  readonly ms: number;
  readonly requests: number;
  readonly objects: number;
}

function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

async function runCli(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; lines: number }> {
  const t0 = performance.now();
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let lines = 0;
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    for (const b of chunk) if (b === 10) lines++;
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`${command} exited ${code}: ${stderr.slice(0, 300)}`);
  return { ms: performance.now() - t0, lines };
}

function cliEnvs(url: string, dir: string): { aws: NodeJS.ProcessEnv; rclone: NodeJS.ProcessEnv } {
  const awsConfig = join(dir, 'aws-config');
  writeFileSync(awsConfig, '[default]\nregion = us-east-1\ns3 =\n  addressing_style = path\n');
  const rcloneConfig = join(dir, 'rclone.conf');
  writeFileSync(
    rcloneConfig,
    `[bench]\ntype = s3\nprovider = Other\naccess_key_id = ${TEST_CREDENTIALS.accessKeyId}\nsecret_access_key = ${TEST_CREDENTIALS.secretAccessKey}\nendpoint = ${url}\nregion = us-east-1\nforce_path_style = true\n`,
  );
  const aws = {
    ...process.env,
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: awsConfig,
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    NO_PROXY: '127.0.0.1,localhost',
  };
  const rclone: NodeJS.ProcessEnv = { ...process.env, RCLONE_CONFIG: rcloneConfig, NO_PROXY: '127.0.0.1,localhost' };
  delete rclone['AWS_CA_BUNDLE'];
  return { aws, rclone };
}

function awsBinary(): string {
  for (const candidate of ['/usr/bin/aws', 'aws']) if (!toolVersion(candidate, ['--version']).startsWith('unavailable')) return candidate;
  return '/usr/bin/aws';
}

async function crawlRows(): Promise<Row[]> {
  const per = Math.ceil(SIZE / FOLDERS);
  const folders = Object.fromEntries(Array.from({ length: FOLDERS }, (_, i) => [`part-${String(i).padStart(2, '0')}/`, per]));
  const stack = await startS3Stack({ bucket: BUCKET, folders });
  const dir = mkdtempSync(join(tmpdir(), 's3desk-crawl-bench-'));
  const rows: Row[] = [];
  try {
    await stack.setDelay(DELAY_MS);
    const core = createCore();
    const { id } = unwrap(
      await core.handlers['connections:add']({ name: 'bench', endpoint: stack.url, region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS }),
    );
    for (const [tool, concurrency] of [['S3 Desk sequential', 1], ['S3 Desk parallel (8)', 8]] as const) {
      await stack.reset();
      const t0 = performance.now();
      const r = unwrap(await core.handlers['search:crawl']({ connectionId: id, bucket: BUCKET, prefix: '', crawlId: tool, concurrency }));
      rows.push({ tool, ms: performance.now() - t0, requests: (await stack.counts())['ListObjectsV2'] ?? 0, objects: r.objects });
    }
    await core.dispose();
    const env = cliEnvs(stack.url, dir);
    const peers = [
      ['aws s3 ls --recursive', awsBinary(), ['s3', 'ls', '--recursive', `s3://${BUCKET}/`, '--endpoint-url', stack.url], env.aws],
      ['rclone lsf -R', 'rclone', ['lsf', '-R', '--files-only', `bench:${BUCKET}`], env.rclone],
    ] as const;
    for (const [tool, command, args, e] of peers) {
      await stack.reset();
      try {
        const r = await runCli(command, args, e);
        const counts = await stack.counts();
        rows.push({ tool, ms: r.ms, requests: (counts['ListObjectsV2'] ?? 0) + (counts['ListObjects'] ?? 0), objects: r.lines });
      } catch (error) {
        rows.push({ tool: `${tool} (failed: ${(error as Error).message.slice(0, 80)})`, ms: Number.NaN, requests: 0, objects: 0 });
      }
    }
  } finally {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

interface IndexMeasure {
  readonly buildMs: number;
  readonly loadMs: number;
  readonly diskBytes: number;
  readonly rssOverIdle: number;
  readonly heapOverIdle: number;
  readonly queries: ReadonlyArray<{ readonly name: string; readonly p50: number; readonly p95: number; readonly hits: number }>;
}

/** Child: a 1,000,000-key index saved, loaded back in a clean heap, then measured and queried. */
async function indexChild(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 's3desk-index-bench-'));
  const store = new IndexStore(dir);
  const classes = ['STANDARD', 'STANDARD_IA', 'GLACIER'];
  let t = performance.now();
  {
    const b = new IndexBuilder();
    for (let i = 0; i < INDEX_KEYS; i += 1000) {
      const page = [];
      for (let j = i; j < i + 1000; j++) {
        page.push({
          key: `logs/${2015 + (j % 10)}/${String(j % 12).padStart(2, '0')}/host-${j % 97}/event-${j}.${j % 3 ? 'json.gz' : 'parquet'}`,
          size: (j * 7919) % 5_000_000,
          lastModified: 1.6e12 + j * 1000,
          storageClass: classes[j % 3]!,
          etag: '',
        });
      }
      b.add(page);
    }
    await store.save('c', 'b', new BucketIndex('', Date.now(), b.build()));
  }
  const buildMs = performance.now() - t;
  gc();
  gc();
  const idle = process.memoryUsage();
  t = performance.now();
  const loaded = (await store.load('c', 'b'))!;
  const loadMs = performance.now() - t;
  gc();
  gc();
  const held = process.memoryUsage();
  const q = (over: Partial<SearchQuery>): SearchQuery => ({ connectionId: 'c', bucket: 'b', prefix: '', recursive: true, mode: 'substring', pattern: '', limit: 1000, ...over });
  const cases: Array<[string, (i: number) => SearchQuery]> = [
    ['substring, rare ("event-12345")', (i) => q({ pattern: `event-${12345 + i}.` })],
    ['substring, common ("host-4")', () => q({ pattern: 'host-4' })],
    ['substring in a folder ("logs/2019/", "event-9")', () => q({ prefix: 'logs/2019/', pattern: 'event-9' })],
    ['glob "**/*.parquet"', () => q({ mode: 'glob', pattern: '**/*.parquet' })],
    ['regex "host-(1|2)3/"', () => q({ mode: 'regex', pattern: 'host-(1|2)3/' })],
    ['filters only (GLACIER, > 4 MB)', () => q({ filters: { storageClasses: ['GLACIER'], minSize: 4_000_000 } })],
  ];
  const queries = cases.map(([name, make]) => {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < 21; i++) {
      const r = runQuery(loaded.index, make(i));
      hits = r.total;
      times.push(r.tookMs);
    }
    times.sort((a, b) => a - b);
    return { name, p50: times[Math.floor(times.length * 0.5)]!, p95: times[Math.ceil(times.length * 0.95) - 1]!, hits };
  });
  rmSync(dir, { recursive: true, force: true });
  const out: IndexMeasure = {
    buildMs,
    loadMs,
    diskBytes: loaded.diskBytes,
    rssOverIdle: held.rss - idle.rss,
    heapOverIdle: held.heapUsed + held.arrayBuffers - idle.heapUsed - idle.arrayBuffers,
    queries,
  };
  process.send?.(out);
}

async function indexMeasure(): Promise<IndexMeasure> {
  const child = fork(fileURLToPath(import.meta.url), ['--index-child'], { execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => {
      resolve(m as IndexMeasure);
      child.disconnect();
    });
    child.once('exit', (code) => reject(new Error(`index child exited (${code})`)));
  });
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;

export async function crawlBench(): Promise<string> {
  const rows = await crawlRows();
  const floor = Math.ceil(SIZE / 1000);
  const m = await indexMeasure();
  return [
    `A bucket of ${SIZE.toLocaleString('en-US')} objects in ${FOLDERS} folders (fauxqs behind the counting proxy, ${DELAY_MS} ms added per request); requests counted on the wire. The sequential floor is ${floor} requests.`,
    '',
    '| tool | time | ListObjects requests | objects |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.tool} | ${(r.ms / 1000).toFixed(2)} s | ${r.requests} | ${r.objects.toLocaleString('en-US')} |`),
    '',
    `Index of ${INDEX_KEYS.toLocaleString('en-US')} keys (synthetic, ~60 characters each): built in ${m.buildMs.toFixed(0)} ms, ${mb(m.diskBytes)} on disk, loaded in ${m.loadMs.toFixed(0)} ms; held in memory: RSS ${mb(m.rssOverIdle)} over idle, heap + array buffers ${mb(m.heapOverIdle)} (after GC).`,
    '',
    '| query (21 runs, limit 1,000 hits returned) | p50 | p95 | matches |',
    '|---|---:|---:|---:|',
    ...m.queries.map((q) => `| ${q.name} | ${q.p50.toFixed(1)} ms | ${q.p95.toFixed(1)} ms | ${q.hits.toLocaleString('en-US')} |`),
  ].join('\n');
}

if (process.argv[2] === '--index-child') await indexChild();
