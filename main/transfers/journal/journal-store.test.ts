import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DownloadEntry } from './journal-schema';
import { JOURNAL_FILE, JournalStore } from './journal-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 's3desk-journal-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function download(id: string): DownloadEntry {
  return {
    id,
    direction: 'download',
    connectionId: 'c1',
    bucket: 'b',
    key: `k/${id}`,
    size: 10,
    note: null,
    state: 'queued',
    createdAt: 1,
    etag: '"abc"',
    target: `/tmp/${id}`,
    partPath: `/tmp/.${id}.part`,
    conflict: 'overwrite',
  };
}

describe('JournalStore', () => {
  it('starts empty without a file, and a new store reads back what was flushed', async () => {
    const { store, setAside } = await JournalStore.open(dir);
    expect(setAside).toBeNull();
    expect(store.list()).toEqual([]);
    store.put(download('a'));
    store.put(download('b'));
    store.update<DownloadEntry>('a', (e) => ({ ...e, state: 'paused', note: 'paused' }));
    store.remove('b');
    store.update('gone', (e) => e);
    await store.flush();
    const again = await JournalStore.open(dir);
    expect(again.setAside).toBeNull();
    expect(again.store.list()).toEqual([{ ...download('a'), state: 'paused', note: 'paused' }]);
    // No temp file is left beside it.
    expect(await readdir(dir)).toEqual([JOURNAL_FILE]);
  });

  it('coalesces many changes into few writes, the last state winning', async () => {
    const { store } = await JournalStore.open(dir);
    for (let i = 0; i < 200; i++) store.put(download(`x${i}`));
    await store.flush();
    const parsed = JSON.parse(await readFile(path.join(dir, JOURNAL_FILE), 'utf8')) as { entries: unknown[] };
    expect(parsed.entries).toHaveLength(200);
  });

  it.each([
    ['not JSON', '{"version":1,"entries":[', /damaged \(not JSON\)/],
    ['another version', JSON.stringify({ version: 99, entries: [] }), /another version .*99/],
    ['a bad entry', JSON.stringify({ version: 1, entries: [{ id: 'x', direction: 'download' }] }), /damaged/],
  ])('sets a journal with %s aside and reports it, starting empty', async (_name, text, reason) => {
    await writeFile(path.join(dir, JOURNAL_FILE), text);
    const { store, setAside } = await JournalStore.open(dir, { now: () => 1234 });
    expect(store.list()).toEqual([]);
    expect(setAside?.reason).toMatch(reason);
    expect(setAside?.path).toBe(path.join(dir, `${JOURNAL_FILE}.set-aside-1234`));
    expect(await readFile(setAside!.path, 'utf8')).toBe(text);
    // The next write makes a fresh journal; the set-aside copy stays for the user.
    store.put(download('n'));
    await store.flush();
    expect((await readdir(dir)).sort()).toEqual([JOURNAL_FILE, `${JOURNAL_FILE}.set-aside-1234`]);
  });

  it('reports a failed write through flush and recovers on the next one', async () => {
    const { store } = await JournalStore.open(path.join(dir, 'missing-folder'));
    store.put(download('a'));
    await expect(store.flush()).rejects.toThrow(/ENOENT/);
    await expect(store.flush()).resolves.toBeUndefined();
  });

  it("removes a crashed writer's temp file at open, never a live one's", async () => {
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => child.on('exit', resolve));
    const dead = `.${JOURNAL_FILE}.${child.pid!}.tmp`;
    const mine = `.${JOURNAL_FILE}.${process.pid}.tmp`;
    for (const name of [dead, mine]) await writeFile(path.join(dir, name), '{"version":1,"entr');
    await JournalStore.open(dir);
    expect(await readdir(dir)).toEqual([mine]);
  });

  it('sets a journal from another version aside, reports it, and starts a fresh one', async () => {
    const old = JSON.stringify({ version: 0, transfers: [{ key: 'a' }] });
    await writeFile(path.join(dir, JOURNAL_FILE), old);
    const { store, setAside } = await JournalStore.open(dir, { now: () => 42, minIntervalMs: 0 });
    expect(setAside).toEqual({ path: path.join(dir, `${JOURNAL_FILE}.set-aside-42`), reason: 'written by another version of S3 Desk (journal version 0)' });
    expect(await readFile(setAside!.path, 'utf8')).toBe(old);
    expect(store.list()).toEqual([]);
    store.put(download('d1'));
    await store.flush();
    expect((await JournalStore.open(dir)).store.list().map((e) => e.id)).toEqual(['d1']);
  });

  it('sets aside a journal of this version whose entries do not parse, keeping none of them', async () => {
    const text = JSON.stringify({ version: 1, entries: [download('ok'), { ...download('bad'), size: -1 }] });
    await writeFile(path.join(dir, JOURNAL_FILE), text);
    const { store, setAside } = await JournalStore.open(dir, { now: () => 7 });
    expect(setAside?.reason).toMatch(/^the file is damaged \(/);
    expect(await readFile(setAside!.path, 'utf8')).toBe(text);
    expect(store.list()).toEqual([]);
  });
});
