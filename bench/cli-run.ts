/** Run a command line tool for a benchmark: did it succeed, and how much CPU did it (and its children) use. */
import { spawn } from 'node:child_process';

export interface CliRun {
  readonly ok: boolean;
  /** User + system CPU of the command and its children (bash `times`), ms. */
  readonly cpuMs: number;
}

/** The children's line of bash `times` ("0m1.234s 0m0.321s"), in ms. */
export function childCpuMs(stderr: string): number {
  const line = stderr.trim().split('\n').at(-1) ?? '';
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60_000 + Number(m[2]) * 1000);
  return parts.length === 2 ? parts[0]! + parts[1]! : Number.NaN;
}

/** `script` runs in bash with `args` as $1…; bash reports its children's CPU after it. */
export function runCli(script: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const child = spawn('bash', ['-c', `${script}\nrc=$?; times >&2; exit $rc`, 'bench', ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) process.stderr.write(`${args.slice(0, 6).join(' ')} … exited ${code}: ${stderr.slice(-800)}\n`);
      resolve({ ok: code === 0, cpuMs: childCpuMs(stderr) });
    });
  });
}
