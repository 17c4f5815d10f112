/**
 * Compare a prefix of 100,000 objects with a local copy (identical, then with 1% changed at the same size),
 * S3 Desk beside `rclone check` and `aws s3 sync --dryrun`, every tool through the same counting proxy in the
 * same run; then S3 Desk's sync of the 1% change. The server (fauxqs + proxy) runs in its own process
 * (`s3-stack.ts`), so no tool shares an event loop with it. Local files get the objects' time as their mtime
 * (what `aws s3 sync` itself leaves after a download); changed files get "now", as an edit would.
 * S3DESK_BENCH_SYNC_N sets the object count (default 100,000; a multiple of the 50 folders).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCore } from '../main/core/create-core';
import { TEST_CREDENTIALS } from '../testkit/s3-server';
import { toolVersion } from './machine';
import { startS3Stack } from './s3-stack';

const BUCKET = 'bench-sync';
const REGION = 'us-east-1';
const FOLDERS = 50;
/** Files written or touched at once (100,000 at once would only queue on libuv's 4 threads). */
const BATCH = 500;

interface Row {
  readonly ms: number;
  readonly requests: Readonly<Record<string, number>>;
  readonly found: string;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

const text = (r: Readonly<Record<string, number>>) => Object.entries(r).map(([op, n]) => `${n.toLocaleString('en')} ${op}`).join(', ') || '0';
/** Same length, other bytes: every digit moved by one. */
const changedBody = (body: string) => body.replace(/\d/g, (d) => String((Number(d) + 1) % 10));

async function inBatches<T>(items: readonly T[], work: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) await Promise.all(items.slice(i, i + BATCH).map((item, j) => work(item, i + j)));
}

export function syncTools(): Record<string, string> {
  return { rclone: toolVersion('rclone', ['version']), 'aws-cli': toolVersion('aws', ['--version']) };
}

