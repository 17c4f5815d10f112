import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../shared/errors';
import { type BucketsApi, createBucketsStore } from './buckets-store';

function fake(calls: string[]): BucketsApi {
  return {
    createBucket: async (r) => (calls.push(`create:${r.name}:${r.region ?? '-'}`), ok({ name: r.name, region: r.region ?? 'us-east-1' })),
    deleteBucket: async (r) => (calls.push(`delete:${r.bucket}`), r.bucket === 'full' ? fail('Conflict', 'the bucket "full" is not empty') : ok({ deleted: true as const })),
    bucketInfo: async (r) =>
      (calls.push(`info:${r.bucket}`),
      ok({
        name: r.bucket,
        region: { ok: true, value: 'eu-west-1' },
        versioning: { ok: true, value: 'never' },
        encryption: { ok: true, value: null },
        publicAccessBlock: { ok: false, error: { code: 'AccessDenied', message: 'denied' } },
        objectLock: { ok: true, value: null },
        owner: { ok: true, value: { id: 'abc', displayName: 'Owner' } },
      })),
  };
}

describe('buckets store', () => {
  it('checks the name as typed and sends nothing while it is wrong', async () => {
    const calls: string[] = [];
    const created: string[] = [];
    const store = createBucketsStore(fake(calls), { onCreated: (_c, b) => created.push(b), onDeleted: () => {} });
    store.getState().openNew('c1', 'eu-west-1');
    store.getState().setName('Bad_Name');
    expect(store.getState().create?.problem).toMatch(/lower-case/);
    await store.getState().submitNew();
    expect(calls).toEqual([]);
    store.getState().setName('good-name');
    expect(store.getState().create?.problem).toBeNull();
    await store.getState().submitNew();
    expect(calls).toEqual(['create:good-name:eu-west-1']);
    expect(created).toEqual(['good-name']);
    expect(store.getState().create).toBeNull();
  });

  it('shows the settings; deletes only after the confirmation, and keeps the dialog with the reason when refused', async () => {
    const calls: string[] = [];
    const deleted: string[] = [];
    const store = createBucketsStore(fake(calls), { onCreated: () => {}, onDeleted: (_c, b) => deleted.push(b) });
    await store.getState().openInfo('c1', 'full');
    expect(store.getState().info?.details?.region).toEqual({ ok: true, value: 'eu-west-1' });
    await store.getState().confirmDelete();
    expect(calls).toEqual(['info:full']); // not asked yet: nothing sent
    store.getState().askDelete(true);
    await store.getState().confirmDelete();
    expect(store.getState().info?.error?.code).toBe('Conflict');
    expect(deleted).toEqual([]);
    await store.getState().openInfo('c1', 'empty');
    store.getState().askDelete(true);
    await store.getState().confirmDelete();
    expect(deleted).toEqual(['empty']);
    expect(store.getState().info).toBeNull();
  });
});
