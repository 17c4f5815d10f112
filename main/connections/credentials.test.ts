import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { describe, expect, it } from 'vitest';
import { memoizeCredentials, refreshMarginMs } from './credentials';

/** A provider whose answers the test releases one by one, counting how often it was asked. */
function gatedProvider() {
  const waiting: Array<{ resolve: (v: AwsCredentialIdentity) => void; reject: (e: Error) => void }> = [];
  return {
    calls: () => waiting.length,
    provider: () => new Promise<AwsCredentialIdentity>((resolve, reject) => waiting.push({ resolve, reject })),
    answer: (n: number, expiration: number | null) =>
      waiting[n]!.resolve({ accessKeyId: `K${n}`, secretAccessKey: 's', ...(expiration !== null ? { expiration: new Date(expiration) } : {}) }),
    fail: (n: number) => waiting[n]!.reject(new Error('source down')),
  };
}

describe('credential memoization', () => {
  it('refreshes 5 minutes early for real sessions, a third of the lifetime early for short ones', () => {
    expect(refreshMarginMs(3600_000)).toBe(300_000);
    expect(refreshMarginMs(900_000)).toBe(300_000);
    expect(refreshMarginMs(3000)).toBe(1000);
    expect(refreshMarginMs(-5)).toBe(0);
  });

  it('callers waiting on one resolve share it; the value is kept until its refresh point, then resolved anew', async () => {
    let t = 0;
    const g = gatedProvider();
    const get = memoizeCredentials(g.provider, () => t);
    const first = [get(), get(), get()];
    expect(g.calls()).toBe(1);
    g.answer(0, 3000);
    expect((await Promise.all(first)).map((c) => c.accessKeyId)).toEqual(['K0', 'K0', 'K0']);
    t = 1999;
    expect((await get()).accessKeyId).toBe('K0');
    expect(g.calls()).toBe(1);
    t = 2000;
    const second = get();
    expect(g.calls()).toBe(2);
    g.answer(1, 5000);
    expect((await second).accessKeyId).toBe('K1');
  });

  it('never caches a failure, and keeps credentials without an expiry', async () => {
    const g = gatedProvider();
    const get = memoizeCredentials(g.provider, () => 0);
    const failed = get();
    g.fail(0);
    await expect(failed).rejects.toThrow('source down');
    const next = get();
    expect(g.calls()).toBe(2);
    g.answer(1, null);
    expect((await next).accessKeyId).toBe('K1');
    await get();
    expect(g.calls()).toBe(2);
  });
});
