/**
 * Crawl benchmark (issue 14): a whole bucket listed flat at 20 ms injected per request, through the counting
 * proxy, on fauxqs (bench/s3-stack.ts, its own process) and on Ceph RGW: S3 Desk sequential (one range),
 * S3 Desk parallel (split by folder, 8 ranges at once), `aws s3 ls --recursive` and `rclone lsf -R`, each
 * BENCH_CRAWL_RUNS times (3), requests counted on the wire. BENCH_CRAWL_PLANS picks servers and sizes
 * ("fauxqs:100000,rgw:100000"); fauxqs sorts every key on every page, so 1,000,000 there costs hours.
 * Then, in a child with --expose-gc, a 1,000,000-key index (synthetic keys, written to disk and loaded back
 * as the app loads it) for query latency p50/p95 (first page, full count) and main-process memory over idle.
 */
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createCore } from '../main/core/create-core';
import { IndexHost } from '../main/search/index-host';
import type { Result } from '../shared/errors';
import type { SearchQuery } from '../shared/search';
import { TEST_CREDENTIALS } from '../testkit/s3-server';
import { toolVersion } from './machine';
import { startS3Stack } from './s3-stack';
import { startCountingProxy } from '../testkit/counting-proxy';
import setupRgw from '../testkit/rgw/global-setup';
import { startLaneServer } from '../testkit/s3-lane';

/** Which servers at which sizes: "fauxqs:100000,rgw:100000" by default. */
const PLANS = (process.env['BENCH_CRAWL_PLANS'] ?? 'fauxqs:100000,rgw:100000')
  .split(',')
  .filter((p) => p !== '')
  .map((p) => {
    const [lane = '', size = '0'] = p.split(':');
    if (lane !== 'fauxqs' && lane !== 'rgw') throw new Error(`BENCH_CRAWL_PLANS: unknown server ${lane}`);
    return { lane, size: Number(size) } as const;
  });
const RUNS = Number(process.env['BENCH_CRAWL_RUNS'] ?? 3);
const FOLDERS = 40;
const DELAY_MS = 20;
const BUCKET = 'crawl';
const INDEX_KEYS = 1_000_000;

interface Row {
  readonly tool: string;
  /** Wall-clock times of each run, in order. */
  readonly times: readonly number[];
  readonly requests: number;
  readonly objects: number;
}

