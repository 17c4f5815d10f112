import { describe, expect, it } from 'vitest';
import type { OperationProgress } from '../../shared/operations';
import { PlanStore } from './plan-store';
import { ProgressMeter } from './progress';

describe('PlanStore', () => {
  const draft = { kind: 'delete' as const, source: { connectionId: 'c', bucket: 'b' }, target: null, items: [], missing: [] };

  it('hands a plan out once, and never after it expired', () => {
    let t = 0;
    const store = new PlanStore({ ttlMs: 1000, maxPlans: 10, now: () => t });
    const a = store.add(draft);
    expect(store.take(a.id)?.id).toBe(a.id);
    expect(store.take(a.id)).toBeUndefined();
    const b = store.add(draft);
    t = 1001;
    expect(store.take(b.id)).toBeUndefined();
  });

  it('keeps at most maxPlans, dropping the oldest', () => {
    const store = new PlanStore({ ttlMs: 1000, maxPlans: 2, now: () => 0 });
    const [a, b, c] = [store.add(draft), store.add(draft), store.add(draft)];
    expect(store.discard(a.id)).toBe(false);
    expect(store.take(b.id)).toBeDefined();
    expect(store.take(c.id)).toBeDefined();
  });
});

describe('ProgressMeter', () => {
  it('reports at most once per interval, and always the start and the end', () => {
    let t = 0;
    const sent: OperationProgress[] = [];
    const meter = new ProgressMeter('op', 'delete', 5, 50, (p) => sent.push(p), 100, () => t);
    meter.start();
    meter.succeeded(1, 10);
    meter.succeeded(1, 10);
    t = 150;
    meter.failedOne();
    meter.succeeded(2, 20);
    meter.finish();
    expect(sent.map((p) => [p.done, p.failed, p.bytesDone, p.finished])).toEqual([
      [0, 0, 0, false],
      [2, 1, 20, false],
      [4, 1, 40, true],
    ]);
  });
});
