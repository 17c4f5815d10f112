import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addRecent, RECENTS_LIMIT, type Workspace } from '../../shared/workspace';
import { WORKSPACE_FILE_NAME } from './workspace-schema';
import { WorkspaceStore } from './workspace-store';

const SAMPLE: Workspace = {
  tabs: [
    { id: 't1', connectionId: 'c1', location: { bucket: 'data', prefix: 'a/b/' }, back: [{ bucket: null, prefix: '' }], forward: [] },
    { id: 't2', connectionId: null, location: { bucket: null, prefix: '' }, back: [], forward: [] },
  ],
  activeTabId: 't1',
  bookmarks: [{ id: 'b1', label: 'b', connectionId: 'c1', bucket: 'data', prefix: 'a/b/' }],
  recents: [{ connectionId: 'c1', bucket: 'data', prefix: 'a/', at: 1 }],
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(os.tmpdir(), 's3desk-workspace-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('WorkspaceStore', () => {
  it('starts empty without a file and keeps a set for the session without a folder', async () => {
    const memory = new WorkspaceStore();
    expect(memory.get()).toEqual({ workspace: { tabs: [], activeTabId: null, bookmarks: [], recents: [] }, problem: null });
    await memory.set(SAMPLE);
    expect(memory.get().workspace).toEqual(SAMPLE);
    expect(new WorkspaceStore({ userDataDir: dir }).get().problem).toBeNull();
  });

  it('writes a versioned file that a new store on the same folder reads back', async () => {
    const store = new WorkspaceStore({ userDataDir: dir });
    await store.set(SAMPLE);
    const json = JSON.parse(await readFile(join(dir, WORKSPACE_FILE_NAME), 'utf8')) as { version: number };
    expect(json.version).toBe(1);
    expect(new WorkspaceStore({ userDataDir: dir }).get()).toEqual({ workspace: SAMPLE, problem: null });
  });

  it('keeps the newest of quick successive sets', async () => {
    const store = new WorkspaceStore({ userDataDir: dir });
    const second = { ...SAMPLE, activeTabId: 't2' };
    await Promise.all([store.set(SAMPLE), store.set(second)]);
    expect(new WorkspaceStore({ userDataDir: dir }).get().workspace.activeTabId).toBe('t2');
  });

  it('moves a damaged file aside, reports it, and starts empty', async () => {
    await writeFile(join(dir, WORKSPACE_FILE_NAME), '{"version":1,"workspace":{"tabs":"nope"}}');
    const store = new WorkspaceStore({ userDataDir: dir, now: () => new Date('2026-01-02T03:04:05Z') });
    const { workspace, problem } = store.get();
    expect(workspace.tabs).toEqual([]);
    expect(problem).toMatch(/^Tabs and bookmarks could not be loaded: it does not match the expected format \(workspace\.tabs: .*kept as .*unreadable-2026-01-02T03-04-05-000Z\.$/);
    const files = await readdir(dir);
    expect(files).toContain(`${WORKSPACE_FILE_NAME}.unreadable-2026-01-02T03-04-05-000Z`);
    expect(files).not.toContain(WORKSPACE_FILE_NAME);
  });

  it('refuses a file from a newer version without reading it', async () => {
    await writeFile(join(dir, WORKSPACE_FILE_NAME), JSON.stringify({ version: 9, workspace: {} }));
    expect(new WorkspaceStore({ userDataDir: dir }).get().problem).toMatch(/newer version of S3 Desk \(format 9\)/);
  });

  it('reports a write that failed', async () => {
    const store = new WorkspaceStore({ userDataDir: join(dir, 'file-not-folder') });
    await writeFile(join(dir, 'file-not-folder'), 'x');
    const snapshot = await store.set(SAMPLE);
    expect(snapshot.problem).toMatch(/^Tabs and bookmarks could not be saved: /);
    expect(snapshot.workspace).toEqual(SAMPLE);
  });
});

describe('addRecent', () => {
  it('puts a visit first, once per place, bounded', () => {
    let recents = addRecent([], { connectionId: 'c', bucket: 'b', prefix: '', at: 1 });
    recents = addRecent(recents, { connectionId: 'c', bucket: 'b', prefix: 'x/', at: 2 });
    recents = addRecent(recents, { connectionId: 'c', bucket: 'b', prefix: '', at: 3 });
    expect(recents.map((r) => [r.prefix, r.at])).toEqual([['', 3], ['x/', 2]]);
    for (let i = 0; i < 30; i++) recents = addRecent(recents, { connectionId: 'c', bucket: 'b', prefix: `${i}/`, at: 10 + i });
    expect(recents).toHaveLength(RECENTS_LIMIT);
    expect(recents[0]?.prefix).toBe('29/');
  });
});
