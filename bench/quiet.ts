/**
 * Wait until the machine is quiet: a server's background work after a heavy run (Ceph's RocksDB compaction
 * and bluestore flushes after a gigabyte was written, kernel writeback) otherwise lands in the next timed
 * run, which is always the same tool's in round one. Seen on RGW: the run after the seeding upload took
 * twice as long as that tool's later ones. Reads /proc/stat (Linux); elsewhere it returns at once.
 */
import { readFile } from 'node:fs/promises';

/** Busy and total jiffies of all CPUs so far. */
async function cpuTimes(): Promise<{ busy: number; total: number } | null> {
  const text = await readFile('/proc/stat', 'utf8').catch(() => null);
  const line = text?.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1, 9).map(Number) as number[];
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busy, total: busy + idle! + iowait! };
}

export interface QuietOptions {
  /** Busy share of all CPUs under which a sample counts as quiet. */
  readonly maxBusy?: number;
  readonly sampleMs?: number;
  /** Quiet samples in a row that end the wait. */
  readonly samples?: number;
  /** Give up after this long (another job may keep the machine busy): the run goes ahead anyway. */
  readonly timeoutMs?: number;
}

/** Resolves with how long it waited (ms). */
export async function waitForQuiet(options: QuietOptions = {}): Promise<number> {
  const { maxBusy = 0.15, sampleMs = 200, samples = 3, timeoutMs = 10_000 } = options;
  const started = Date.now();
  let before = await cpuTimes();
  if (!before) return 0;
  for (let quiet = 0; quiet < samples && Date.now() - started < timeoutMs; ) {
    await new Promise((resolve) => setTimeout(resolve, sampleMs));
    const now = await cpuTimes();
    if (!now) return Date.now() - started;
    const share = (now.busy - before.busy) / Math.max(1, now.total - before.total);
    quiet = share <= maxBusy ? quiet + 1 : 0;
    before = now;
  }
  return Date.now() - started;
}
