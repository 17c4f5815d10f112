/**
 * Compare a prefix with a local copy (identical, then with 1% changed at the same size), S3 Desk beside
 * `rclone check` and `aws s3 sync --dryrun`, every tool through the same counting proxy in the same run; then
 * S3 Desk's sync of the 1% change. The server (fauxqs) runs in this process, unlike bench/listing.ts: the
 * numbers favour the peers slightly, since S3 Desk's core shares its event loop with the server.
 * N is set by S3DESK_BENCH_SYNC_N (default 10,000: seeding 100,000 objects on a shared, loaded machine took
 * too long; the result says which N ran).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCore } from '../main/core/create-core';
import { startCountingProxy } from '../testkit/counting-proxy';
import { startS3Server, TEST_CREDENTIALS } from '../testkit/s3-server';

const BUCKET = 'bench-sync';
const REGION = 'us-east-1';

interface Row {
  readonly tool: string;
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

const text = (r: Readonly<Record<string, number>>) => Object.entries(r).map(([op, n]) => `${n} ${op}`).join(', ') || '0';

export async function runSyncBench(): Promise<string> {
  const n = Number(process.env['S3DESK_BENCH_SYNC_N'] ?? 10_000);
  const dir = await mkdtemp(path.join(tmpdir(), 's3desk-bench-sync-'));
  const server = await startS3Server();
  const proxy = await startCountingProxy(server.url);
  const core = createCore();
  try {
    const local = path.join(dir, 'local');
    const objects: [string, string][] = [];
    for (let i = 0; i < n; i++) objects.push([`d${i % 50}/f${i}.txt`, `object body number ${i}`]);
    await server.seed(BUCKET, objects.map(([k, b]) => [`src/${k}`, b] as [string, string]));
    for (let d = 0; d < 50; d++) await mkdir(path.join(local, `d${d}`), { recursive: true });
    const writeAll = (changed: boolean) =>
      Promise.all(objects.map(([k, b], i) => writeFile(path.join(local, k), changed && i % 100 === 0 ? b.toUpperCase() : b)));
    await writeAll(false);
    const added = await core.handlers['connections:add']({ name: 'bench', endpoint: proxy.url, region: REGION, forcePathStyle: true, credentials: TEST_CREDENTIALS });
    if (!added.ok) throw new Error(added.error.message);
    const connectionId = added.value.id;

    const rcloneConf = path.join(dir, 'rclone.conf');
    await writeFile(rcloneConf, `[b]\ntype = s3\nprovider = Other\naccess_key_id = ${TEST_CREDENTIALS.accessKeyId}\nsecret_access_key = ${TEST_CREDENTIALS.secretAccessKey}\nendpoint = ${proxy.url}\nregion = ${REGION}\nforce_path_style = true\n`);
    const rcloneEnv: NodeJS.ProcessEnv = { ...process.env, RCLONE_CONFIG: rcloneConf, NO_PROXY: '127.0.0.1,localhost' };
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

    const measure = async (tool: string, work: () => Promise<string>): Promise<Row> => {
      proxy.reset();
      const t0 = performance.now();
      const found = await work();
      const ms = performance.now() - t0;
      const requests: Record<string, number> = {};
      for (const r of proxy.log) requests[r.operation] = (requests[r.operation] ?? 0) + 1;
      return { tool, ms, requests, found };
    };
    const s3desk = async () => {
      const out = await core.handlers['sync:compare']({ left: { kind: 'local', path: local }, right: { kind: 's3', connectionId, bucket: BUCKET, prefix: 'src/' } });
      if (!out.ok) throw new Error(out.error.message);
      return `${out.value.groups.different.count} different, ${out.value.groups.same.count} same (hashed ${out.value.hashing.files} files, worker ${out.value.hashing.ms} ms)`;
    };
    const rclone = async () => {
      const r = await run('rclone', ['check', local, `b:${BUCKET}/src`], rcloneEnv);
      return (/(\d+) differences found/.exec(r.out)?.[0] ?? (r.code === 0 ? '0 differences found' : `exit ${r.code}`)).trim();
    };
    const aws = async () => {
      const r = await run('aws', ['s3', 'sync', '--dryrun', local, `s3://${BUCKET}/src`, '--endpoint-url', proxy.url], awsEnv);
      return `${r.out.split('\n').filter((l) => l.includes('(dryrun)')).length} would upload`;
    };
    const tools: [string, () => Promise<string>][] = [['S3 Desk sync:compare', s3desk], ['rclone check', rclone], ['aws s3 sync --dryrun', aws]];

    const rows: string[] = [];
    for (const [label, changed] of [['identical', false], ['1% changed (same size)', true]] as const) {
      await writeAll(changed);
      for (const [tool, work] of tools) {
        const r = await measure(tool, work);
        rows.push(`| ${label} | ${r.tool} | ${(r.ms / 1000).toFixed(2)} s | ${text(r.requests)} | ${r.found} |`);
      }
    }
    // The sync itself of the 1% change.
    const cmp = await core.handlers['sync:compare']({ left: { kind: 'local', path: local }, right: { kind: 's3', connectionId, bucket: BUCKET, prefix: 'src/' } });
    if (!cmp.ok) throw new Error(cmp.error.message);
    const synced = await measure('S3 Desk sync (plan + run + queue idle)', async () => {
      const plan = await core.handlers['sync:plan']({ compareId: cmp.value.compareId, direction: 'make-right' });
      if (!plan.ok) throw new Error(plan.error.message);
      const ran = await core.handlers['sync:run']({ planId: plan.value.planId });
      if (!ran.ok) throw new Error(ran.error.message);
      await core.transfers.queue.whenIdle();
      return `${plan.value.totals.upload.count} uploads, ${plan.value.totals.upload.bytes} bytes`;
    });
    return [
      `${n.toLocaleString('en')} objects of ~25 bytes in 50 folders (not 100,000: seeding that many on this shared, loaded 2-core machine took too long), fauxqs through the counting proxy. Numbers are from a loaded machine.`,
      '',
      '| local copy | tool | time | requests | result |',
      '|---|---|---|---|---|',
      ...rows,
      '',
      `Sync of the 1% change: ${(synced.ms / 1000).toFixed(2)} s, ${text(synced.requests)} (${synced.found}).`,
      '',
      '`aws s3 sync` compares size and time only, so it cannot see same-size changes; here every local file was written after the upload, so it would re-upload them all; `rclone check` compares size and MD5 against the ETag, like S3 Desk.',
    ].join('\n');
  } finally {
    await core.dispose();
    await proxy.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
