import { describe, expect, it } from 'vitest';
import { BandwidthLimit, type TimerClock } from './bandwidth';

/** A clock that only moves when the test says so; timers fire in deadline order as it passes them. */
class FakeClock implements TimerClock {
  private t = 0;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  now(): number {
    return this.t;
  }
  setTimer(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Move time forward to `until`, firing due timers (and letting their continuations run) on the way. */
  async runUntil(until: number): Promise<void> {
    for (;;) {
      await flushMicrotasks();
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) if (!next || entry[1].at < next[1].at) next = entry;
      if (!next || next[1].at > until) break;
      this.timers.delete(next[0]);
      this.t = Math.max(this.t, next[1].at);
      next[1].fn();
    }
    this.t = until;
    await flushMicrotasks();
  }
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** `streams` loops each taking `chunk` bytes at a time; returns a counter of bytes let through. */
function startStreams(limit: BandwidthLimit, streams: number, chunk: number, stop: AbortSignal): { bytes: number } {
  const passed = { bytes: 0 };
  for (let s = 0; s < streams; s++) {
    void (async () => {
      while (!stop.aborted) {
        try {
          await limit.take(chunk, stop);
        } catch {
          return;
        }
        passed.bytes += chunk;
      }
    })();
  }
  return passed;
}

const MB = 1_000_000;

/**
 * Like startStreams, but every stream sits out [stallFrom, stallUntil) (busy elsewhere: no takes), and each
 * pass is stamped with the clock, to check the rate of every one-second window.
 */
function stallingStreams(clock: FakeClock, limit: BandwidthLimit, streams: number, chunk: number, stall: [number, number], stop: AbortSignal) {
  const passes: Array<[number, number]> = [];
  for (let s = 0; s < streams; s++) {
    void (async () => {
      while (!stop.aborted) {
        const now = clock.now();
        if (now >= stall[0] && now < stall[1]) await new Promise<void>((resolve) => clock.setTimer(resolve, stall[1] - now));
        try {
          await limit.take(chunk, stop);
        } catch {
          return;
        }
        passes.push([clock.now(), chunk]);
      }
    })();
  }
  return passes;
}

const total = (passes: ReadonlyArray<[number, number]>, from = -Infinity, to = Infinity) =>
  passes.reduce((n, [t, b]) => (t >= from && t < to ? n + b : n), 0);

/** The most bytes passed in any one-second window (windows starting at each pass). */
function busiestSecond(passes: ReadonlyArray<[number, number]>): number {
  let most = 0;
  let j = 0;
  let sum = 0;
  for (let i = 0; i < passes.length; i++) {
    while (j < passes.length && passes[j]![0] < passes[i]![0] + 1000) sum += passes[j++]![1];
    most = Math.max(most, sum);
    sum -= passes[i]![1];
  }
  return most;
}

describe('BandwidthLimit', () => {
  it('holds 8 concurrent streams to the rate within 2% over 10 s', async () => {
    const clock = new FakeClock();
    const limit = new BandwidthLimit(20 * MB, clock);
    const stop = new AbortController();
    const passed = startStreams(limit, 8, 1024 * 1024, stop.signal);
    await clock.runUntil(10_000);
    stop.abort();
    expect(passed.bytes / 10 / MB).toBeGreaterThan(20 * 0.98);
    expect(passed.bytes / 10 / MB).toBeLessThan(20 * 1.02);
  });

  it('follows a rate change while streams wait', async () => {
    const clock = new FakeClock();
    const limit = new BandwidthLimit(50 * MB, clock);
    const stop = new AbortController();
    const passed = startStreams(limit, 4, 256 * 1024, stop.signal);
    await clock.runUntil(5_000);
    const atFive = passed.bytes;
    limit.setRate(10 * MB);
    await clock.runUntil(10_000);
    stop.abort();
    expect(atFive / 5 / MB).toBeCloseTo(50, 0);
    const after = (passed.bytes - atFive) / 5 / MB;
    expect(after).toBeGreaterThan(10 * 0.95);
    expect(after).toBeLessThan(10 * 1.05);
  });

  it('releases every waiter at once when the limit is removed, and passes everything after', async () => {
    const clock = new FakeClock();
    const limit = new BandwidthLimit(1 * MB, clock);
    const order: string[] = [];
    void limit.take(5 * MB).then(() => order.push('a'));
    void limit.take(5 * MB).then(() => order.push('b'));
    await clock.runUntil(100);
    expect(order).toEqual([]);
    limit.setRate(null);
    await clock.runUntil(100);
    expect(order.sort()).toEqual(['a', 'b']);
    await expect(limit.take(100 * MB)).resolves.toBeUndefined();
  });

  it('rejects an aborted wait, and lets a short burst through without waiting', async () => {
    const clock = new FakeClock();
    const limit = new BandwidthLimit(1 * MB, clock, 50);
    // 50 ms of credit at 1 MB/s: 50 kB pass at once.
    await expect(limit.take(50_000)).resolves.toBeUndefined();
    const stop = new AbortController();
    const waiting = limit.take(1 * MB, stop.signal);
    stop.abort();
    await expect(waiting).rejects.toThrow(/cancelled/);
    expect(() => limit.setRate(0)).toThrow(/positive/);
  });

  it('makes up a short stall of busy streams, never more than 10% over the rate in any second', async () => {
    const clock = new FakeClock();
    const limit = new BandwidthLimit(10 * MB, clock);
    const stop = new AbortController();
    const passes = stallingStreams(clock, limit, 4, 64 * 1024, [3000, 3400], stop.signal);
    await clock.runUntil(20_000);
    stop.abort();
    // Without catch-up the 400 ms would be lost for good: about 19.6 s of the rate.
    expect(total(passes) / MB).toBeGreaterThanOrEqual(10 * 19.95);
    expect(total(passes) / MB).toBeLessThanOrEqual(10 * 20.1);
    // Made up at 4% over the rate, so the seconds after the stall run fast but within bounds.
    expect(total(passes, 4000, 5000) / MB).toBeGreaterThan(10 * 1.02);
    expect(busiestSecond(passes) / MB).toBeLessThanOrEqual(10 * 1.1);
  });

  it('makes up a longer stall only up to the catch-up (a second of the rate)', async () => {
    const clock = new FakeClock();
    const limit = new BandwidthLimit(10 * MB, clock);
    const stop = new AbortController();
    const passes = stallingStreams(clock, limit, 4, 64 * 1024, [3000, 4900], stop.signal);
    await clock.runUntil(40_000);
    stop.abort();
    // 1.9 s stalled, 1.05 s made up (the catch-up and the burst): 39.15 s of the rate, plus the start's burst.
    expect(total(passes) / MB / 10).toBeCloseTo(39.2, 1);
    expect(busiestSecond(passes) / MB).toBeLessThanOrEqual(10 * 1.1);
  });

  it('gives a transfer that starts after idleness only the burst, no catch-up', async () => {
    const clock = new FakeClock();
    const limit = new BandwidthLimit(10 * MB, clock);
    const first = new AbortController();
    startStreams(limit, 2, 64 * 1024, first.signal);
    await clock.runUntil(3000);
    first.abort();
    await clock.runUntil(10_000);
    const second = new AbortController();
    const passes = stallingStreams(clock, limit, 2, 64 * 1024, [0, 0], second.signal);
    await clock.runUntil(13_000);
    second.abort();
    // 3 s of the rate and the 50 ms burst; catch-up from the idle 7 s would add 4% (0.12 s of the rate).
    expect(total(passes) / MB).toBeLessThanOrEqual(10 * 3.06);
    expect(total(passes) / MB).toBeGreaterThanOrEqual(10 * 2.98);
  });
});
