/**
 * Listing benchmark: folders of 1,000 / 10,000 / 100,000 objects in fauxqs and in Ceph RGW, behind the
 * counting proxy adding 20 ms per request. S3 Desk's core lists page by page exactly like the renderer; the
 * peers (`aws s3 ls`, `rclone lsf`) list the same folders through the same proxy in the same run. Every
 * request is counted on the wire by the proxy.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TEST_CREDENTIALS } from '../testkit/s3-server';
import { createCore } from '../main/core/create-core';
import type { Result } from '../shared/errors';
import { toolVersion } from './machine';
import { type S3Stack, type SeedSpec, startS3Stack } from './s3-stack';
import { startTarget, wantedTargets } from './targets';

/** BENCH_SIZES=1000,10000 narrows the sizes for a quick look. */
const FAUXQS_SIZES: readonly number[] = process.env['BENCH_SIZES']?.split(',').map(Number) ?? [1_000, 10_000, 100_000];
/** On RGW the folders are seeded over S3 (about 400 objects a second here): 100,000 more take 4–5 minutes. */
const RGW_SIZES: readonly number[] = process.env['BENCH_RGW_SIZES']?.split(',').map(Number) ?? [1_000, 10_000];
/** The server's credentials and region (set per target, before its tools are made). */
let CREDENTIALS: { readonly accessKeyId: string; readonly secretAccessKey: string } = TEST_CREDENTIALS;
const DELAY_MS = 20;
const BUCKET = 'bench';
/** Runs per tool and size; the table shows medians. BENCH_RUNS overrides. */
const RUNS = Math.max(1, Number(process.env['BENCH_RUNS'] ?? 3));
let REGION = 'us-east-1';

interface Measure {
  readonly requests: Readonly<Record<string, number>>;
  readonly firstMs: number;
  readonly fullMs: number;
  readonly entries: number;
  /** CPU time (user + system) the client itself used for the full listing. */
  readonly cpuMs: number;
  readonly revisitMs?: number;
  readonly revisitRequests?: number;
}

interface Tool {
  readonly name: string;
  measure(prefix: string): Promise<Measure>;
  readonly notes?: string;
}

const folderOf = (n: number) => `folder-${n}/`;

function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** S3 Desk: a fresh core (cold cache, cold sockets) lists every page through objects:list, then revisits. */
function coreTool(proxy: S3Stack): Tool {
  return {
    name: 'S3 Desk core',
    async measure(prefix) {
      const core = createCore();
      try {
        const { id } = unwrap(
          await core.handlers['connections:add']({ name: 'bench', endpoint: proxy.url, region: REGION, forcePathStyle: true, credentials: { ...CREDENTIALS } }),
        );
        const listAll = async () => {
          const cpu0 = process.cpuUsage();
          const t0 = performance.now();
          let first = 0;
          let entries = 0;
          let cursor: string | null = null;
          do {
            const page: { entries: readonly unknown[]; nextCursor: string | null } = unwrap(
              await core.handlers['objects:list']({ connectionId: id, bucket: BUCKET, prefix, cursor }),
            );
            if (first === 0) first = performance.now() - t0;
            entries += page.entries.length;
            cursor = page.nextCursor;
          } while (cursor);
          const fullMs = performance.now() - t0;
          const cpu = process.cpuUsage(cpu0);
          return { firstMs: first, fullMs, entries, cpuMs: (cpu.user + cpu.system) / 1000 };
        };
        await proxy.reset();
        const cold = await listAll();
        const requests = await proxy.counts();
        await proxy.reset();
        const warm = await listAll();
        const again = Object.values(await proxy.counts()).reduce((a, b) => a + b, 0);
        return { ...cold, requests, revisitMs: warm.fullMs, revisitRequests: again };
      } finally {
        await core.dispose();
      }
    },
  };
}

