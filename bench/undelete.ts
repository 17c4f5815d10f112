/**
 * Undelete a folder whose every object was deleted (issue 13): S3 Desk's plan + run against the minimum
 * (ceil(N/1000) ListObjectVersions + ceil(N/1000) DeleteObjects) and against the usual shell recipe, an
 * `aws s3api list-object-versions` then one `aws s3api delete-object --version-id` per marker. On Ceph RGW
 * (fauxqs has no versioning), requests counted on the wire by the counting proxy. BENCH_UNDELETE_N sets N.
 */
import { execFile } from 'node:child_process';
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
    // The recipe people paste: list the latest markers, then delete each by version id in a loop.
    const script = `aws --endpoint-url "$EP" s3api list-object-versions --bucket "$B" --prefix gone/ --query 'DeleteMarkers[?IsLatest].[Key,VersionId]' --output text |
while read -r key vid; do aws --endpoint-url "$EP" s3api delete-object --bucket "$B" --key "$key" --version-id "$vid" >/dev/null; done`;
    started = performance.now();
    // Asynchronous: the counting proxy runs in this process and must keep answering while the loop runs.
    await promisify(execFile)('bash', ['-c', script], { env: { ...env, EP: proxy.url, B: bucket }, maxBuffer: 64 * 1024 * 1024 });
    const awsMs = performance.now() - started;
    const aws = { list: proxy.count('ListObjectVersions'), del: proxy.count('DeleteObject') + proxy.count('DeleteObjects'), all: proxy.count() };
    const restored = (await server.keys(bucket, 'gone/')).length;

    const pages = Math.ceil(N / 1000);
    const row = (name: string, r: { list: number; del: number; all: number }, ms: number | null) =>
      `| ${name} | ${r.list} | ${r.del} | ${r.all} | ${ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`} |`;
    return [
      `Undelete a folder of ${N.toLocaleString('en-US')} deleted objects on Ceph RGW (local, loaded machine: 2 cores shared with other jobs).`,
      N === 10_000 ? '' : `**Run at N = ${N}, not 10,000**: seeding RGW on this loaded machine takes too long; the shape scales with N.`,
      '',
      '| Tool | ListObjectVersions | Delete requests | All requests | Time |',
      '| --- | --: | --: | --: | --: |',
      row('minimum: ceil(N/1000) + ceil(N/1000)', { list: pages, del: pages, all: 2 * pages }, null),
      row('S3 Desk (plan + run)', app, appMs),
      row('`aws s3api` shell loop', aws, awsMs),
      '',
      `RGW may answer ListObjectVersions with pages below MaxKeys=1000 (300–650 per page seen), then any tool lists more pages than the minimum. The shell loop restored ${restored} of ${N}; it pays one process start and one request per marker.`,
    ].join('\n');
  } finally {
    direct.destroy();
    await core.dispose();
    await proxy.close();
    await server.close();
    await teardown();
  }
}
