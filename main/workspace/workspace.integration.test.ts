/** The workspace channels through the real core: what one core stored, a new core on the same folder returns. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Workspace } from '../../shared/workspace';
import { createCore } from '../core/create-core';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(os.tmpdir(), 's3desk-workspace-core-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const WORKSPACE: Workspace = {
  tabs: [{ id: 'tab-1', connectionId: 'conn-1', location: { bucket: 'photos', prefix: '2024/' }, back: [{ bucket: 'photos', prefix: '' }], forward: [] }],
  activeTabId: 'tab-1',
  bookmarks: [{ id: 'bm-1', label: '2024', connectionId: 'conn-1', bucket: 'photos', prefix: '2024/' }],
  recents: [{ connectionId: 'conn-1', bucket: 'photos', prefix: '2024/', at: 1_700_000_000_000 }],
};

it('a new core on the same user-data folder returns the tabs, bookmarks and recents', async () => {
  const first = createCore({ userDataDir: dir });
  expect(await first.handlers['workspace:get']({})).toEqual({ ok: true, value: { workspace: { tabs: [], activeTabId: null, bookmarks: [], recents: [] }, problem: null } });
  expect(await first.handlers['workspace:set']({ workspace: WORKSPACE })).toEqual({ ok: true, value: { workspace: WORKSPACE, problem: null } });
  await first.dispose();

  const second = createCore({ userDataDir: dir });
  expect(await second.handlers['workspace:get']({})).toEqual({ ok: true, value: { workspace: WORKSPACE, problem: null } });
  await second.dispose();
});

it('refuses a malformed workspace without changing the stored one', async () => {
  const core = createCore({ userDataDir: dir });
  await core.handlers['workspace:set']({ workspace: WORKSPACE });
  const bad = { ...WORKSPACE, tabs: [{ ...WORKSPACE.tabs[0]!, location: { bucket: null, prefix: 'orphan/' } }] };
  const res = await core.handlers['workspace:set']({ workspace: bad });
  expect(res.ok).toBe(false);
  expect(!res.ok && res.error.code).toBe('InvalidInput');
  expect(await core.handlers['workspace:get']({})).toEqual({ ok: true, value: { workspace: WORKSPACE, problem: null } });
  await core.dispose();
});
