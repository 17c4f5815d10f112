import { describe, expect, it } from 'vitest';
import type { SyncLocation, SyncRow } from '../../shared/sync';
import { planSync } from './planner';

const local: SyncLocation = { kind: 'local', path: '/tmp/x' };
const s3: SyncLocation = { kind: 's3', connectionId: 'c', bucket: 'b', prefix: 'p/' };
const e = (size: number, lastModified = 0) => ({ size, lastModified });
const rows: SyncRow[] = [
  { key: 'a', group: 'left-only', reason: 'only on the left', left: e(1), right: null },
  { key: 'b', group: 'right-only', reason: 'only on the right', left: null, right: e(2) },
  { key: 'c', group: 'different', reason: 'size differs', left: e(3, 20), right: e(4, 10) },
  { key: 'd', group: 'same', reason: 'same MD5', left: e(5), right: e(5) },
  { key: 'e', group: 'unverified', reason: 'same size, content unverified', left: e(6), right: e(6) },
  { key: 'f', group: 'different', reason: 'MD5 differs', left: e(7, 5), right: e(7, 5) },
];

describe('planSync', () => {
  it('makes the right like the left without deleting unless asked', () => {
    const plan = planSync(rows, { left: local, right: s3 }, 'make-right', false);
    expect(plan.actions.map((a) => `${a.kind}:${a.key}`)).toEqual(['upload:a', 'upload:c', 'upload:f']);
    expect(plan.totals.upload).toEqual({ count: 3, bytes: 11 });
    expect(plan.totals['delete-s3'].count).toBe(0);
    expect(plan.skipped.map((s) => s.key)).toEqual(['b', 'e']);
  });

  it('deletes the right side extras only when asked', () => {
    const plan = planSync(rows, { left: local, right: s3 }, 'make-right', true);
    expect(plan.actions.filter((a) => a.kind === 'delete-s3').map((a) => a.key)).toEqual(['b']);
  });

  it('makes the left like the right with downloads', () => {
    const plan = planSync(rows, { left: local, right: s3 }, 'make-left', false);
    expect(plan.actions.map((a) => `${a.kind}:${a.key}`)).toEqual(['download:b', 'download:c', 'download:f']);
  });

  it('both ways: newer wins, equal times are listed conflicts', () => {
    const plan = planSync(rows, { left: local, right: s3 }, 'both', false);
    expect(plan.actions.map((a) => `${a.kind}:${a.key}`)).toEqual(['upload:a', 'download:b', 'upload:c']);
    expect(plan.skipped.find((s) => s.key === 'f')?.reason).toMatch(/^conflict/);
  });

  it('copies between two S3 sides', () => {
    const plan = planSync(rows, { left: s3, right: { ...s3, prefix: 'q/' } }, 'make-right', false);
    expect(plan.actions.every((a) => a.kind === 'copy')).toBe(true);
  });
});
