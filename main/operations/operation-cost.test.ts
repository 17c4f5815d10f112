import { describe, expect, it } from 'vitest';
import { AWS_US_EAST_1, estimateCost } from '../../shared/cost';
import { DEFAULT_COPY_LIMITS } from './object-copy';
import { operationCostInput } from './operation-cost';
import type { StoredPlan } from './plan-store';

const DAY = 86_400_000;
const NOW = 1_000 * DAY;
const GiB = 1024 ** 3;
const place = { connectionId: 'a', bucket: 'b' };

function plan(kind: StoredPlan['kind'], items: StoredPlan['items'], target: StoredPlan['target'] = place): Pick<StoredPlan, 'kind' | 'items' | 'source' | 'target'> {
  return { kind, items, source: place, target: kind === 'delete' ? null : target };
}

describe('operation cost inputs, priced by hand', () => {
  it('a move of 1,500 IA objects (1 GiB each, 6 days old) within a connection', () => {
    const items = Array.from({ length: 1500 }, (_, i) => ({ src: `k${i}`, dst: `d/k${i}`, size: GiB, storageClass: 'STANDARD_IA', lastModified: NOW - 6 * DAY }));
    const e = estimateCost(AWS_US_EAST_1, operationCostInput(plan('move', items), DEFAULT_COPY_LIMITS, NOW));
    expect(e.requests).toEqual({ list: 0, put: 1500, get: 0, delete: 2 });
    // copies 1.5 × $0.01 = 0.015; retrieval 1500 GiB × $0.01 = 15; early deletion 1500 × 0.0125 × 24/30 = 15
    expect(e.totalUsd).toBeCloseTo(0.015 + 15 + 15, 6);
    expect(e.bytesRead).toBe(0);
  });

  it('a copy across connections streams: GET + PUT per object, the bytes leave the provider', () => {
    const items = [{ src: 'a', dst: 'a', size: 12 * 1024 * 1024, storageClass: 'STANDARD', lastModified: NOW }];
    const input = operationCostInput(plan('copy', items, { connectionId: 'other', bucket: 'c' }), DEFAULT_COPY_LIMITS, NOW);
    const e = estimateCost(AWS_US_EAST_1, input);
    // 12 MiB in 5 MiB parts: create + 3 parts + complete = 5 PUT-class requests
    expect(e.requests).toEqual({ list: 0, put: 5, get: 1, delete: 0 });
    expect(e.bytesRead).toBe(12 * 1024 * 1024);
    expect(e.earlyDeletion.objects).toBe(0);
  });

  it('a delete of young STANDARD objects costs nothing; of unknown age, no early-deletion guess', () => {
    const items = [
      { src: 'a', dst: null, size: GiB, storageClass: 'STANDARD', lastModified: NOW },
      { src: 'b', dst: null, size: GiB, storageClass: 'GLACIER', lastModified: 0 },
    ];
    const e = estimateCost(AWS_US_EAST_1, operationCostInput(plan('delete', items), DEFAULT_COPY_LIMITS, NOW));
    expect(e.totalUsd).toBe(0);
    expect(e.requests.delete).toBe(1);
  });
});
