import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** First line of a tool's version output, or why there is none. */
export function toolVersion(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  try {
    const out = execFileSync(command, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    return out.trim().split('\n')[0] ?? '';
  } catch (error) {
    return `unavailable (${(error as Error).message.split('\n')[0]})`;
  }
}

export function packageVersion(name: string): string {
  try {
    const url = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (pretty?.[1]) return `${pretty[1]} (${os.type()} ${os.release()})`;
  } catch {
    // not Linux: fall through
  }
  return `${os.type()} ${os.release()}`;
}

/** The machine section every RESULTS.md starts with. */
export function machineMarkdown(extraTools: Readonly<Record<string, string>> = {}): string {
  const cpus = os.cpus();
  const rows: Array<[string, string]> = [
    ['CPU', `${cpus[0]?.model ?? 'unknown'} × ${cpus.length} cores`],
    ['RAM', `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`],
    ['OS', osName()],
    ['Node', process.version],
    ['@aws-sdk/client-s3', packageVersion('@aws-sdk/client-s3')],
    ['fauxqs (S3 server)', packageVersion('fauxqs')],
    ...Object.entries(extraTools),
  ];
  return ['| | |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`)].join('\n');
}