/** Run a CLI that prints one line per entry; time to its first output and to its exit. */
async function measureCli(proxy: S3Stack, command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Measure> {
  await proxy.reset();
  const t0 = performance.now();
  // bash's `times` reports the CPU its child used; bash itself costs a few ms of wall time.
  const child = spawn('bash', ['-c', '"$@"; rc=$?; times >&2; exit $rc', 'bench', command, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let first = 0;
  let lines = 0;
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    if (first === 0) first = performance.now() - t0;
    for (const b of chunk) if (b === 10) lines++;
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const fullMs = performance.now() - t0;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`);
  return { requests: await proxy.counts(), firstMs: first, fullMs, entries: lines, cpuMs: childCpuMs(stderr) };
}

/** The children's line of bash `times` ("0m1.234s 0m0.321s"), in ms. */
function childCpuMs(stderr: string): number {
  const line = stderr.trim().split('\n').at(-1) ?? '';
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60_000 + Number(m[2]) * 1000);
  return parts.length === 2 ? parts[0]! + parts[1]! : Number.NaN;
}

/** The Debian awscli; a pyenv shim named `aws` may not work, so the first candidate that answers wins. */
function awsBinary(): string {
  for (const candidate of ['/usr/bin/aws', 'aws']) if (!toolVersion(candidate, ['--version']).startsWith('unavailable')) return candidate;
  return '/usr/bin/aws';
}

function awsTool(proxy: S3Stack, dir: string): Tool {
  const config = join(dir, 'aws-config');
  writeFileSync(config, `[default]\nregion = ${REGION}\ns3 =\n  addressing_style = path\n`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: REGION,
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    NO_PROXY: '127.0.0.1,localhost',
  };
  const bin = awsBinary();
  return {
    name: 'aws s3 ls',
    measure: (prefix) => measureCli(proxy, bin, ['s3', 'ls', `s3://${BUCKET}/${prefix}`, '--endpoint-url', proxy.url], env),
  };
}

function rcloneTool(proxy: S3Stack, dir: string): Tool {
  const config = join(dir, 'rclone.conf');
  writeFileSync(
    config,
    [
      '[bench]',
      'type = s3',
      'provider = Other',
      `access_key_id = ${CREDENTIALS.accessKeyId}`,
      `secret_access_key = ${CREDENTIALS.secretAccessKey}`,
      `endpoint = ${proxy.url}`,
      `region = ${REGION}`,
      'force_path_style = true',
      '',
    ].join('\n'),
  );
  const env: NodeJS.ProcessEnv = { ...process.env, RCLONE_CONFIG: config, NO_PROXY: '127.0.0.1,localhost' };
  // rclone reads AWS_CA_BUNDLE even for plain http and fails on some bundles.
  delete env['AWS_CA_BUNDLE'];
  return { name: 'rclone lsf', measure: (prefix) => measureCli(proxy, 'rclone', ['lsf', `bench:${BUCKET}/${prefix}`], env) };
}

/** Median of a field over runs. */
function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const ms = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`);

function requestsText(r: Readonly<Record<string, number>>): string {
  const parts = Object.entries(r).map(([op, n]) => `${n} ${op}`);
  return parts.length ? parts.join(', ') : '0';
}

async function startupMs(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve) => spawn(command, args, { env, stdio: 'ignore' }).on('close', () => resolve()));
    times.push(performance.now() - t0);
  }
  return median(times);
}

let versions: Record<string, string> = {};

export function listingTools(): Readonly<Record<string, string>> {
  if (Object.keys(versions).length === 0) {
    const env = { ...process.env };
    delete env['AWS_CA_BUNDLE'];
    versions = { 'aws (awscli)': toolVersion(awsBinary(), ['--version']), rclone: toolVersion('rclone', ['version'], env) };
  }
  return versions;
}

/**
 * Listing on fauxqs and on Ceph RGW (bluestore, its own processes), each behind the counting proxy with the
 * same delay; S3DESK_BENCH_SERVERS narrows the list (the env endpoint is not seeded with 100,000 objects).
 */
export async function listingBench(): Promise<string> {
  const sections: string[] = [];
  for (const name of wantedTargets().filter((t) => t !== 'env')) {
    if (name === 'fauxqs') {
      CREDENTIALS = TEST_CREDENTIALS;
      REGION = 'us-east-1';
      sections.push('### fauxqs', '', await listingOn('fauxqs', FAUXQS_SIZES));
      continue;
    }
    const rgw = await startTarget('rgw');
    try {
      CREDENTIALS = rgw.credentials;
      REGION = rgw.region;
      sections.push(`### ${rgw.label}`, '', await listingOn('Ceph RGW', RGW_SIZES, { url: rgw.url, region: rgw.region, credentials: rgw.credentials }));
    } finally {
      await rgw.stop();
    }
  }
  return sections.join('\n');
}

