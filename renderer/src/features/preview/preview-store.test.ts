import { describe, expect, it } from 'vitest';
import type { Result } from '../../../../shared/errors';
import { createPreviewStore, type PreviewApi } from './preview-store';

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });
const place = { connectionId: 'c1', bucket: 'b' };

function fakeApi(overrides: Partial<PreviewApi> = {}) {
  const calls: Array<{ method: string; req: unknown }> = [];
  const rec =
    <K extends keyof PreviewApi>(method: K, impl: PreviewApi[K]) =>
    ((req: unknown) => {
      calls.push({ method, req });
      return (impl as (r: unknown) => unknown)(req);
    }) as PreviewApi[K];
  const api: PreviewApi = {
    previewText: rec('previewText', overrides.previewText ?? ((r) => ok({ kind: 'text', text: r.offset === 0 ? 'héllo ' : 'world', next: r.offset === 0 ? 7 : 12, more: r.offset === 0, size: 12, contentType: null, binary: false, cost: { requests: 1, bytes: r.offset === 0 ? 7 : 5 } }))),
    previewBytes: rec('previewBytes', overrides.previewBytes ?? (() => ok({ kind: 'bytes', base64: btoa('PNG'), size: 3, contentType: 'image/png', cost: { requests: 1, bytes: 3 } }))),
    previewParquet: rec('previewParquet', overrides.previewParquet ?? (() => ok({ kind: 'unreadable', message: 'not parquet', size: 4, cost: { requests: 1, bytes: 4 } }))),
    previewZip: rec('previewZip', overrides.previewZip ?? (() => ok({ kind: 'zip', size: 9, entryCount: 0, entries: [], cost: { requests: 1, bytes: 9 } }))),
    openMediaPreview: rec('openMediaPreview', () => ok({ url: 's3desk-media://media/x' })),
    closeMediaPreview: rec('closeMediaPreview', () => ok({ closed: true })),
    cancelPreview: rec('cancelPreview', () => ok({ cancelled: true })),
    openExternally: rec('openExternally', overrides.openExternally ?? (() => Promise.resolve({ ok: false, error: { code: 'LocalFileError', message: 'no app for .xyz' } }))),
  };
  return { api, calls };
}

let n = 0;
const opts = { newId: () => `id-${++n}`, createObjectUrl: () => `blob:${n}`, revokeObjectUrl: (u: string) => revoked.push(u) };
const revoked: string[] = [];

describe('preview store', () => {
  it('shows text with its cost and adds "load more" to both', async () => {
    const { api, calls } = fakeApi();
    const s = createPreviewStore(api, opts);
    await s.getState().open(place, 'docs/a.txt');
    expect(s.getState().shown).toMatchObject({ kind: 'text', status: 'ready', content: { type: 'text', text: 'héllo ', more: true }, cost: { requests: 1, bytes: 7 } });
    await s.getState().loadMore();
    expect(s.getState().shown).toMatchObject({ content: { text: 'héllo world', more: false }, cost: { requests: 2, bytes: 12 } });
    expect(calls.filter((c) => c.method === 'previewText').map((c) => (c.req as { offset: number }).offset)).toEqual([0, 7]);
  });

  it('an older version is read by its id on every call, load more and media included; current otherwise', async () => {
    const { api, calls } = fakeApi();
    const s = createPreviewStore(api, opts);
    const version = { id: 'v-old', label: 'version of 2026-01-02 03:04' };
    await s.getState().open(place, 'docs/a.txt', version);
    await s.getState().loadMore();
    await s.getState().open(place, 'p.png', version);
    await s.getState().open(place, 'clip.mp4', version);
    expect(s.getState().shown?.version).toEqual(version);
    const reads = calls.filter((c) => c.method !== 'closeMediaPreview' && c.method !== 'cancelPreview');
    expect(reads.map((c) => c.method)).toEqual(['previewText', 'previewText', 'previewBytes', 'openMediaPreview']);
    expect(reads.every((c) => (c.req as { versionId?: string }).versionId === 'v-old')).toBe(true);
    calls.length = 0;
    await s.getState().open(place, 'docs/a.txt');
    expect(s.getState().shown?.version).toBeNull();
    expect(calls[0]?.req).not.toHaveProperty('versionId');
  });

  it('reads gzip with gzip on, and unknown types without any request', async () => {
    const { api, calls } = fakeApi();
    const s = createPreviewStore(api, opts);
    await s.getState().open(place, 'logs/app.csv.gz');
    expect(calls[0]).toMatchObject({ method: 'previewText', req: { gzip: true, offset: 0 } });
    expect(s.getState().shown?.content).toMatchObject({ type: 'text', as: 'csv' });
    calls.length = 0;
    await s.getState().open(place, 'disk.iso');
    expect(s.getState().shown).toMatchObject({ status: 'ready', content: { type: 'unknown' }, cost: { requests: 0, bytes: 0 } });
    expect(calls).toEqual([]);
  });

  it('makes a blob address for an image and releases it on switch and close; media tokens too', async () => {
    const { api, calls } = fakeApi();
    const s = createPreviewStore(api, opts);
    await s.getState().open(place, 'p.png');
    const url = (s.getState().shown?.content as { url: string }).url;
    await s.getState().open(place, 'song.wav');
    expect(revoked).toContain(url);
    expect(s.getState().shown?.content).toEqual({ type: 'media', url: 's3desk-media://media/x', video: false });
    s.getState().close();
    expect(calls.some((c) => c.method === 'closeMediaPreview')).toBe(true);
    expect(s.getState().shown).toBeNull();
  });

  it('drops an answer for an object no longer shown, and cancels its read', async () => {
    let resolveFirst: (v: Result<never>) => void = () => {};
    const { api, calls } = fakeApi({ previewParquet: () => new Promise((r) => (resolveFirst = r as never)) });
    const s = createPreviewStore(api, opts);
    const first = s.getState().open(place, 'big.parquet');
    const firstId = s.getState().shown?.requestId;
    await s.getState().open(place, 'b.zip');
    expect(calls.find((c) => c.method === 'cancelPreview')?.req).toEqual({ requestId: firstId });
    resolveFirst({ ok: true, value: { kind: 'unreadable', message: 'late', size: 0, cost: { requests: 1, bytes: 1 } } } as never);
    await first;
    expect(s.getState().shown).toMatchObject({ key: 'b.zip', content: { type: 'zip' } });
  });

  it('Cancel stops a first read and says how to retry', async () => {
    const { api, calls } = fakeApi({ previewParquet: () => new Promise(() => {}) });
    const s = createPreviewStore(api, opts);
    void s.getState().open(place, 'huge.parquet');
    s.getState().cancel();
    expect(calls.at(-1)?.method).toBe('cancelPreview');
    expect(s.getState().shown).toMatchObject({ status: 'error', error: { code: 'Cancelled' }, requestId: null });
  });

  it('reports why Open failed, naming the cause', async () => {
    const { api } = fakeApi();
    const s = createPreviewStore(api, opts);
    expect(await s.getState().openExternally(place, 'x.xyz', false)).toBeNull();
    expect(s.getState().external).toEqual({ message: 'Local file problem: no app for .xyz', error: true });
  });
});
