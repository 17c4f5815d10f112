import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICE_TABLES, estimateCost } from '../../shared/cost';
import type { ObjectVersion } from '../../shared/versions';
import { deleteRequests, emptyCostInput } from './empty-planner';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 31);
const GIB = 1024 ** 3;
const v = (key: string, storageClass: string, size: number, ageDays: number, isDeleteMarker = false): ObjectVersion => ({
  key, versionId: `${key}-v`, isLatest: true, isDeleteMarker, size, etag: '', lastModified: NOW - ageDays * DAY, storageClass,
});

describe('the cost of emptying a bucket, checked by hand', () => {
  it('deletes are free; versions inside their minimum duration are billed for the days left', () => {
    const draft = {
      versions: [
        v('ia.bin', 'STANDARD_IA', 10 * GIB, 10), // 20 of 30 days left
        v('glacier.bin', 'GLACIER', 3 * GIB, 30), // 60 of 90 days left
        v('old-ia.bin', 'STANDARD_IA', GIB, 45), // past its 30 days: nothing
        v('std.bin', 'STANDARD', GIB, 1), // no minimum
        v('gone.bin', 'STANDARD_IA', 0, 1, true), // a delete marker stores nothing
      ],
      uploads: [{ key: 'u1', uploadId: 'a' }, { key: 'u2', uploadId: 'b' }],
      listRequests: 2,
    };
    const aws = DEFAULT_PRICE_TABLES.find((t) => t.id === 'aws-us-east-1')!;
    const e = estimateCost(aws, emptyCostInput(draft, NOW));
    // 1 DeleteObjects (5 versions) + 2 AbortMultipartUpload + 1 DeleteBucket, all free.
    expect(deleteRequests(draft)).toBe(1);
    expect(e.requests).toEqual({ list: 0, put: 0, get: 0, delete: 4 });
    // IA: 10 GB × $0.0125 × 20/30 = $0.083333…; Glacier: 3 GB × $0.0036 × 60/30 = $0.0216.
    expect(e.earlyDeletion).toEqual({ objects: 2, bytes: 13 * GIB });
    expect(e.totalUsd).toBeCloseTo(10 * 0.0125 * (20 / 30) + 3 * 0.0036 * 2, 10);
    expect(e.table.id).toBe('aws-us-east-1');
  });

  it('Wasabi bills every object its 90 days, whatever its class', () => {
    const wasabi = DEFAULT_PRICE_TABLES.find((t) => t.id === 'wasabi')!;
    const e = estimateCost(wasabi, emptyCostInput({ versions: [v('a', 'STANDARD', GIB, 30)], uploads: [], listRequests: 1 }, NOW));
    const p = wasabi.classes[wasabi.fallbackClass]!;
    expect(p.minimumDays).toBe(90);
    expect(e.totalUsd).toBeCloseTo(p.storageGbMonth * (60 / 30), 10);
  });
});
