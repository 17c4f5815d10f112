import { describe, expect, it } from 'vitest';
import type { BucketConfigKind } from '../../../../shared/bucket-config';
import type { EmptyBucketPlan } from '../../../../shared/buckets';
import { fail, ok } from '../../../../shared/errors';
import type { OperationProgress } from '../../../../shared/operations';
import { type BucketsApi, createBucketsStore } from './buckets-store';

const ESTIMATE = {
  table: { id: 't', name: 'T', asOf: '2025-01-01' },
  requests: { list: 0, put: 0, get: 0, delete: 3 },
  bytesRead: 0,
  bytesWritten: 0,
  lines: [],
  totalUsd: 0,
  earlyDeletion: { objects: 0, bytes: 0 },
  notes: [],
};

function fake(calls: string[], server: { config: Partial<Record<BucketConfigKind, string | null>> } = { config: {} }) {
  let progress: ((p: OperationProgress) => void) | null = null;
  const api: BucketsApi = {
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
    setVersioning: async (r) => (calls.push(`versioning:${r.bucket}:${r.enabled}`), ok({ state: r.enabled ? ('enabled' as const) : ('suspended' as const) })),
    bucketConfig: async (r) => (calls.push(`config-get:${r.kind}`), ok({ text: server.config[r.kind] ?? null })),
    saveBucketConfig: async (r) => {
      calls.push(`config-save:${r.kind}:${r.before === null ? 'none' : 'some'}`);
      server.config[r.kind] = r.text;
      return ok({ text: r.text });
    },
    planEmptyBucket: async (r) => {
      calls.push(`empty-plan:${r.bucket}`);
      const plan: EmptyBucketPlan = {
        planId: 'p1', bucket: r.bucket, objects: 2, noncurrentVersions: 1, deleteMarkers: 1, incompleteUploads: 0, bytes: 10, listRequests: 2,
        requests: { abortUploads: 0, deleteObjects: 1, deleteBucket: 1 }, sample: ['a'], estimate: ESTIMATE,
      };
      return ok(plan);
    },
    runEmptyBucket: async (r) => {
      calls.push(`empty-run:${r.planId}`);
      progress?.({ operationId: r.planId, kind: 'empty-bucket', total: 4, done: 4, failed: 0, bytesTotal: 0, bytesDone: 0, finished: true });
      return ok({ planId: r.planId, status: 'deleted' as const, removed: 4, uploadsAborted: 0, failed: [], notRun: 0, bucketError: null });
    },
    cancelEmptyBucket: async (r) => (calls.push(`empty-cancel:${r.id}`), ok({ cancelled: true })),
    discardEmptyBucket: async (r) => (calls.push(`empty-discard:${r.planId}`), ok({ discarded: true })),
    onOperationProgress: (l) => ((progress = l), () => (progress = null)),
    onPlanningProgress: () => () => {},
  };
  return api;
}

