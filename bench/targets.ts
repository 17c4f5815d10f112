/**
 * The S3 servers a benchmark runs against, each in one run: fauxqs (its own process), the test kit's Ceph RGW
 * (a real S3 implementation: SigV4, bluestore on a sparse file, tcp_nodelay on) and any endpoint named by
 * environment variables (a user's MinIO or a real bucket):
 *   S3DESK_BENCH_ENDPOINT, S3DESK_BENCH_BUCKET (must exist; the bench writes only under one run prefix and
 *   deletes it), S3DESK_BENCH_ACCESS_KEY_ID, S3DESK_BENCH_SECRET_ACCESS_KEY, S3DESK_BENCH_REGION (us-east-1).
 * S3DESK_BENCH_SERVERS=fauxqs,rgw,env narrows the list (default: fauxqs, rgw when Ceph is installed, env when
 * its endpoint is set). Every target has its own settle step, run before each timed run.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { daemonPids } from '../testkit/rgw/daemons';
import { rgwUnavailable } from '../testkit/rgw/rgw-run';
import { RGW_CREDENTIALS, startRgw } from '../testkit/rgw/rgw-server';
import { TEST_CREDENTIALS } from '../testkit/s3-server';
import { waitForQuiet } from './quiet';

const run = promisify(execFile);

export interface BenchTarget {
  /** Short name (fauxqs, rgw, env). */
  readonly name: string;
  /** What the section heading says about the server. */
  readonly label: string;
  readonly url: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly bucket: string;
  /** Whether the bench creates the bucket (local servers) or it must exist (env). */
  readonly createBucket: boolean;
  /** Every key the bench writes starts with this (so an env bucket keeps what else it holds). */
  readonly root: string;
  /** Before each timed run: the server's own cleanup of the previous run (heap, garbage collection). */
  settle(): Promise<void>;
  /** CPU time (user + system, ms) the server's processes have used so far; null for a server elsewhere. */
  serverCpuMs(): number | null;
  stop(): Promise<void>;
}

/** User + system CPU of these processes so far (ms, from /proc; null where there is none). */
function cpuMsOf(pids: readonly number[]): number | null {
  let ticks = 0;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return null;
    }
    // Fields after the command name (which may hold spaces): state is 3rd, utime the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  // Linux reports them in clock ticks, 100 per second on every distribution kernel.
  return ticks * 10;
}

export type TargetName = 'fauxqs' | 'rgw' | 'env';

export function wantedTargets(): TargetName[] {
  const asked = process.env['S3DESK_BENCH_SERVERS']?.split(',').map((s) => s.trim()).filter(Boolean);
  if (asked) return asked.filter((s): s is TargetName => s === 'fauxqs' || s === 'rgw' || s === 'env');
  const out: TargetName[] = ['fauxqs'];
  if (rgwUnavailable() === null) out.push('rgw');
  else console.error(rgwUnavailable());
  if (process.env['S3DESK_BENCH_ENDPOINT']) out.push('env');
  return out;
}

export function startTarget(name: TargetName): Promise<BenchTarget> {
  if (name === 'fauxqs') return fauxqsTarget();
  if (name === 'rgw') return rgwTarget();
  return envTarget();
}

export interface FauxqsProcess {
  readonly url: string;
  /** Collect the server's heap (the previous run's gigabyte of garbage must not land in the next run). */
  gc(): Promise<void>;
  /** Start sampling the bytes on the server's sockets (see fauxqs-child.ts). */
  traceStart(): void;
  /** The child's pid (for its CPU time). */
  readonly pid: number;
  /** Stop sampling: [epoch ms, bytes read, bytes written] every 50 ms. */
  traceStop(): Promise<Array<[number, number, number]>>;
  stop(): Promise<void>;
}

/** fauxqs in a child process: it does not share an event loop with the client measured. */
export async function startFauxqsProcess(): Promise<FauxqsProcess> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'fauxqs-child.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let gcDone: (() => void) | null = null;
  let traced: ((samples: Array<[number, number, number]>) => void) | null = null;
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      const lines = text.split('\n');
      text = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim() === 'gc-done') gcDone?.();
        else if (line.startsWith('trace ')) traced?.(JSON.parse(line.slice('trace '.length)) as Array<[number, number, number]>);
        else if (line.trim()) resolve(line.trim());
      }
    });
    child.on('exit', (code) => reject(new Error(`fauxqs exited ${code}`)));
  });
  return {
    url,
    pid: child.pid ?? 0,
    gc: () =>
      new Promise<void>((resolve) => {
        gcDone = resolve;
        child.stdin.write('gc\n');
      }),
    traceStart: () => child.stdin.write('trace-start\n'),
    traceStop: () =>
      new Promise((resolve) => {
        traced = resolve;
        child.stdin.write('trace-stop\n');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        child.on('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

async function fauxqsTarget(): Promise<BenchTarget> {
  const server = await startFauxqsProcess();
  return {
    name: 'fauxqs',
    label: 'fauxqs (in-memory test server, its own process)',
    url: server.url,
    region: 'us-east-1',
    credentials: TEST_CREDENTIALS,
    bucket: 'bench',
    createBucket: true,
    root: '',
    settle: async () => {
      await run('sync');
      await server.gc();
      await waitForQuiet();
    },
    serverCpuMs: () => cpuMsOf([server.pid]),
    stop: () => server.stop(),
  };
}

async function rgwTarget(): Promise<BenchTarget> {
  const rgw = await startRgw({ objectStore: 'bluestore' });
  const conf = join(rgw.dir, 'ceph.conf');
  return {
    name: 'rgw',
    label: 'Ceph RGW 16.2 (bluestore on a sparse file, beast with tcp_nodelay=1, SigV4)',
    url: rgw.url,
    region: rgw.region,
    credentials: RGW_CREDENTIALS,
    bucket: 'bench',
    createBucket: true,
    root: '',
    settle: async () => {
      await run('sync');
      // Deleted objects' data is freed by RGW's garbage collector: run it to the end now, so the previous tool's
      // deletes are not collected during the next tool's timing.
      await run('radosgw-admin', ['-c', conf, '-n', 'client.admin', 'gc', 'process', '--include-all'], { timeout: 120_000 });
      await run('sync');
      await waitForQuiet();
    },
    // Every daemon of the cluster: the gateway and the OSD do a request's work, the monitor barely any.
    serverCpuMs: () => cpuMsOf(daemonPids(join(rgw.dir, 'run'))),
    stop: () => rgw.stop(),
  };
}

async function envTarget(): Promise<BenchTarget> {
  const need = (name: string) => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is not set (the env bench target needs S3DESK_BENCH_ENDPOINT, _BUCKET, _ACCESS_KEY_ID, _SECRET_ACCESS_KEY)`);
    return v;
  };
  const url = need('S3DESK_BENCH_ENDPOINT');
  return Promise.resolve({
    name: 'env',
    label: `${url} (from S3DESK_BENCH_ENDPOINT)`,
    url,
    region: process.env['S3DESK_BENCH_REGION'] ?? 'us-east-1',
    credentials: { accessKeyId: need('S3DESK_BENCH_ACCESS_KEY_ID'), secretAccessKey: need('S3DESK_BENCH_SECRET_ACCESS_KEY') },
    bucket: need('S3DESK_BENCH_BUCKET'),
    createBucket: false,
    root: `s3desk-bench-${Date.now().toString(36)}/`,
    settle: async () => void (await run('sync')),
    serverCpuMs: () => null,
    stop: () => Promise.resolve(),
  });
}