export async function runSyncBench(): Promise<string> {
  const n = Number(process.env['S3DESK_BENCH_SYNC_N'] ?? 100_000);
  const perFolder = Math.ceil(n / FOLDERS);
  const folders = Object.fromEntries(Array.from({ length: FOLDERS }, (_, d) => [`src/d${d}/`, perFolder]));
  const dir = await mkdtemp(path.join(tmpdir(), 's3desk-bench-sync-'));
  const stack = await startS3Stack({ bucket: BUCKET, folders });
  // The stack seeds before it answers: every object is older than this.
  const seededAt = new Date(Date.now() - 60_000);
  const core = createCore();
  try {
    const local = path.join(dir, 'local');
    // The same names and bodies s3-stack.ts seeds: "<folder>object-<i>.dat" holding "<i>".
    const files: [string, string][] = [];
    for (let d = 0; d < FOLDERS; d++) for (let i = 0; i < perFolder; i++) files.push([`d${d}/object-${String(i).padStart(6, '0')}.dat`, `${i}`]);
    for (let d = 0; d < FOLDERS; d++) await mkdir(path.join(local, `d${d}`), { recursive: true });
    const changed = (i: number) => i % 100 === 0;
    const writeAll = (withChanges: boolean) =>
      inBatches(files, async ([rel, body], i) => {
        const full = path.join(local, rel);
        const edit = withChanges && changed(i);
        await writeFile(full, edit ? changedBody(body) : body);
        if (!edit) await utimes(full, seededAt, seededAt);
      });
    const added = await core.handlers['connections:add']({ name: 'bench', endpoint: stack.url, region: REGION, forcePathStyle: true, credentials: TEST_CREDENTIALS });
    if (!added.ok) throw new Error(added.error.message);
    const connectionId = added.value.id;
    const right = { kind: 's3' as const, connectionId, bucket: BUCKET, prefix: 'src/' };

    const rcloneConf = path.join(dir, 'rclone.conf');
    await writeFile(rcloneConf, `[b]\ntype = s3\nprovider = Other\naccess_key_id = ${TEST_CREDENTIALS.accessKeyId}\nsecret_access_key = ${TEST_CREDENTIALS.secretAccessKey}\nendpoint = ${stack.url}\nregion = ${REGION}\nforce_path_style = true\n`);
    const rcloneEnv: NodeJS.ProcessEnv = { ...process.env, RCLONE_CONFIG: rcloneConf, NO_PROXY: '127.0.0.1,localhost' };
    // rclone reads AWS_CA_BUNDLE and fails on this machine's bundle; the proxy is plain HTTP anyway.
    delete rcloneEnv['AWS_CA_BUNDLE'];
    const awsEnv: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      AWS_DEFAULT_REGION: REGION,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
      NO_PROXY: '127.0.0.1,localhost',
    };

    const measure = async (work: () => Promise<string>): Promise<Row> => {
      await stack.reset();
      const t0 = performance.now();
      const found = await work();
      const ms = performance.now() - t0;
      return { ms, requests: await stack.counts(), found };
    };
    const s3desk = async () => {
      const out = await core.handlers['sync:compare']({ left: { kind: 'local', path: local }, right });
      if (!out.ok) throw new Error(out.error.message);
      const g = out.value.groups;
      const h = out.value.hashing;
      const rate = h.ms > 0 ? `${Math.round((h.files / h.ms) * 1000).toLocaleString('en')} files/s` : '-';
      return `${g.different.count} different, ${g.same.count} same, ${g.unverified.count} unverified (hashed ${h.files} files, worker busy ${(h.ms / 1000).toFixed(1)} s, ${rate}; ${out.value.checksumRequests} checksum requests)`;
    };
    const rclone = async () => {
      const r = await run('rclone', ['check', local, `b:${BUCKET}/src`], rcloneEnv);
      return (/(\d+) differences found/.exec(r.out)?.[0] ?? (r.code === 0 ? '0 differences found' : `exit ${r.code}: ${r.out.slice(-200)}`)).trim();
    };
    const aws = async () => {
      const r = await run('aws', ['s3', 'sync', '--dryrun', local, `s3://${BUCKET}/src`, '--endpoint-url', stack.url], awsEnv);
      const would = r.out.split('\n').filter((l) => l.includes('(dryrun)')).length;
      return r.code === 0 ? `${would} would upload` : `exit ${r.code}: ${r.out.slice(-200)}`;
    };
    const tools: [string, () => Promise<string>][] = [['S3 Desk sync:compare', s3desk], ['rclone check', rclone], ['aws s3 sync --dryrun', aws]];

    const rows: string[] = [];
    for (const [label, withChanges] of [['identical', false], ['1% changed (same size, new mtime)', true]] as const) {
      await writeAll(withChanges);
      for (const [tool, work] of tools) {
        console.log(`bench sync: ${label}: ${tool} …`);
        const r = await measure(work);
        rows.push(`| ${label} | ${tool} | ${(r.ms / 1000).toFixed(2)} s | ${text(r.requests)} | ${r.found} |`);
      }
    }
    // The sync itself of the 1% change: compare, plan, run, and the transfer queue drained.
    const synced = await measure(async () => {
      const cmp = await core.handlers['sync:compare']({ left: { kind: 'local', path: local }, right });
      if (!cmp.ok) throw new Error(cmp.error.message);
      const plan = await core.handlers['sync:plan']({ compareId: cmp.value.compareId, direction: 'make-right' });
      if (!plan.ok) throw new Error(plan.error.message);
      const ran = await core.handlers['sync:run']({ planId: plan.value.planId });
      if (!ran.ok) throw new Error(ran.error.message);
      await core.transfers.queue.whenIdle();
      return `${plan.value.totals.upload.count} uploads, ${plan.value.totals.upload.bytes} bytes`;
    });
    const after = await measure(s3desk);
    return [
      `${n.toLocaleString('en')} objects of 1–4 bytes in ${FOLDERS} folders, fauxqs + counting proxy in their own process, no added latency. A shared, loaded 2-core machine: compare tools within one run, not across runs.`,
      '',
      '| local copy | tool | time | requests | result |',
      '|---|---|---|---|---|',
      ...rows,
      '',
      `Sync of the 1% change (compare + plan + run + transfer queue idle): ${(synced.ms / 1000).toFixed(2)} s, ${text(synced.requests)} (${synced.found}). Compared again afterwards: ${(after.ms / 1000).toFixed(2)} s, ${after.found}.`,
      '',
      'S3 Desk hashes every local file whose size matches (MD5 against the single-part ETag) on one worker thread and sends no HeadObject; `rclone check` does the same MD5 check with its own parallel hashing; `aws s3 sync` compares size and time only, so it finds the edited files by their new mtime, and would miss a same-size change whose mtime was kept (aws-cli#9074).',
    ].join('\n');
  } finally {
    await core.dispose();
    await stack.close();
    await rm(dir, { recursive: true, force: true });
  }
}
