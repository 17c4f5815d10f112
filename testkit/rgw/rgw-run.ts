/**
 * One RGW per test run: the global setups (vitest, Playwright) start it and publish where it is through an
 * environment variable the test workers inherit; test files read it here.
 */
import { execFileSync } from 'node:child_process';
import type { RgwCredentials } from './rgw-server';

export const RGW_ENV = 'S3DESK_RGW';

/** What a global setup publishes about the run's gateway. */
export interface RgwRunInfo {
  readonly url: string;
  readonly region: string;
  /** The run's ceph.conf: test files make their own users with radosgw-admin against it. */
  readonly conf: string;
}

export function publishRgw(info: RgwRunInfo): void {
  process.env[RGW_ENV] = JSON.stringify(info);
}

export function rgwRunInfo(): RgwRunInfo {
  const raw = process.env[RGW_ENV];
  if (!raw) throw new Error(`${RGW_ENV} is not set: the rgw lane needs the global setup (testkit/rgw/global-setup.ts) to start a gateway`);
  return JSON.parse(raw) as RgwRunInfo;
}

/** Whether this machine can run the RGW lane; null when it can, else the one-line reason it cannot. */
export function rgwUnavailable(): string | null {
  for (const tool of ['radosgw', 'ceph-mon', 'ceph-osd', 'radosgw-admin']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `RGW lane skipped: ${tool} is not installed (Debian: apt-get install ceph-mon ceph-osd radosgw ceph-common)`;
    }
  }
  return null;
}

let tenantSeq = 0;

/**
 * An S3 user in a tenant of its own. RGW gives each tenant its own bucket namespace, so every test file (and
 * every fixture inside one) gets buckets no other file can see, under the plain names the tests use.
 */
export function createTenantUser(info: RgwRunInfo): RgwCredentials {
  const tenant = `t${process.pid}x${++tenantSeq}x${Date.now().toString(36)}`;
  const credentials = { accessKeyId: `K${tenant.toUpperCase()}`, secretAccessKey: `secret-${tenant}` };
  execFileSync(
    'radosgw-admin',
    [
      '-c',
      info.conf,
      '-n',
      'client.admin',
      'user',
      'create',
      `--tenant=${tenant}`,
      '--uid=tester',
      '--display-name=tester',
      `--access-key=${credentials.accessKeyId}`,
      `--secret-key=${credentials.secretAccessKey}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 },
  );
  return credentials;
}