const noDeps = { onCreated: () => {}, onDeleted: () => {} };

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

  it('changes versioning only after its confirmation, then reads the info again and tells who else shows it', async () => {
    const calls: string[] = [];
    const told: string[] = [];
    const store = createBucketsStore(fake(calls), { ...noDeps, onVersioningChanged: (_c, b) => told.push(b) });
    await store.getState().openInfo('c1', 'b1');
    await store.getState().confirmVersioning();
    expect(calls).toEqual(['info:b1']);
    store.getState().askVersioning('enable');
    await store.getState().confirmVersioning();
    expect(calls).toEqual(['info:b1', 'versioning:b1:true', 'info:b1']);
    expect(told).toEqual(['b1']);
    expect(store.getState().info?.notice).toBe('Versioning enabled.');
    expect(store.getState().info?.confirmVersioning).toBeNull();
  });

  it('an editor says where the text is wrong and offers no review; the review diffs; only Save sends, with the text it was made against', async () => {
    const calls: string[] = [];
    const server = { config: { cors: '{\n  "CORSRules": []\n}' } as Partial<Record<BucketConfigKind, string | null>> };
    const store = createBucketsStore(fake(calls, server), noDeps);
    await store.getState().openInfo('c1', 'b1');
    await store.getState().openEditor('c1', 'b1', 'lifecycle');
    const e = () => store.getState().editor;
    expect(e()?.before).toBeNull();
    expect(e()?.problem).toBeNull(); // the starting example is valid
    store.getState().setText('{"Rules": [{"Status": "On", "Expiration": {"Days": 1}}]}');
    expect(e()?.problem).toEqual({ where: 'Rules[0].Status', message: 'must be one of "Enabled", "Disabled"' });
    store.getState().review();
    expect(e()?.status).toBe('editing');
    await store.getState().save();
    store.getState().setText('{"Rules": [{"Status": "Enabled", "Expiration": {"Days": 1}}]}');
    store.getState().review();
    expect(e()?.status).toBe('review');
    expect(e()?.diff?.every((l) => l.op === 'add')).toBe(true);
    expect(calls.filter((c) => c.startsWith('config-save'))).toEqual([]);
    await store.getState().save();
    expect(calls.filter((c) => c.startsWith('config-save'))).toEqual(['config-save:lifecycle:none']);
    expect(e()).toBeNull();
    await Promise.resolve();
    expect(calls.at(-1)).toBe('info:b1');

    // Removing an existing setting: the review shows every line removed, Save sends null with the old text.
    await store.getState().openEditor('c1', 'b1', 'cors');
    store.getState().askRemove();
    expect(e()?.diff?.map((l) => l.op)).toEqual(['remove', 'remove', 'remove']);
    await store.getState().save();
    expect(calls.filter((c) => c.startsWith('config-save'))).toEqual(['config-save:lifecycle:none', 'config-save:cors:some']);
    expect(server.config.cors).toBeNull();
  });

  it('empty and delete runs only once the name is typed; reports, and hands the deleted bucket on', async () => {
    const calls: string[] = [];
    const deleted: string[] = [];
    const store = createBucketsStore(fake(calls), { onCreated: () => {}, onDeleted: (_c, b) => deleted.push(b) });
    await store.getState().openInfo('c1', 'b1');
    await store.getState().openEmpty('c1', 'b1');
    expect(store.getState().empty?.plan?.objects).toBe(2);
    await store.getState().runEmpty();
    expect(calls.filter((c) => c.startsWith('empty-run'))).toEqual([]);
    store.getState().setTyped('b');
    await store.getState().runEmpty();
    expect(calls.filter((c) => c.startsWith('empty-run'))).toEqual([]);
    store.getState().setTyped('b1');
    await store.getState().runEmpty();
    expect(calls.filter((c) => c.startsWith('empty-run'))).toEqual(['empty-run:p1']);
    expect(store.getState().empty?.report?.status).toBe('deleted');
    expect(store.getState().empty?.progress?.done).toBe(4);
    expect(deleted).toEqual(['b1']);
    expect(store.getState().info).toBeNull();
  });

  it('closing a plan that was not run discards it in main', async () => {
    const calls: string[] = [];
    const store = createBucketsStore(fake(calls), noDeps);
    await store.getState().openEmpty('c1', 'b1');
    store.getState().closeEmpty();
    expect(calls).toEqual(['empty-plan:b1', 'empty-discard:p1']);
    expect(store.getState().empty).toBeNull();
  });

  it('Cancel during the run asks main to stop the plan, and the report says what was left', async () => {
    const calls: string[] = [];
    const api = fake(calls);
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const store = createBucketsStore(
      {
        ...api,
        runEmptyBucket: async (r) => {
          calls.push(`empty-run:${r.planId}`);
          await stopped;
          return ok({ planId: r.planId, status: 'cancelled' as const, removed: 1000, uploadsAborted: 0, failed: [], notRun: 500, bucketError: null });
        },
        cancelEmptyBucket: async (r) => (calls.push(`empty-cancel:${r.id}`), stop(), ok({ cancelled: true })),
      },
      noDeps,
    );
    await store.getState().openEmpty('c1', 'b1');
    store.getState().setTyped('b1');
    const running = store.getState().runEmpty();
    expect(store.getState().empty?.status).toBe('running');
    store.getState().closeEmpty(); // a running plan cannot be closed away
    expect(store.getState().empty?.status).toBe('running');
    await store.getState().cancelEmpty();
    await running;
    expect(calls.filter((c) => c.startsWith('empty-'))).toEqual(['empty-plan:b1', 'empty-run:p1', 'empty-cancel:p1']);
    expect(store.getState().empty?.report).toMatchObject({ status: 'cancelled', notRun: 500 });
  });
});
