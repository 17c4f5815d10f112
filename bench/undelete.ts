/**
 * Undelete a folder whose every object was deleted (issue 13): S3 Desk's plan + run against the minimum
 * (ceil(N/1000) ListObjectVersions + ceil(N/1000) DeleteObjects) and against the fair shell peer: one
 * `aws s3api list-object-versions` for the latest markers, then `aws s3api delete-objects` in batches of 1,000
 * built with jq. On Ceph RGW (fauxqs has no versioning), requests counted on the wire by the counting proxy.
 * BENCH_UNDELETE_N sets N (10,000 by default).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DeleteObjectsCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { createCore } from '../main/core/create-core';
import { startCountingProxy } from '../testkit/counting-proxy';
import setupRgw from '../testkit/rgw/global-setup';
import { startLaneServer } from '../testkit/s3-lane';

const N = Number(process.env['BENCH_UNDELETE_N'] ?? 10_000);

export async function runUndeleteBench(): Promise<string> {
  const teardown = await setupRgw();
  const server = await startLaneServer('rgw');
  const proxy = await startCountingProxy(server.url);
  const core = createCore();
  const direct = new S3Client({ endpoint: server.url, region: server.region, forcePathStyle: true, credentials: { ...server.credentials } });
  try {
    const bucket = 'undelete-bench';
    await server.createBucket(bucket);
    await direct.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const keys = Array.from({ length: N }, (_, i) => `gone/f${String(i).padStart(6, '0')}`);
    await server.seed(bucket, keys.map((k) => [k, 'x'] as [string, string]));
    const deleteAll = async () => {
      for (let i = 0; i < keys.length; i += 1000) {
        await direct.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Quiet: true, Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })) } }));
      }
    };
    await deleteAll();

    const added = await core.handlers['connections:add']({
      name: 'bench',
      endpoint: proxy.url,
      region: server.region,
      forcePathStyle: true,
      credentials: { ...server.credentials },
    });
    if (!added.ok) throw new Error(added.error.message);
    proxy.reset();
    let started = performance.now();
    const plan = await core.handlers['versions:plan-undelete']({ connectionId: added.value.id, bucket, items: [{ key: 'gone/', kind: 'folder' }] });
    if (!plan.ok) throw new Error(plan.error.message);
    const report = await core.handlers['versions:run']({ planId: plan.value.planId });
    if (!report.ok || report.value.done !== N) throw new Error(`undelete did ${report.ok ? report.value.done : report.error.message} of ${N}`);
    const appMs = performance.now() - started;
    const app = { list: proxy.count('ListObjectVersions'), del: proxy.count('DeleteObjects'), all: proxy.count() };

    await deleteAll();
    proxy.reset();
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey, AWS_DEFAULT_REGION: server.region, AWS_PAGER: '' };
    delete env['AWS_CA_BUNDLE'];
    // The fair peer: the latest markers from one (auto-paginated) listing, then DeleteObjects batches of 1,000.
    const script = `set -euo pipefail
aws --endpoint-url "$EP" s3api list-object-versions --bucket "$B" --prefix gone/ --query 'DeleteMarkers[?IsLatest].{Key:Key,VersionId:VersionId}' --output json > "$T/markers.json"
n=$(jq length "$T/markers.json")
for ((i = 0; i < n; i += 1000)); do
  jq -c "{Objects: .[$i:$((i + 1000))], Quiet: true}" "$T/markers.json" > "$T/batch.json"
  aws --endpoint-url "$EP" s3api delete-objects --bucket "$B" --delete "file://$T/batch.json" > /dev/null
done`;
    const scratch = mkdtempSync(join(tmpdir(), 'undelete-bench-'));
    started = performance.now();
    // Asynchronous: the counting proxy runs in this process and must keep answering while the loop runs.
    try {
      await promisify(execFile)('bash', ['-c', script], { env: { ...env, EP: proxy.url, B: bucket, T: scratch }, maxBuffer: 64 * 1024 * 1024 });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    const awsMs = performance.now() - started;
    const aws = { list: proxy.count('ListObjectVersions'), del: proxy.count('DeleteObject') + proxy.count('DeleteObjects'), all: proxy.count() };
    const restored = (await server.keys(bucket, 'gone/')).length;

    const pages = Math.ceil(N / 1000);
    const row = (name: string, r: { list: number; del: number; all: number }, ms: number | null) =>
      `| ${name} | ${r.list} | ${r.del} | ${r.all} | ${ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`} |`;
    return [
      `Undelete a folder of ${N.toLocaleString('en-US')} deleted objects on Ceph RGW (local, loaded machine: 2 cores shared with other jobs).`,
      ...(N === 10_000 ? [] : [`**Run at N = ${N}, not 10,000** (BENCH_UNDELETE_N): the shape scales with N.`]),
      '',
      '| Tool | ListObjectVersions | Delete requests | All requests | Time |',
      '| --- | --: | --: | --: | --: |',
      row('minimum: ceil(N/1000) + ceil(N/1000)', { list: pages, del: pages, all: 2 * pages }, null),
      row('S3 Desk (plan + run)', app, appMs),
      row('`aws s3api` list + delete-objects loop', aws, awsMs),
      '',
      `S3 Desk restored all ${N.toLocaleString('en-US')}; the shell loop restored ${restored.toLocaleString('en-US')} of ${N.toLocaleString('en-US')}. RGW may answer ListObjectVersions with short pages marked truncated, then any tool lists more pages than the minimum (${pages}). The shell loop pays one aws-cli start per request; both send the same DeleteObjects batches.`,
    ].join('\n');
  } finally {
    direct.destroy();
    await core.dispose();
    await proxy.close();
    await server.close();
    await teardown();
  }
}
