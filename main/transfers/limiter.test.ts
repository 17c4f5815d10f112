import { describe, expect, it } from 'vitest';
import { Limiter } from './limiter';

/** A task that runs until released, counting how many run at once. */
function gate(counter: { now: number; max: number }) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  const task = async () => {
    counter.now++;
    counter.max = Math.max(counter.max, counter.now);
    await done;
    counter.now--;
  };
  return { task, release };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Limiter.setLimit', () => {
  it('a higher limit starts waiting tasks at once', async () => {
    const limiter = new Limiter(1);
    const counter = { now: 0, max: 0 };
    const gates = [gate(counter), gate(counter), gate(counter)];
    const runs = gates.map((g) => limiter.run(g.task));
    await settle();
    expect(counter.now).toBe(1);
    limiter.setLimit(3);
    await settle();
    expect(counter.now).toBe(3);
    for (const g of gates) g.release();
    await Promise.all(runs);
  });

  it('a lower limit lets running tasks finish and then holds to it', async () => {
    const limiter = new Limiter(3);
    const counter = { now: 0, max: 0 };
    const gates = Array.from({ length: 6 }, () => gate(counter));
    const runs = gates.map((g) => limiter.run(g.task));
    await settle();
    expect(counter.now).toBe(3);
    limiter.setLimit(1);
    for (const g of gates.slice(0, 3)) g.release();
    await Promise.all(runs.slice(0, 3));
    await settle();
    expect(counter.now).toBe(1);
    gates[3]!.release();
    await runs[3];
    await settle();
    expect(counter.now).toBe(1);
    for (const g of gates.slice(4)) g.release();
    await Promise.all(runs);
    expect(() => limiter.setLimit(0)).toThrow();
  });
});