/** What a crawl bench needs from a server: its URL and the wire counts of the proxy in front of it. */
interface Target {
  readonly url: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  reset(): Promise<void>;
  listRequests(): Promise<number>;
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

function cliEnvs(url: string, dir: string, creds: Target['credentials']): { aws: NodeJS.ProcessEnv; rclone: NodeJS.ProcessEnv } {
  const awsConfig = join(dir, 'aws-config');
  writeFileSync(awsConfig, '[default]\nregion = us-east-1\ns3 =\n  addressing_style = path\n');
  const rcloneConfig = join(dir, 'rclone.conf');
  writeFileSync(
    rcloneConfig,
    `[bench]\ntype = s3\nprovider = Other\naccess_key_id = ${creds.accessKeyId}\nsecret_access_key = ${creds.secretAccessKey}\nendpoint = ${url}\nregion = us-east-1\nforce_path_style = true\n`,
  );
  const aws = {
    ...process.env,
    AWS_ACCESS_KEY_ID: creds.accessKeyId,
    AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
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

const keysOf = (size: number): Array<[string, string]> => {
  const per = Math.ceil(size / FOLDERS);
  return Array.from({ length: FOLDERS }, (_, f) =>
    Array.from({ length: per }, (_, i): [string, string] => [`part-${String(f).padStart(2, '0')}/object-${String(i).padStart(6, '0')}.dat`, `${i}`]),
  ).flat();
};

/** Every tool RUNS times, interleaved (one run of each, then again), so a noisy minute hits all of them. */
async function crawlRows(target: Target, region: string): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 's3desk-crawl-bench-'));
  const core = createCore();
  try {
    const { id } = unwrap(
      await core.handlers['connections:add']({ name: 'bench', endpoint: target.url, region, forcePathStyle: true, credentials: { ...target.credentials } }),
    );
    const env = cliEnvs(target.url, dir, target.credentials);
    const tools: Array<[string, () => Promise<number>]> = [
      ...([['S3 Desk sequential', 1], ['S3 Desk parallel (8)', 8]] as const).map(([tool, concurrency]): [string, () => Promise<number>] => [
        tool,
        async () => unwrap(await core.handlers['search:crawl']({ connectionId: id, bucket: BUCKET, prefix: '', crawlId: `${tool}-${Math.random()}`, concurrency })).objects,
      ]),
      ['aws s3 ls --recursive', async () => (await runCli(awsBinary(), ['s3', 'ls', '--recursive', `s3://${BUCKET}/`, '--endpoint-url', target.url], env.aws)).lines],
      ['rclone lsf -R', async () => (await runCli('rclone', ['lsf', '-R', '--files-only', `bench:${BUCKET}`], env.rclone)).lines],
    ];
    const rows = new Map<string, { times: number[]; requests: number; objects: number; failed?: string }>();
    for (let run = 0; run < RUNS; run++) {
      for (const [tool, go] of tools) {
        const row = rows.get(tool) ?? { times: [], requests: 0, objects: 0 };
        rows.set(tool, row);
        if (row.failed) continue;
        await target.reset();
        const t0 = performance.now();
        try {
          row.objects = await go();
          row.times.push(performance.now() - t0);
          row.requests = await target.listRequests();
        } catch (error) {
          row.failed = (error as Error).message.slice(0, 80);
        }
      }
    }
    return [...rows].map(([tool, r]) => ({ tool: r.failed ? `${tool} (failed: ${r.failed})` : tool, times: r.times, requests: r.requests, objects: r.objects }));
  } finally {
    await core.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function fauxqsRows(size: number): Promise<Row[]> {
  const per = Math.ceil(size / FOLDERS);
  const folders = Object.fromEntries(Array.from({ length: FOLDERS }, (_, i) => [`part-${String(i).padStart(2, '0')}/`, per]));
  const stack = await startS3Stack({ bucket: BUCKET, folders });
  try {
    await stack.setDelay(DELAY_MS);
    const listRequests = async () => {
      const c = await stack.counts();
      return (c['ListObjectsV2'] ?? 0) + (c['ListObjects'] ?? 0);
    };
    return await crawlRows({ url: stack.url, credentials: TEST_CREDENTIALS, reset: () => stack.reset(), listRequests }, 'us-east-1');
  } finally {
    await stack.close();
  }
}

/** Ceph RGW (UTF-8 byte order, real SigV4) with the counting proxy in this process, as bench/undelete.ts. */
async function rgwRows(size: number): Promise<Row[]> {
  const teardown = await setupRgw();
  const server = await startLaneServer('rgw');
  const proxy = await startCountingProxy(server.url);
  try {
    const t0 = performance.now();
    await server.seed(BUCKET, keysOf(size));
    console.log(`bench crawl: seeded ${size} objects on RGW in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    proxy.setDelay(DELAY_MS);
    const listRequests = async () => proxy.count('ListObjectsV2') + proxy.count('ListObjects');
    return await crawlRows({ url: proxy.url, credentials: server.credentials, reset: async () => proxy.reset(), listRequests }, server.region);
  } finally {
    await proxy.close();
    await server.close();
    await teardown();
  }
}

interface IndexMeasure {
  readonly buildMs: number;
  readonly loadMs: number;
  readonly diskBytes: number;
  readonly rssOverIdle: number;
  readonly mainHeapOverIdle: number;
  readonly workerHeap: number;
  readonly indexBytes: number;
  /** The main thread's longest event-loop delay (ms) idle, during the build, the load and the queries. */
  readonly lagIdle: number;
  /** Main's event-loop utilization in each phase: idle, build, load, queries. */
  readonly busy: readonly number[];
  readonly lagBuild: number;
  readonly lagLoad: number;
  readonly lagQueries: number;
  readonly queries: ReadonlyArray<{ readonly name: string; readonly p50: number; readonly p95: number; readonly countP50: number; readonly countP95: number; readonly hits: number }>;
}

/**
 * Child: a 1,000,000-key index built through the index worker from 1,000 pages (as a crawl hands them over),
 * saved, loaded back by a fresh worker, then measured and queried from the main thread, which only sends
 * messages: its event-loop delay (longest stall) is recorded for each phase.
 */
async function indexChild(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 's3desk-index-bench-'));
  const classes = ['STANDARD', 'STANDARD_IA', 'GLACIER'];
  const scope = { connectionId: 'c', bucket: 'b' };
  gc();
  gc();
  const idle = process.memoryUsage();
  // Longest stall, and how busy main's loop was meanwhile (eventLoopUtilization): a stall on an idle loop is
  // the machine not scheduling the thread, not work done on it.
  const busy: number[] = [];
  const lag = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const h = monitorEventLoopDelay({ resolution: 1 });
    const elu = performance.eventLoopUtilization();
    h.enable();
    const out = await work();
    h.disable();
    busy.push(performance.eventLoopUtilization(elu).utilization);
    return [out, h.max / 1e6];
  };
  // The same measure over 3 s of doing nothing: what the loaded machine alone costs the event loop.
  const [, lagIdle] = await lag(() => new Promise((r) => setTimeout(r, 3000)));
  let t = performance.now();
  const builder = new IndexHost(dir);
  const [, lagBuild] = await lag(async () => {
    builder.send('begin', 'bench');
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
      builder.send('add', 'bench', page);
      // One page per turn of the event loop, as a crawl's pages arrive.
      await new Promise((r) => setImmediate(r));
    }
    await builder.call('commit', 'bench', scope, '', Date.now());
  });
  const buildMs = performance.now() - t;
  await builder.close();
  gc();
  gc();
  const host = new IndexHost(dir);
  t = performance.now();
  const [status, lagLoad] = await lag(() => host.call('status', scope));
  const loadMs = performance.now() - t;
  gc();
  gc();
  const worker = await host.call('memory');
  const held = process.memoryUsage();
  const q = (over: Partial<SearchQuery>): SearchQuery => ({ connectionId: 'c', bucket: 'b', prefix: '', recursive: true, mode: 'substring', pattern: '', limit: 1000, ...over });
  const cases: Array<[string, (i: number) => SearchQuery]> = [
    ['substring, rare ("event-12345.")', (i) => q({ pattern: `event-${12345 + i}.` })],
    ['substring, common ("host-4")', () => q({ pattern: 'host-4' })],
    ['substring in a folder ("logs/2019/", "event-9")', () => q({ prefix: 'logs/2019/', pattern: 'event-9' })],
    ['substring + filters ("parquet", STANDARD, > 4 MB)', () => q({ pattern: 'parquet', filters: { storageClasses: ['STANDARD'], minSize: 4_000_000 } })],
    ['glob "**/*.parquet"', () => q({ mode: 'glob', pattern: '**/*.parquet' })],
    ['glob "logs/2019/**/event-9*.parquet"', () => q({ mode: 'glob', pattern: 'logs/2019/**/event-9*.parquet' })],
    ['glob, rare ("**/event-4242?.*")', (i) => q({ mode: 'glob', pattern: `**/event-${4242 + i}?.*` })],
    ['regex "host-(1|2)3/"', () => q({ mode: 'regex', pattern: 'host-(1|2)3/' })],
    ['regex, rare ("event-7777\\d\\.parquet$")', (i) => q({ mode: 'regex', pattern: `event-${7777 + i}\\d\\.parquet$` })],
    ['regex, literals in every key ("^l.*s/20(1|2)9/0?1/h")', () => q({ mode: 'regex', pattern: '^l.*s/20(1|2)9/0?1/h' })],
    ['regex, no literal, rare ("^\\w+/\\d+/0[1-3]/h\\w+-9\\d/\\w+-1\\d\\d\\.")', () => q({ mode: 'regex', pattern: '^\\w+/\\d+/0[1-3]/h\\w+-9\\d/\\w+-1\\d\\d\\.' })],
    ['regex, no literal, a digit run, no match ("\\d{7}")', () => q({ mode: 'regex', pattern: '\\d{7}' })],
    ['regex, nothing the index can use, no match ("[^\\w/.-]")', () => q({ mode: 'regex', pattern: '[^\\w/.-]' })],
    ['regex, nothing the index can use, 45 characters tried at every position ("[^/]{45}")', () => q({ mode: 'regex', pattern: '[^/]{45}' })],
    ['filters only (GLACIER, > 4 MB)', () => q({ filters: { storageClasses: ['GLACIER'], minSize: 4_000_000 } })],
  ];
  const pct = (times: number[], p: number) => [...times].sort((a, b) => a - b)[Math.ceil(times.length * p) - 1]!;
  // Each time is the main thread's wait: message to the worker, the query, the page back.
  const timed = async (query: SearchQuery) => {
    const t0 = performance.now();
    const r = await host.call('query', query);
    return { ms: performance.now() - t0, total: r.total };
  };
  const [queries, lagQueries] = await lag(async () => {
    const rows = [];
    for (const [name, make] of cases) {
      const page: number[] = [];
      const count: number[] = [];
      let hits = 0;
      for (let i = 0; i < 21; i++) {
        // The first page as the app answers it first (the scan stops at the limit), then the full count.
        page.push((await timed({ ...make(i), count: false })).ms);
        const full = await timed(make(i));
        hits = full.total;
        count.push(full.ms);
      }
      rows.push({ name, p50: pct(page, 0.5), p95: pct(page, 0.95), countP50: pct(count, 0.5), countP95: pct(count, 0.95), hits });
    }
    return rows;
  });
  await host.close();
  rmSync(dir, { recursive: true, force: true });
  const out: IndexMeasure = {
    buildMs,
    loadMs,
    diskBytes: status.diskBytes,
    rssOverIdle: held.rss - idle.rss,
    mainHeapOverIdle: held.heapUsed + held.external - idle.heapUsed - idle.external,
    workerHeap: worker.heapUsed + worker.external,
    indexBytes: status.memoryBytes,
    busy,
    lagIdle,
    lagBuild,
    lagLoad,
    lagQueries,
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

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const seconds = (ms: number) => (Number.isNaN(ms) ? '—' : `${(ms / 1000).toFixed(2)} s`);

/** The index part alone (query latency, memory, main-thread stalls), also runnable without the crawls. */
export async function indexReport(): Promise<string> {
  const before = loadavg().map((l) => l.toFixed(1)).join(', ');
  const m = await indexMeasure();
  const out: string[] = [`Load average when the index part started: ${before} (1, 5, 15 min; 2 cores shared with other engineers' builds and tests, so every latency below is inflated by the noise).`, ''];
  out.push(
    `Index of ${INDEX_KEYS.toLocaleString('en-US')} keys (synthetic, ~40 characters each), all of it on the index worker thread: built from 1,000 pages sent as a crawl sends them (sort, trigram index, save) in ${m.buildMs.toFixed(0)} ms, ${mb(m.diskBytes)} on disk, loaded by a fresh worker (read, lower-case, trigram index) in ${m.loadMs.toFixed(0)} ms. Memory with it loaded: process RSS ${mb(m.rssOverIdle)} over idle (idle = before the worker started; process.memoryUsage() after two GCs in each thread), of which the worker's heap + external is ${mb(m.workerHeap)} (the index's own count: ${mb(m.indexBytes)}, trigram lists included) and the main thread's ${mb(m.mainHeapOverIdle)}.`,
    '',
    `Main thread's longest event-loop stall (monitorEventLoopDelay, 1 ms resolution): ${m.lagBuild.toFixed(1)} ms while the pages were sent and built, ${m.lagLoad.toFixed(1)} ms during the load, ${m.lagQueries.toFixed(1)} ms during all the queries below; ${m.lagIdle.toFixed(1)} ms over 3 s of doing nothing before them (the machine's own noise). Main's event loop was busy ${m.busy.map((b) => `${(b * 100).toFixed(1)}%`).join(', ')} of the time in those phases (idle, build, load, queries; performance.eventLoopUtilization): the build's share is the bench making and posting the pages. Each latency is the main thread's wait for the answer: the message to the worker, the query, and the page of up to 1,000 hits back.`,
    '',
    '| query (21 runs) | first page p50 | first page p95 | full count p50 | full count p95 | matches |',
    '|---|---:|---:|---:|---:|---:|',
    ...m.queries.map((q) => `| ${q.name.replaceAll('|', '\\|')} | ${q.p50.toFixed(1)} ms | ${q.p95.toFixed(1)} ms | ${q.countP50.toFixed(1)} ms | ${q.countP95.toFixed(1)} ms | ${q.hits.toLocaleString('en-US')} |`),
  );
  out.push('', `Load average (1 min) after the index part: ${loadavg().map((l) => l.toFixed(1)).join(', ')} (1, 5, 15 min; 2 cores).`);
  return out.join('\n');
}

export async function crawlBench(): Promise<string> {
  const loadAtStart = loadavg()[0]!;
  const out: string[] = [
    `Each crawl lists a whole bucket flat, ${DELAY_MS} ms added per request by the counting proxy, requests counted on the wire; every tool ran ${RUNS} times, interleaved. The machine has 2 cores shared with other engineers' jobs and the S3 server: it is noisy, so read the medians and compare tools within one table, not across runs.`,
    '',
  ];
  for (const plan of PLANS) {
    const rows = plan.lane === 'fauxqs' ? await fauxqsRows(plan.size) : await rgwRows(plan.size);
    const server = plan.lane === 'fauxqs' ? 'fauxqs (own process, proxy with it)' : 'Ceph RGW 16 (proxy in the bench process)';
    out.push(
      `**${plan.size.toLocaleString('en-US')} objects in ${FOLDERS} folders on ${server}.** The sequential floor is ${Math.ceil(plan.size / 1000)} requests${plan.lane === 'rgw' ? ' (RGW may add one for a full last page)' : ''}.`,
      '',
      '| tool | median | best | ListObjects requests | objects |',
      '|---|---:|---:|---:|---:|',
      ...rows.map((r) => `| ${r.tool} | ${seconds(median(r.times))} | ${seconds(Math.min(...r.times))} | ${r.requests} | ${r.objects.toLocaleString('en-US')} |`),
      '',
    );
  }
  out.push(`Load average (1 min) when the crawls started: ${loadAtStart.toFixed(1)}; when the index part started: ${loadavg()[0]!.toFixed(1)} (2 cores).`, '');
  out.push(await indexReport());
  return out.join('\n');
}

if (process.argv[2] === '--index-child') await indexChild();
