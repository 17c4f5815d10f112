import { describe, expect, it } from 'vitest';
import { AWS_US_EAST_1, estimateCost, formatUsd, R2, tableFor, WASABI } from './cost';

const GiB = 1024 ** 3;
const line = (e: ReturnType<typeof estimateCost>, start: string) => e.lines.find((l) => l.label.startsWith(start))?.usd;

// Every expected value below is worked out by hand from the table's list prices.
describe('estimateCost', () => {
  it('a delete of 2,500 STANDARD objects: 3 DeleteObjects, free, nothing else', () => {
    const e = estimateCost(AWS_US_EAST_1, {
      requests: [{ kind: 'delete', count: 3 }],
      bytesRead: 0,
      bytesWritten: 0,
      removals: Array.from({ length: 2500 }, () => ({ storageClass: 'STANDARD', bytes: 1000, ageDays: 1 })),
    });
    expect(e.requests).toEqual({ list: 0, put: 0, get: 0, delete: 3 });
    expect(e.totalUsd).toBe(0);
    expect(e.earlyDeletion).toEqual({ objects: 0, bytes: 0 });
    expect(e.table).toEqual({ id: 'aws-us-east-1', name: 'AWS S3 list prices, us-east-1', asOf: '2025-06-01' });
  });

  it('deleting 10 GiB of STANDARD_IA 10 days old bills the 20 days left: 10 × 0.0125 × 20/30 = $0.083333', () => {
    const e = estimateCost(AWS_US_EAST_1, {
      requests: [{ kind: 'delete', count: 1 }],
      bytesRead: 0,
      bytesWritten: 0,
      removals: Array.from({ length: 10 }, () => ({ storageClass: 'STANDARD_IA', bytes: GiB, ageDays: 10 })),
    });
    expect(e.totalUsd).toBeCloseTo(0.0833333, 6);
    expect(e.earlyDeletion).toEqual({ objects: 10, bytes: 10 * GiB });
  });

  it('Deep Archive 100 days old owes 80 days; Glacier 95 days old owes nothing', () => {
    const e = estimateCost(AWS_US_EAST_1, {
      requests: [],
      bytesRead: 0,
      bytesWritten: 0,
      removals: [
        { storageClass: 'DEEP_ARCHIVE', bytes: 30 * GiB, ageDays: 100 },
        { storageClass: 'GLACIER', bytes: 30 * GiB, ageDays: 95 },
      ],
    });
    // 30 × 0.00099 × 80/30 = 0.0792
    expect(e.totalUsd).toBeCloseTo(0.0792, 6);
    expect(e.earlyDeletion.objects).toBe(1);
  });

  it('a streamed copy of 2 GiB: 1 GET, 1 PUT, 2 GiB out at $0.09', () => {
    const e = estimateCost(AWS_US_EAST_1, {
      requests: [
        { kind: 'get', storageClass: 'STANDARD', count: 1 },
        { kind: 'put', storageClass: 'STANDARD', count: 1 },
      ],
      bytesRead: 2 * GiB,
      bytesWritten: 2 * GiB,
    });
    // 0.0004/1000 + 0.005/1000 + 2 × 0.09 = 0.1800054
    expect(e.totalUsd).toBeCloseTo(0.1800054, 9);
    expect(line(e, 'Data transfer out')).toBeCloseTo(0.18, 9);
    expect(line(e, 'Data transfer in (free)')).toBe(0);
  });

  it('changing 2,500 objects to STANDARD_IA: 7,500 reads at STANDARD, 2,500 copies at IA prices', () => {
    const e = estimateCost(AWS_US_EAST_1, {
      requests: [
        { kind: 'get', storageClass: 'STANDARD', count: 7500 },
        { kind: 'put', storageClass: 'STANDARD_IA', count: 2500 },
      ],
      bytesRead: 0,
      bytesWritten: 0,
    });
    // 7.5 × 0.0004 + 2.5 × 0.01 = 0.003 + 0.025
    expect(line(e, '7,500 GET/HEAD')).toBeCloseTo(0.003, 9);
    expect(line(e, '2,500 PUT/COPY/POST')).toBeCloseTo(0.025, 9);
    expect(e.totalUsd).toBeCloseTo(0.028, 9);
  });

  it('restores by tier: Deep Archive Bulk 1,000 objects of 100 GiB = 100 × 0.0025 + 1 × 0.025 = $0.275', () => {
    const e = estimateCost(AWS_US_EAST_1, {
      requests: [],
      bytesRead: 0,
      bytesWritten: 0,
      restores: [
        { storageClass: 'DEEP_ARCHIVE', tier: 'Bulk', objects: 1000, bytes: 100 * GiB },
        { storageClass: 'DEEP_ARCHIVE', tier: 'Expedited', objects: 1, bytes: GiB },
      ],
    });
    expect(e.totalUsd).toBeCloseTo(0.275, 9);
    expect(e.notes).toContain('DEEP_ARCHIVE has no Expedited restore in this table.');
  });

  it('IA retrieval: a server-side copy of 50 GiB out of STANDARD_IA pays 50 × 0.01', () => {
    const e = estimateCost(AWS_US_EAST_1, { requests: [], bytesRead: 0, bytesWritten: 0, retrievals: [{ storageClass: 'STANDARD_IA', bytes: 50 * GiB }, { storageClass: 'STANDARD', bytes: GiB }] });
    expect(e.totalUsd).toBeCloseTo(0.5, 9);
    expect(e.lines).toHaveLength(1);
  });

  it('Wasabi bills 90 days for everything, no requests, no egress', () => {
    const e = estimateCost(WASABI, {
      requests: [{ kind: 'get', count: 1_000_000 }, { kind: 'put', count: 1000 }],
      bytesRead: 100 * GiB,
      bytesWritten: 0,
      removals: [{ storageClass: 'STANDARD', bytes: GiB, ageDays: 30 }],
    });
    // 1 × 0.00699 × 60/30 = 0.01398
    expect(e.totalUsd).toBeCloseTo(0.01398, 9);
    expect(e.table.name).toBe('Wasabi pay-as-you-go');
  });

  it('R2: class A and B per million, egress free and said so', () => {
    const e = estimateCost(R2, { requests: [{ kind: 'put', count: 1_000_000 }, { kind: 'get', count: 1_000_000 }, { kind: 'list', count: 1000 }], bytesRead: 10 * GiB, bytesWritten: 0 });
    // 4.50 + 0.36 + 1 × 0.0045
    expect(e.totalUsd).toBeCloseTo(4.8645, 9);
    expect(line(e, 'Data transfer out (free on this provider)')).toBe(0);
  });
});

describe('tableFor and formatUsd', () => {
  it('picks Wasabi and R2 by preset, AWS otherwise', () => {
    const tables = [AWS_US_EAST_1, WASABI, R2];
    expect(tableFor(tables, 'wasabi', 'us-east-1').id).toBe('wasabi');
    expect(tableFor(tables, 'r2', 'auto').id).toBe('r2');
    expect(tableFor(tables, null, 'eu-west-1').id).toBe('aws-us-east-1');
    expect(tableFor(tables, 'ceph', 'us-east-1').id).toBe('aws-us-east-1');
  });

  it('keeps four decimals below a dollar so a few requests do not read as free', () => {
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(0.00004)).toBe('< $0.0001');
    expect(formatUsd(0.028)).toBe('$0.0280');
    expect(formatUsd(12.5)).toBe('$12.50');
  });
});
