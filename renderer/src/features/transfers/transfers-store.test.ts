import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../../../shared/errors';
import type { EnqueueOutcome, TransferItem, TransferProgressEvent, UnfinishedReport, UnfinishedTransfer } from '../../../../shared/transfers';
import { selectItems } from './selectors';
import { createTransfersStore, EMPTY_TOTALS, STREAM_CHUNK, type DroppedFile } from './transfers-store';

function item(id: string, patch: Partial<TransferItem> = {}): TransferItem {
  return {
    id,
    batchId: 'b1',
    direction: 'download',
    connectionId: 'c',
    bucket: 'bk',
    key: `k/${id}`,
    localPath: null,
    size: 10,
    transferred: 0,
    state: 'queued',
    error: null,
    note: null,
    rate: 0,
    etaSeconds: null,
    ...patch,
  };
}

/** A fake of the transfer part of the preload API: records every call, answers from scripted outcomes. */
function unfinishedItem(id: string): UnfinishedTransfer {
  return { id, direction: 'download', connectionId: 'c', bucket: 'bk', key: `k/${id}`, localPath: `/d/${id}`, size: 100, bytesKept: 40, state: 'interrupted', note: null };
}

function fakeApi(unfinished: UnfinishedReport = { items: [], setAside: null }) {
  const calls: Array<[string, unknown]> = [];
  let listener: ((e: TransferProgressEvent) => void) | null = null;
  const outcomes: Array<Result<EnqueueOutcome>> = [];
  const queued: Result<EnqueueOutcome> = ok({ status: 'queued', batchId: 'b', queued: 1, refused: [] });
  const next = () => outcomes.shift() ?? queued;
  let streams = 0;
  const api = {
    listTransfers: async (r: unknown) => (calls.push(['list', r]), ok({ items: [item('old', { state: 'done' })], totals: { ...EMPTY_TOTALS, items: 1, done: 1 } })),
    onTransferProgress: (l: (e: TransferProgressEvent) => void) => {
      listener = l;
      return () => (listener = null);
    },
    downloadObjects: async (r: unknown) => (calls.push(['download', r]), next()),
    uploadPaths: async (r: unknown) => (calls.push(['upload', r]), next()),
    openUploadStream: async (r: unknown) => (calls.push(['open', r]), ok({ streamId: `s${++streams}` })),
    writeUploadStream: async (r: { offset: number; data: string }) => (calls.push(['write', r]), ok({ received: r.offset + atob(r.data).length })),
    closeUploadStream: async (r: unknown) => (calls.push(['close', r]), ok({ size: 0 })),
    cancelTransfers: async (r: unknown) => (calls.push(['cancel', r]), ok({ count: 1 })),
    retryTransfers: async (r: unknown) => (calls.push(['retry', r]), ok({ count: 1 })),
    clearTransfers: async (r: unknown) => (calls.push(['clear', r]), ok({ count: 1 })),
    pickDownloadFolder: async (r: unknown) => (calls.push(['pickFolder', r]), ok({ path: '/home/me/Downloads' })),
    pickUploadPaths: async (r: unknown) => (calls.push(['pickUpload', r]), ok({ paths: ['/home/me/a.txt'] })),
    showDownloadInFolder: async (r: unknown) => (calls.push(['show', r]), ok({})),
    openDownload: async (r: unknown) =>
      (calls.push(['openFile', r]), fail('LocalFileError', 'a.txt could not be opened: no application')),
    pauseTransfers: async (r: unknown) => (calls.push(['pause', r]), ok({ count: 1 })),
    resumeTransfers: async (r: unknown) => (calls.push(['resume', r]), ok({ count: 1 })),
    listUnfinishedTransfers: async (r: unknown) => (calls.push(['unfinished', r]), ok(unfinished)),
    resumeUnfinishedTransfers: async (r: unknown) => (calls.push(['resumeUnfinished', r]), ok({ count: 1 })),
    discardUnfinishedTransfers: async (r: unknown) => (calls.push(['discardUnfinished', r]), ok({ count: 1 })),
    restoreAndDownload: async (r: unknown) => (calls.push(['restoreAndDownload', r]), ok({ count: 1 })),
  };
  return { api, calls, outcomes, emit: (e: TransferProgressEvent) => listener?.(e), listening: () => listener !== null };
}

