import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../shared/errors';
import type { OperationProgress } from '../../../../shared/operations';
import type { ObjectProperties, PropertiesPlan, PropertiesPlanRequest } from '../../../../shared/properties';
import { createPropertiesStore, type PropertiesApi } from './properties-store';

const PLACE = { connectionId: 'c1', bucket: 'b', prefix: 'p/' };

const props = (over: Partial<ObjectProperties> = {}): ObjectProperties => ({
  key: 'p/a.txt',
  size: 3,
  lastModified: 0,
  etag: '"e"',
  versionId: null,
  storageClass: 'STANDARD',
  headers: { contentType: 'text/plain', cacheControl: null, contentDisposition: null, contentEncoding: null, contentLanguage: null, expires: null },
  metadata: {},
  encryption: { kind: 'none' },
  restore: { state: 'none' },
  tags: { ok: true, value: [] },
  acl: { ok: true, value: { owner: 'o', grants: [], public: false } },
  ...over,
});

const plan = (id: string, objects: number): PropertiesPlan => ({
  planId: id,
  objects,
  bytes: objects * 3,
  sample: [],
  copies: objects,
  multipartCopies: 0,
  requests: { CopyObject: objects },
  requestsAtMost: {},
  effects: [],
  estimate: {
    table: { id: 't', name: 'T', asOf: '2025-01-01' },
    requests: { list: 0, put: objects, get: 0, delete: 0 },
    bytesRead: 0,
    bytesWritten: 0,
    lines: [],
    totalUsd: 0,
    earlyDeletion: { objects: 0, bytes: 0 },
    notes: [],
  },
});

function fake(calls: string[]) {
  let listener: ((p: OperationProgress) => void) | null = null;
  let current = props();
  let release: (() => void) | null = null;
  const planned: PropertiesPlanRequest[] = [];
  const api: PropertiesApi = {
    getProperties: async (r) => (calls.push(`get:${r.key}`), ok(current)),
    planProperties: async (r) => {
      calls.push(`plan:${r.keys.join(',')}`);
      planned.push(r);
      return r.keys.includes('missing/') ? fail('NoSuchKey', 'nothing to change: the selection holds no objects') : ok(plan('p1', r.keys.length));
    },
    runProperties: async (r) => {
      calls.push(`run:${r.planId}`);
      await new Promise<void>((resolve) => (release = resolve));
      current = props({ metadata: { reviewed: 'yes' } });
      return ok({ planId: r.planId, status: 'done', total: 1, succeeded: ['p/a.txt'], failed: [], skipped: [], requests: { CopyObject: 1 } });
    },
    cancelProperties: async (r) => (calls.push(`cancel:${r.planId}`), ok({ cancelled: true })),
    discardProperties: async (r) => (calls.push(`discard:${r.planId}`), ok({ discarded: true })),
    onOperationProgress: (l) => {
      listener = l;
      return () => (listener = null);
    },
  };
  return { api, planned, progress: (p: OperationProgress) => listener?.(p), release: () => release?.() };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('properties store', () => {
  it('one object: reads it, validates as typed, plans the difference, runs with progress, reads it again', async () => {
    const calls: string[] = [];
    const f = fake(calls);
    const changed: string[][] = [];
    const store = createPropertiesStore(f.api, { onChanged: (_p, keys) => changed.push([...keys]) });
    const stop = store.getState().start();
    await store.getState().open(PLACE, ['p/a.txt']);
    expect(store.getState().dialog?.view.status).toBe('ready');
    expect(store.getState().dialog?.changes).toBe(false);

    store.getState().addRow('metadata');
    const id = store.getState().dialog!.draft.metadata[0]!.id;
    store.getState().updateRow('metadata', id, { name: 'Reviewed', value: 'yes' });
    expect(store.getState().dialog?.problems.join(' ')).toMatch(/lower case/);
    await store.getState().review();
    expect(calls).not.toContain('plan:p/a.txt'); // refused as typed: nothing sent
    store.getState().updateRow('metadata', id, { name: 'reviewed' });
    expect(store.getState().dialog?.problems).toEqual([]);
    await store.getState().review();
    expect(f.planned[0]?.edit).toEqual({ metadata: { set: { reviewed: 'yes' }, remove: [] } });
    // The place's prefix never reaches main (its schema refuses extra fields).
    expect(f.planned[0]).toMatchObject({ connectionId: 'c1', bucket: 'b', keys: ['p/a.txt'] });
    expect(Object.keys(f.planned[0]!)).not.toContain('prefix');
    expect(store.getState().dialog?.phase.step).toBe('confirm');

    const running = store.getState().run();
    await tick();
    f.progress({ operationId: 'other', kind: 'properties', total: 9, done: 9, failed: 0, bytesTotal: 0, bytesDone: 0, finished: true });
    f.progress({ operationId: 'p1', kind: 'properties', total: 1, done: 0, failed: 0, bytesTotal: 3, bytesDone: 0, finished: false });
    const phase = store.getState().dialog?.phase;
    expect(phase?.step === 'running' && phase.progress?.total).toBe(1);
    f.release();
    await running;
    expect(store.getState().dialog?.phase.step).toBe('done');
    expect(changed).toEqual([['p/a.txt']]);
    expect(calls).toEqual(['get:p/a.txt', 'plan:p/a.txt', 'run:p1', 'get:p/a.txt']);
    expect(store.getState().dialog?.view.props?.metadata).toEqual({ reviewed: 'yes' });
    store.getState().back();
    expect(store.getState().dialog?.phase.step).toBe('edit');
    expect(store.getState().dialog?.draft.metadata.map((r) => r.name)).toEqual(['reviewed']);
    stop();
  });

  it('many objects: no read, Back and Close discard the plan in main, a plan error goes back to the form', async () => {
    const calls: string[] = [];
    const f = fake(calls);
    const store = createPropertiesStore(f.api);
    await store.getState().open(PLACE, ['p/a.txt', 'p/sub/']);
    expect(store.getState().dialog?.view.status).toBe('none');
    store.getState().setStorageClass('STANDARD_IA');
    await store.getState().review();
    expect(f.planned[0]?.edit).toEqual({ storageClass: 'STANDARD_IA' });
    store.getState().back();
    await store.getState().review();
    store.getState().close();
    expect(store.getState().dialog).toBeNull();
    expect(calls).toEqual(['plan:p/a.txt,p/sub/', 'discard:p1', 'plan:p/a.txt,p/sub/', 'discard:p1']);

    await store.getState().open(PLACE, ['missing/']);
    store.getState().setAcl('private');
    await store.getState().review();
    expect(store.getState().dialog?.phase.step).toBe('edit');
    expect(store.getState().dialog?.error?.code).toBe('NoSuchKey');
  });

  it('cancel asks main to stop the running plan', async () => {
    const calls: string[] = [];
    const f = fake(calls);
    const store = createPropertiesStore(f.api);
    await store.getState().open(PLACE, ['p/a.txt', 'p/b.txt']);
    store.getState().setAcl('public-read');
    await store.getState().review();
    const running = store.getState().run();
    await store.getState().cancelRun();
    const phase = store.getState().dialog?.phase;
    expect(phase?.step === 'running' && phase.cancelling).toBe(true);
    expect(calls).toContain('cancel:p1');
    f.release();
    await running;
  });
});
