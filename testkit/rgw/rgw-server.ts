/**
 * A real S3 server for tests: a throwaway single-node Ceph cluster (one monitor, one OSD, one RADOS Gateway)
 * on 127.0.0.1 in a temp dir, started in about 2 s. Facts behind every setting: ../shared/docs/real-s3-ceph-rgw.md
 * (paths relative to the workspace). Nothing outlives `stop()`, a failed start, or the process exiting.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cephConf } from './ceph-conf';
import { daemonPids, freePortRange, killNow, run, stopDaemons, waitFor } from './daemons';

export interface RgwCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface RgwOptions {
  /** memstore (RAM, the default, what the suite needs) or bluestore (a sparse file on disk: gigabyte objects). */
  readonly objectStore?: 'memstore' | 'bluestore';
  /** The S3 user the gateway is created with. */
  readonly credentials?: RgwCredentials;
  /** The region the gateway answers to (its zonegroup's api_name); clients must sign for it. */
  readonly region?: string;
}

export interface RgwServer {
  /** http://127.0.0.1:<port>, path-style. */
  readonly url: string;
  readonly credentials: RgwCredentials;
  readonly region: string;
  /** The cluster's temp dir (config, logs, pid files); removed by stop(). */
  readonly dir: string;
  stop(): Promise<void>;
}

export const RGW_CREDENTIALS: RgwCredentials = { accessKeyId: 'S3DESKRGWKEY', secretAccessKey: 's3desk-rgw-secret' };

/** Storage classes the gateway offers besides STANDARD. GLACIER here is only a name RGW stores and reports (it
 *  reads such objects at once); the restore emulation in the test kit gives it archive behaviour. */
export const RGW_EXTRA_STORAGE_CLASSES = ['STANDARD_IA', 'GLACIER'] as const;

/** The seven pools the gateway would otherwise create one by one (each a paxos round) on first use. */
const RGW_POOLS = [
  '.rgw.root',
  'default.rgw.control',
  'default.rgw.meta',
  'default.rgw.log',
  'default.rgw.buckets.index',
  'default.rgw.buckets.data',
  'default.rgw.buckets.non-ec',
];

/** A cephx secret as ceph-authtool writes it: type AES (1), creation time, length 16, 16 random bytes. */
function cephxKey(): string {
  const b = Buffer.alloc(2 + 8 + 2 + 16);
  b.writeUInt16LE(1, 0);
  b.writeUInt32LE(Math.floor(Date.now() / 1000), 2);
  b.writeUInt32LE(0, 6);
  b.writeUInt16LE(16, 10);
  randomBytes(16).copy(b, 12);
  return b.toString('base64');
}

/** One keyring for every daemon and the admin: ceph-mon --mkfs imports all of it into the monitor's auth. */
function keyring(): string {
  const entity = (name: string, caps: Record<string, string>) =>
    `[${name}]\n\tkey = ${cephxKey()}\n${Object.entries(caps)
      .map(([k, v]) => `\tcaps ${k} = "${v}"\n`)
      .join('')}`;
  return [
    entity('mon.', { mon: 'allow *' }),
    entity('client.admin', { mon: 'allow *', osd: 'allow *', mgr: 'allow *', mds: 'allow *' }),
    entity('osd.0', { mon: 'allow profile osd', osd: 'allow *', mgr: 'allow profile osd' }),
    entity('client.rgw.a', { mon: 'allow rw', osd: 'allow rwx', mgr: 'allow rw' }),
  ].join('');
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: 1_000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

export async function startRgw(options: RgwOptions = {}): Promise<RgwServer> {
  const credentials = options.credentials ?? RGW_CREDENTIALS;
  const region = options.region ?? 'us-east-1';
  const dir = mkdtempSync(join(tmpdir(), 's3desk-rgw-'));
  const runDir = join(dir, 'run');
  for (const sub of ['run', 'log', 'mon', 'osd', 'rgw']) mkdirSync(join(dir, sub));
  // From the first daemon on, nothing may outlive this process: not a normal exit, not Ctrl-C or a CI timeout
  // (a signal skips 'exit'), not even a start that is interrupted halfway.
  const onExit = () => killNow(runDir);
  const onSignal = (signal: NodeJS.Signals) => {
    killNow(runDir);
    rmSync(dir, { recursive: true, force: true });
    process.kill(process.pid, signal);
  };
  process.on('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const cleanup = async () => {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stopDaemons(runDir);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    // mon, rgw, and a few messenger ports for the OSD and the gateway's client side.
    const base = await freePortRange(12);
    const monPort = base;
    const rgwPort = base + 1;
    const fsid = randomUUID();
    const conf = join(dir, 'ceph.conf');
    writeFileSync(conf, cephConf({ dir, fsid, monPort, rgwPort, msPortMin: base + 2, msPortMax: base + 11, objectStore: options.objectStore ?? 'memstore' }));
    writeFileSync(join(dir, 'keyring'), keyring(), { mode: 0o600 });
    const c = ['-c', conf];

    await run('monmaptool', ['--create', '--addv', 'a', `[v1:127.0.0.1:${monPort}]`, '--fsid', fsid, join(dir, 'monmap')]);
    await run('ceph-mon', [...c, '--mkfs', '-i', 'a', '--monmap', join(dir, 'monmap')]);
    await run('ceph-mon', [...c, '-i', 'a']);

    const osdUuid = randomUUID();
    // One ceph session: the OSD's id and the gateway's pools, so the monitor's rounds are not paid per process.
    const session = [`osd new ${osdUuid} 0`];
    for (const pool of RGW_POOLS) session.push(`osd pool create ${pool} 8 8`, `osd pool application enable ${pool} rgw`);
    await Promise.all([
      run('ceph', [...c, '--connect-timeout', '20'], session.join('\n') + '\n'),
      run('ceph-osd', [...c, '-i', '0', '--mkfs', '--osd-uuid', osdUuid]),
    ]);
    await run('ceph-osd', [...c, '-i', '0']);

    const admin = [...c, '-n', 'client.admin'];
    await run('radosgw-admin', [
      ...admin,
      'user',
      'create',
      '--uid=s3desk',
      '--display-name=S3 Desk tests',
      `--access-key=${credentials.accessKeyId}`,
      `--secret-key=${credentials.secretAccessKey}`,
    ]);
    await run('radosgw-admin', [...admin, 'zonegroup', 'modify', '--rgw-zonegroup=default', `--api-name=${region}`]);
    // Storage classes beyond STANDARD (for the class-change tests): each must be in the zonegroup's placement
    // target and in the zone's, with a data pool (the same one: memstore, nothing to separate).
    for (const storageClass of RGW_EXTRA_STORAGE_CLASSES) {
      await run('radosgw-admin', [...admin, 'zonegroup', 'placement', 'add', '--rgw-zonegroup=default', '--placement-id=default-placement', `--storage-class=${storageClass}`]);
      await run('radosgw-admin', [
        ...admin,
        'zone',
        'placement',
        'add',
        '--rgw-zone=default',
        '--placement-id=default-placement',
        `--storage-class=${storageClass}`,
        '--data-pool=default.rgw.buckets.data',
      ]);
    }
    await run('radosgw', [...c, '-n', 'client.rgw.a']);
    const url = `http://127.0.0.1:${rgwPort}`;
    await waitFor(`radosgw on ${url} (logs in ${dir}/log)`, () => answers(url));
    if (daemonPids(runDir).length < 3) throw new Error(`a Ceph daemon exited during start (logs in ${dir}/log)`);
    return { url, credentials, region, dir, stop: cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