const target = { connectionId: 'c', bucket: 'bk', prefix: 'in/' };
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('transfers store', () => {
  it('loads what a previous run left unfinished, and drops what was resumed or discarded from the notice', async () => {
    const f = fakeApi({ items: [unfinishedItem('a'), unfinishedItem('b'), unfinishedItem('c')], setAside: null });
    const store = createTransfersStore(f.api);
    await store.getState().start();
    expect(store.getState().unfinished?.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    await store.getState().resumeUnfinished(['a']);
    expect(store.getState().unfinished?.items.map((i) => i.id)).toEqual(['b', 'c']);
    expect(store.getState().panelOpen).toBe(true);
    await store.getState().discardUnfinished();
    expect(store.getState().unfinished).toBeNull();
    await store.getState().pause(['x']);
    await store.getState().resume();
    expect(f.calls.slice(-5).map(([name, r]) => [name, r])).toEqual([
      ['unfinished', {}],
      ['resumeUnfinished', { ids: ['a'] }],
      ['discardUnfinished', {}],
      ['pause', { ids: ['x'] }],
      ['resume', {}],
    ]);
  });

  it('shows no notice when nothing is unfinished, but does for a journal set aside', async () => {
    const quiet = createTransfersStore(fakeApi().api);
    await quiet.getState().start();
    expect(quiet.getState().unfinished).toBeNull();
    const damaged = createTransfersStore(fakeApi({ items: [], setAside: { path: '/u/j.set-aside-1', reason: 'the file is damaged' } }).api);
    await damaged.getState().start();
    expect(damaged.getState().unfinished?.setAside?.reason).toBe('the file is damaged');
  });

  it('loads the queue, follows progress events (new, changed, removed) and unsubscribes', async () => {
    const f = fakeApi();
    const store = createTransfersStore(f.api as never);
    const stop = await store.getState().start();
    expect(selectItems(store.getState()).map((i) => i.id)).toEqual(['old']);
    expect(store.getState().panelOpen).toBe(false);
    // New items open the panel even when main started them (a DownloadURL drop), not the renderer.
    f.emit({ items: [item('a', { state: 'running', transferred: 5 }), item('b')], removed: [], totals: { ...EMPTY_TOTALS, items: 3 } });
    expect(store.getState().panelOpen).toBe(true);
    store.getState().setPanelOpen(false);
    f.emit({ items: [item('a', { state: 'done', transferred: 10 })], removed: ['old'], totals: { ...EMPTY_TOTALS, items: 2, done: 1 } });
    const s = store.getState();
    // Updates of known items leave a closed panel closed.
    expect(s.panelOpen).toBe(false);
    expect(selectItems(s).map((i) => [i.id, i.state, i.transferred])).toEqual([
      ['a', 'done', 10],
      ['b', 'queued', 0],
    ]);
    expect(s.totals).toMatchObject({ items: 2, done: 1 });
    stop();
    expect(f.listening()).toBe(false);
  });

  it('downloads into the picked folder with policy ask, and asks the user on conflicts', async () => {
    const f = fakeApi();
    f.outcomes.push(ok({ status: 'conflicts', count: 2, sample: ['a.txt', 'b.txt'] }));
    const store = createTransfersStore(f.api as never);
    const done = store.getState().download({ connectionId: 'c', bucket: 'bk' }, [{ key: 'k/a.txt', kind: 'object' }]);
    await flush();
    expect(store.getState().question).toEqual({ direction: 'download', count: 2, sample: ['a.txt', 'b.txt'] });
    store.getState().answer('keep-both');
    await done;
    expect(store.getState().question).toBeNull();
    expect(store.getState().panelOpen).toBe(true);
    const downloads = f.calls.filter(([n]) => n === 'download').map(([, r]) => r as { conflict: string; destination: string });
    expect(downloads.map((d) => d.conflict)).toEqual(['ask', 'keep-both']);
    expect(downloads[0]!.destination).toBe('/home/me/Downloads');
  });

  it('abandons the batch when the conflict question is dismissed', async () => {
    const f = fakeApi();
    f.outcomes.push(ok({ status: 'conflicts', count: 1, sample: ['a.txt'] }));
    const store = createTransfersStore(f.api as never);
    const done = store.getState().uploadPaths(target, ['/x/a.txt']);
    await flush();
    store.getState().answer(null);
    await done;
    expect(f.calls.filter(([n]) => n === 'upload')).toHaveLength(1);
  });

  it('uploads dropped files: paths directly, path-less files streamed in ordered base64 chunks', async () => {
    const f = fakeApi();
    const store = createTransfersStore(f.api as never);
    const bytes = new Uint8Array(STREAM_CHUNK + 5).map((_, i) => i & 0xff);
    const pathless: DroppedFile = {
      name: 'photo.bin',
      size: bytes.length,
      path: null,
      read: async (offset, length) => bytes.subarray(offset, offset + length),
    };
    const withPath: DroppedFile = { name: 'doc.txt', size: 3, path: '/home/me/doc.txt', read: async () => new Uint8Array() };
    await store.getState().uploadDropped(target, [withPath, pathless]);
    expect(f.calls.filter(([n]) => n === 'open').map(([, r]) => r)).toEqual([{ name: 'photo.bin', size: STREAM_CHUNK + 5 }]);
    const writes = f.calls.filter(([n]) => n === 'write').map(([, r]) => r as { offset: number; data: string });
    expect(writes.map((w) => w.offset)).toEqual([0, STREAM_CHUNK]);
    const joined = writes.map((w) => atob(w.data)).join('');
    expect(joined.length).toBe(bytes.length);
    let same = true;
    for (let i = 0; i < bytes.length; i++) if (joined.charCodeAt(i) !== bytes[i]) same = false;
    expect(same).toBe(true);
    expect(f.calls.filter(([n]) => n === 'upload').map(([, r]) => r)).toEqual([
      { ...target, paths: ['/home/me/doc.txt'], streams: ['s1'], conflict: 'ask' },
    ]);
  });

  it('shows refused items and errors as a message', async () => {
    const f = fakeApi();
    f.outcomes.push(ok({ status: 'queued', batchId: 'b', queued: 1, refused: [{ key: '../x', reason: 'refused: the key contains a ".." path segment' }] }));
    f.outcomes.push(fail('AccessDenied', 'transfers:upload: access denied'));
    const store = createTransfersStore(f.api as never);
    await store.getState().download({ connectionId: 'c', bucket: 'bk' }, [{ key: 'f/', kind: 'folder' }], '/tmp/d');
    expect(store.getState().message).toMatch(/1 item\(s\) not transferred — \.\.\/x: refused/);
    await store.getState().uploadPaths(target, ['/a']);
    expect(store.getState().error).toMatchObject({ code: 'AccessDenied', title: 'Access denied', detail: 'access denied' });
    expect(store.getState().error?.message).not.toMatch(/transfers:upload/);
    store.getState().dismissMessage();
    expect(store.getState()).toMatchObject({ message: null, error: null });
  });

  it('cancel, retry and clear go to main', async () => {
    const f = fakeApi();
    const store = createTransfersStore(f.api as never);
    await store.getState().cancel(['a']);
    await store.getState().retry();
    await store.getState().clearFinished();
    expect(f.calls).toEqual([
      ['cancel', { ids: ['a'] }],
      ['retry', {}],
      ['clear', {}],
    ]);
  });

  it('sends a batch first with the Settings conflict default instead of asking', async () => {
    const f = fakeApi();
    let policy: 'ask' | 'overwrite' = 'overwrite';
    const store = createTransfersStore(f.api as never, { conflictPolicy: () => policy });
    await store.getState().uploadPaths(target, ['/home/me/a.txt']);
    policy = 'ask';
    await store.getState().uploadPaths(target, ['/home/me/a.txt']);
    expect(f.calls.map(([, r]) => (r as { conflict: string }).conflict)).toEqual(['overwrite', 'ask']);
  });

  it('shows or opens a finished download by id, and shows why opening failed', async () => {
    const f = fakeApi();
    const store = createTransfersStore(f.api as never);
    await store.getState().reveal('t1', 'show');
    expect(store.getState().error).toBeNull();
    await store.getState().reveal('t1', 'open');
    expect(f.calls).toEqual([
      ['show', { id: 't1' }],
      ['openFile', { id: 't1' }],
    ]);
    expect(store.getState().error).toMatchObject({ code: 'LocalFileError', title: 'Local file problem' });
  });
});

describe('Restore and download', () => {
  it('asks how to restore an archived download, then sends exactly that; Not now sends nothing', async () => {
    const f = fakeApi();
    const store = createTransfersStore(f.api);
    store.getState().askRestore({ id: 't1', key: 'vault/tape.bin' });
    expect(store.getState().restoreAsk).toEqual({ id: 't1', key: 'vault/tape.bin' });
    await store.getState().answerRestore({ days: 2, tier: 'Bulk' });
    expect(store.getState().restoreAsk).toBeNull();
    expect(f.calls.filter(([c]) => c === 'restoreAndDownload')).toEqual([['restoreAndDownload', { ids: ['t1'], restore: { days: 2, tier: 'Bulk' } }]]);

    store.getState().askRestore({ id: 't2', key: 'x' });
    await store.getState().answerRestore(null);
    expect(f.calls.filter(([c]) => c === 'restoreAndDownload')).toHaveLength(1);
  });

});

