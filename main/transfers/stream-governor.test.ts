import { describe, expect, it } from 'vitest';
import { StreamGovernor } from './stream-governor';

const MiB = 1024 * 1024;

/**
 * Drive a governor against a link whose rate (bytes per ms) depends on the streams in flight, in 1 MiB
 * steps, for `totalMiB`; returns the targets it chose, in order.
 */
function run(governor: StreamGovernor, rateOf: (streams: number) => number, clock: { t: number }, totalMiB: number): number[] {
  const chosen = [governor.target];
  for (let i = 0; i < totalMiB; i++) {
    clock.t += MiB / rateOf(governor.target);
    if (governor.onBytes(MiB)) chosen.push(governor.target);
  }
  return chosen;
}

describe('StreamGovernor', () => {
  it('adds streams while each one raises the rate, up to the maximum (a far server)', () => {
    const clock = { t: 0 };
    const g = new StreamGovernor(4, 8, () => clock.t);
    // Latency-bound: every stream adds the same rate.
    expect(run(g, (n) => n * 10_000, clock, 2048)).toEqual([4, 5, 6, 7, 8]);
  });

  it('stays at the first number that fills the link (a near server)', () => {
    const clock = { t: 0 };
    const g = new StreamGovernor(4, 8, () => clock.t);
    // Full at four streams: a fifth adds nothing.
    expect(run(g, (n) => Math.min(n, 4) * 100_000, clock, 2048)).toEqual([4, 5, 4]);
  });

  it('takes back an addition that made it slower, then stays', () => {
    const clock = { t: 0 };
    const g = new StreamGovernor(4, 8, () => clock.t);
    expect(run(g, (n) => (n <= 5 ? n * 100_000 : 300_000), clock, 2048)).toEqual([4, 5, 6, 5]);
  });

  it('never starts above the maximum, and a maximum reached means no measuring', () => {
    const clock = { t: 0 };
    const g = new StreamGovernor(6, 2, () => clock.t);
    expect(g.target).toBe(2);
    expect(run(g, (n) => n * 10_000, clock, 256)).toEqual([2]);
  });
});
