/**
 * How long the main process takes to load its code: each given main file (default out/main/index.js) runs in
 * Node under the recording stand-in `electron` (.ci/stand-in-electron), and the time from process start to
 * main's first call into Electron (its whole import closure evaluated) is taken. Files alternate run by run so
 * a busy machine slows them alike. `node --import tsx scripts/measure-main-import.ts [main.js …] [--runs=N]`
 */
import { resolve } from 'node:path';
import { runMainUnderStandIn } from '../.ci/electron-builder-stand-in';

const args = process.argv.slice(2);
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 15);
const files = args.filter((a) => !a.startsWith('--')).map((f) => resolve(f));
if (files.length === 0) files.push(resolve('out/main/index.js'));

const times = new Map<string, number[]>(files.map((f) => [f, []]));
for (let i = 0; i < runs; i += 1)
  for (const file of files) {
    const run = runMainUnderStandIn(file);
    if (run.status !== 0) throw new Error(`${file} failed under the stand-in:\n${run.stderr}`);
    times.get(file)!.push(run.importedAtMs);
  }
for (const [file, ms] of times) {
  const sorted = [...ms].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(`${file}: median ${median.toFixed(0)} ms, best ${sorted[0]!.toFixed(0)} ms (${runs} runs)`);
}
