import { describe, expect, it, vi } from 'vitest';
import { createFakeApi } from '../../../../testkit/renderer/fake-browser-api';
import { createFakeShellApi, fakeConnection } from '../../../../testkit/renderer/fake-shell-api';
import type { Workspace } from '../../../../shared/workspace';
import { createBrowserStore } from '../browser';
import { activePlace, createShellStore } from './shell-store';

const C1 = fakeConnection('c1', 'First');
const C2 = fakeConnection('c2', 'Second');

function setup(initial?: Workspace) {
  const browserApi = createFakeApi();
  browserApi.setFolder('data', '', [[]]);
  browserApi.setFolder('data', 'a/', [[]]);
  browserApi.setFolder('other', '', [[]]);
  const shellApi = createFakeShellApi([C1, C2], initial);
  let n = 0;
  const shell = createShellStore(shellApi.api, { createBrowser: () => createBrowserStore(browserApi.api), newId: () => `id${++n}`, now: () => 1000 + n });
  return { shell, shellApi, browserApi };
}

describe('shell store', () => {
  it('starts with one empty tab and persists each tab with its own connection, place and history', async () => {
    const { shell, shellApi } = setup();
    await shell.getState().load();
    expect(shell.getState().tabs).toHaveLength(1);
    expect(activePlace(shell.getState())).toBeNull();

    await shell.getState().openConnection(C1, 'data');
    await shell.getState().openPlace({ connectionId: 'c1', bucket: 'data', prefix: 'a/' });
    shell.getState().newTab();
    await shell.getState().openConnection(C2, 'other');

    // Writes are coalesced: wait for the one that carries the second tab's place.
    await vi.waitFor(() => expect(shellApi.workspace.tabs[1]?.location.bucket).toBe('other'));
    const saved = shellApi.workspace;
    expect(saved.tabs.map((t) => [t.connectionId, t.location.bucket, t.location.prefix, t.back.length])).toEqual([
      ['c1', 'data', 'a/', 1],
      ['c2', 'other', '', 0],
    ]);
    expect(saved.activeTabId).toBe(saved.tabs[1]!.id);
    expect(saved.recents.map((r) => `${r.connectionId}:${r.bucket}/${r.prefix}`)).toEqual(['c2:other/', 'c1:data/a/', 'c1:data/']);
  });

  it('restores tabs lazily: only the active one lists until another is shown', async () => {
    const initial: Workspace = {
      tabs: [
        { id: 't1', connectionId: 'c1', location: { bucket: 'data', prefix: 'a/' }, back: [{ bucket: 'data', prefix: '' }], forward: [] },
        { id: 't2', connectionId: 'c2', location: { bucket: 'other', prefix: '' }, back: [], forward: [] },
      ],
      activeTabId: 't2',
      bookmarks: [],
      recents: [],
    };
    const { shell, browserApi } = setup(initial);
    await shell.getState().load();
    const listed = () => (browserApi.callsOf('listObjects') as { bucket: string }[]).map((r) => r.bucket);
    await vi.waitFor(() => expect(shell.getState().tabs[1]!.browser.getState().listing.status).toBe('ready'));
    expect(listed()).toEqual(['other']);
    shell.getState().activate('t1');
    await vi.waitFor(() => expect(shell.getState().tabs[0]!.browser.getState().listing.status).toBe('ready'));
    expect(listed()).toEqual(['other', 'data']);
    const t1 = shell.getState().tabs[0]!.browser.getState();
    expect(t1.location).toEqual({ bucket: 'data', prefix: 'a/' });
    expect(t1.back).toEqual([{ bucket: 'data', prefix: '' }]);
  });

  it('a tab whose connection is gone comes back empty', async () => {
    const { shell } = setup({
      tabs: [{ id: 't1', connectionId: 'deleted', location: { bucket: 'x', prefix: '' }, back: [], forward: [] }],
      activeTabId: 't1',
      bookmarks: [],
      recents: [],
    });
    await shell.getState().load();
    expect(shell.getState().tabs[0]!.browser.getState().connection).toBeNull();
  });

  it('switches, reorders and closes tabs; closing the last leaves an empty one', async () => {
    const { shell } = setup();
    await shell.getState().load();
    shell.getState().newTab();
    shell.getState().newTab();
    const ids = () => shell.getState().tabs.map((t) => t.id);
    expect(ids()).toEqual(['id1', 'id2', 'id3']);
    expect(shell.getState().activeTabId).toBe('id3');
    shell.getState().cycle(1);
    expect(shell.getState().activeTabId).toBe('id1');
    shell.getState().cycle(-1);
    expect(shell.getState().activeTabId).toBe('id3');
    shell.getState().activateNumber(2);
    expect(shell.getState().activeTabId).toBe('id2');
    shell.getState().activateNumber(9);
    expect(shell.getState().activeTabId).toBe('id3');
    shell.getState().moveActive(-1);
    expect(ids()).toEqual(['id1', 'id3', 'id2']);
    shell.getState().moveTab('id1', 2);
    expect(ids()).toEqual(['id3', 'id2', 'id1']);
    shell.getState().closeTab('id3');
    expect(shell.getState().activeTabId).toBe('id2');
    shell.getState().closeTab('id2');
    shell.getState().closeTab('id1');
    expect(ids()).toEqual(['id4']);
  });

  it('bookmarks a folder once, never a bucket list, and removes it', async () => {
    const { shell } = setup();
    await shell.getState().load();
    expect(shell.getState().addBookmark()).toBe(false);
    await shell.getState().openConnection(C1);
    expect(shell.getState().addBookmark()).toBe(false);
    await shell.getState().openPlace({ connectionId: 'c1', bucket: 'data', prefix: 'a/' });
    expect(shell.getState().addBookmark()).toBe(true);
    expect(shell.getState().addBookmark()).toBe(false);
    expect(shell.getState().bookmarks.map((m) => [m.label, m.bucket, m.prefix])).toEqual([['a', 'data', 'a/']]);
    shell.getState().removeBookmark(shell.getState().bookmarks[0]!.id);
    expect(shell.getState().bookmarks).toEqual([]);
  });

  it('fills the sidebar from a tab that listed buckets, without another request', async () => {
    const { shell, shellApi } = setup();
    await shell.getState().load();
    await shell.getState().openConnection(C1);
    expect(shell.getState().buckets['c1']?.names).toEqual(['bucket']);
    await shell.getState().loadBuckets('c1');
    expect(shellApi.calls.filter((c) => c.startsWith('listBuckets'))).toEqual([]);
    await shell.getState().loadBuckets('c2');
    await shell.getState().loadBuckets('c2');
    expect(shellApi.calls.filter((c) => c.startsWith('listBuckets'))).toEqual(['listBuckets:c2']);
    expect(shell.getState().buckets['c2']?.names).toEqual(['b1', 'b2']);
  });
});