async function listingOn(server: string, SIZES: readonly number[], upstream?: SeedSpec['upstream']): Promise<string> {
  const proxy = await startS3Stack({ bucket: BUCKET, folders: { 'warm-up/': 1, ...Object.fromEntries(SIZES.map((n) => [folderOf(n), n])) }, ...(upstream ? { upstream } : {}) });
  const dir = mkdtempSync(join(tmpdir(), 's3desk-bench-'));
  const loadBefore = os.loadavg()[0]!;
  try {
    await proxy.setDelay(DELAY_MS);
    const tools = [coreTool(proxy), awsTool(proxy, dir), rcloneTool(proxy, dir)];
    // The app has loaded and compiled its code before anyone opens a folder; a bench process has not. One
    // untimed listing of another folder, by a core that is then thrown away, loads the SDK's lazy parts.
    await tools[0]!.measure('warm-up/');
    const rows: string[] = [];
    const verdicts: string[] = [];
    const peerWins: string[] = [];
    for (const n of SIZES) {
      const prefix = folderOf(n);
      const results = new Map<string, Measure[]>();
      // Interleave tools run by run so drift on the machine hits all of them alike.
      for (let run = 0; run < RUNS; run++) {
        for (const tool of tools) {
          const m = await tool.measure(prefix);
          if (m.entries !== n) throw new Error(`${tool.name} listed ${m.entries} entries of ${prefix}, expected ${n}`);
          results.set(tool.name, [...(results.get(tool.name) ?? []), m]);
          console.log(`  ${n} objects, run ${run + 1}/${RUNS}: ${tool.name} ${ms(m.fullMs)} (${requestsText(m.requests)})`);
        }
      }
      const fullOf = (name: string) => median(results.get(name)!.map((m) => m.fullMs));
      const cell = (values: readonly number[]) => (values.length > 1 ? `${ms(median(values))} (${ms(Math.min(...values))})` : ms(values[0]!));
      for (const tool of tools) {
        const all = results.get(tool.name)!;
        const last = all[all.length - 1]!;
        const total = Object.values(last.requests).reduce((a, b) => a + b, 0);
        const revisit =
          last.revisitMs === undefined
            ? 'lists again (no cache)'
            : `${ms(median(all.map((m) => m.revisitMs ?? 0)))}, ${last.revisitRequests} requests`;
        rows.push(
          `| ${n.toLocaleString('en-US')} | ${tool.name} | ${requestsText(last.requests)} | ${cell(all.map((m) => m.firstMs))} | ${cell(all.map((m) => m.fullMs))} | ${ms(fullOf(tool.name) / Math.max(1, total))} | ${ms(median(all.map((m) => m.cpuMs)))} | ${revisit} |`,
        );
      }
      const firstOf = (name: string) => median(results.get(name)!.map((m) => m.firstMs));
      for (const peer of tools.slice(1)) {
        if (firstOf(peer.name) < firstOf('S3 Desk core'))
          peerWins.push(`- ${n.toLocaleString('en-US')} objects, time to first page: ${peer.name} ${ms(firstOf(peer.name))} vs S3 Desk ${ms(firstOf('S3 Desk core'))}.`);
        if (fullOf(peer.name) < fullOf('S3 Desk core'))
          peerWins.push(`- ${n.toLocaleString('en-US')} objects, full listing: ${peer.name} ${ms(fullOf(peer.name))} vs S3 Desk ${ms(fullOf('S3 Desk core'))}.`);
      }
      const core = results.get('S3 Desk core')!;
      const expected = Math.ceil(n / 1000);
      // RGW marks an exactly full last page (and some short ones) truncated: there the minimum is what the
      // peers needed, not ceil(N/1000) (see shared/docs/real-s3-ceph-rgw.md).
      const peerLists = Math.min(...tools.slice(1).map((t) => Object.values(results.get(t.name)!.at(-1)!.requests).reduce((a, b) => a + b, 0)));
      const minimum = upstream ? peerLists : expected;
      const exact = core.every((m) => m.requests['ListObjectsV2'] === minimum && Object.keys(m.requests).length === 1);
      const peerBest = Math.min(...tools.slice(1).map((t) => fullOf(t.name)));
      verdicts.push(
        `- ${n.toLocaleString('en-US')} objects: ${exact ? '✅' : '❌'} exactly ${minimum} ListObjectsV2${upstream ? ' (what the peers needed)' : ''} and 0 HEAD; ` +
          `full listing ${ms(fullOf('S3 Desk core'))} vs fastest peer ${ms(peerBest)} ` +
          `(${fullOf('S3 Desk core') <= peerBest ? '✅ no slower' : `❌ ${ms(fullOf('S3 Desk core') - peerBest)} slower`}); ` +
          `revisit ${ms(median(core.map((m) => m.revisitMs ?? 0)))} with ${core[core.length - 1]!.revisitRequests} requests.`,
      );
    }
    await proxy.setDelay(0);
    const awsEnv = { ...process.env };
    const rcloneEnv = { ...process.env };
    delete rcloneEnv['AWS_CA_BUNDLE'];
    const awsStart = await startupMs(awsBinary(), ['--version'], awsEnv);
    const rcloneStart = await startupMs('rclone', ['version'], rcloneEnv);
    const load = `${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after`;

    return [
      `Folders of ${SIZES.map((n) => n.toLocaleString('en-US')).join(' / ')} objects in one bucket of ${server} on 127.0.0.1, behind the ` +
        `counting proxy adding ${DELAY_MS} ms before every request (server and proxy run in processes of their own). ` +
        'Requests are counted by the proxy on the wire. ' +
        `Times are medians of ${RUNS} run(s) per tool and size, runs interleaved across tools. S3 Desk's core starts cold ` +
        '(new core, empty cache, new sockets; the process itself was warmed once by listing another folder, as an open ' +
        'app is) each run and lists page by page through `objects:list` like the renderer; ' +
        '"revisit" lists the same folder again from the same core. The peers print one line per entry: their time to ' +
        'first page is the time to their first line of output, and it includes process start-up ' +
        `(\`aws --version\` takes ${ms(awsStart)}, \`rclone version\` ${ms(rcloneStart)} here). Time cells show ` +
        '"median (best)". One-minute load average on this machine during the run: ' +
        `${load} (${os.cpus().length} cores; other work on the machine makes single runs noisy, compare medians).`,
      '',
      '| Objects | Tool | Requests on the wire | Time to first page | Full listing | Full ÷ requests | Client CPU | Revisit |',
      '| ---: | --- | --- | ---: | ---: | ---: | ---: | --- |',
      ...rows,
      '',
      '**Targets** (exactly ceil(N/1000) list requests and 0 HEAD; full listing no slower than the peers; revisit ~0 ms)',
      '',
      ...verdicts,
      '',
      '**Where a peer was faster in this run**',
      '',
      ...(peerWins.length ? peerWins : ['- nowhere.']),
      '',
      '**Reading the numbers**',
      '',
      '- Listing is sequential for every tool: each ListObjectsV2/ListObjects page needs the previous page\'s ' +
        'continuation token, so a full listing costs at least pages × (20 ms + server time). All three tools send the ' +
        'same number of list requests; none sends a HEAD.',
      '- "Full ÷ requests" grows with folder size for everyone because fauxqs filters and sorts the whole bucket on ' +
        'every request; that server cost is the same for all tools.',
      '- `aws s3 ls` pays Python start-up (see above) and spends more time per page (parsing and formatting in Python).',
      '- `rclone lsf` uses ListObjects (v1) with provider "Other" and reads the whole directory before printing a ' +
        'line, so its time to first page is close to its full listing time on big folders; on a single small folder ' +
        'its Go start-up is cheap and it can tie with or beat S3 Desk\'s first page.',
      '- Revisits are answered from S3 Desk\'s cache with 0 requests; the peers have no cache and list again.',
      '- "Client CPU" is the CPU time the tool itself used for the full listing (S3 Desk: the measuring process, ' +
        'which holds only the core; peers: their process, from bash `times`, start-up included). Most of S3 Desk\'s ' +
        'share is the AWS SDK parsing each page\'s XML.',
      '- The machine is shared: when other work runs, single runs swing by 2–3×; the medians and the best runs are ' +
        'what to compare.',
    ].join('\n');
  } finally {
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
