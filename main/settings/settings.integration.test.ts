/**
 * Settings through the core's channels: persisted across a core restart on the same user-data folder, the
 * download folder applied to downloads (no dialog unless "ask every time"), and Show in folder / Open limited
 * to files the app downloaded. A real S3 server (fauxqs) behind the counting proxy.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { FakeDesktop } from '../../testkit/fake-desktop';
import { createCore } from '../core/create-core';
import type { HandlerOptions } from '../core/create-core';
import type { DialogAdapter } from '../transfers/adapters';
import { APP_SETTINGS_FILE_NAME } from './settings-store';

let root: string;
let downloads: string;
let userData: string;
let picked: string | null;
let dialogCalls: Array<{ title: string; defaultPath?: string }>;
let desktop: FakeDesktop;
let f: CoreFixture | null = null;

const dialogs: DialogAdapter = {
  pickFolder: async (options) => {
    dialogCalls.push(options);
    return picked;
  },
  pickUploadPaths: async () => [],
  notify: () => {},
};
const options = (): HandlerOptions => ({ userDataDir: userData, downloadsDir: downloads, transfers: { dialogs, desktop } });

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 's3desk-settings-'));
  downloads = path.join(root, 'Downloads');
  userData = path.join(root, 'user-data');
  picked = null;
  dialogCalls = [];
  desktop = new FakeDesktop();
});
afterEach(async () => {
  await f?.close();
  f = null;
  await rm(root, { recursive: true, force: true });
});

describe('settings', () => {
  it('defaults, then survive a restart of the core on the same user-data folder', async () => {
    const first = createCore(options());
    const defaults = unwrap(await first.handlers['settings:get']({}));
    expect(defaults).toMatchObject({ downloadFolder: downloads, downloadFolderIsDefault: true, askEveryTime: false, theme: 'system' });
    const changed = unwrap(
      await first.handlers['settings:set']({ askEveryTime: true, theme: 'dark', conflict: 'keep-both', fileConcurrency: 3, requestMetrics: false }),
    );
    expect(changed).toMatchObject({ askEveryTime: true, theme: 'dark', conflict: 'keep-both', fileConcurrency: 3, requestMetrics: false });
    await first.dispose();

    const second = createCore(options());
    expect(unwrap(await second.handlers['settings:get']({}))).toEqual(changed);
    await second.dispose();
  });

  it('refuses values outside the closed sets and bounds', async () => {
    const core = createCore(options());
    for (const bad of [{ theme: 'blue' }, { fileConcurrency: 0 }, { requestConcurrency: 65 }, { downloadFolder: '/etc' }]) {
      const result = await core.handlers['settings:set'](bad as never);
      expect(result.ok ? 'accepted' : result.error.code).toBe('InvalidInput');
    }
    await core.dispose();
  });

  it('moves an unreadable settings file aside and starts from the defaults', async () => {
    await mkdir(userData, { recursive: true });
    await writeFile(path.join(userData, APP_SETTINGS_FILE_NAME), '{ not json');
    const core = createCore(options());
    expect(unwrap(await core.handlers['settings:get']({})).theme).toBe('system');
    expect(core.settings.problem).toMatch(/Settings could not be loaded: it is not valid JSON/);
    await core.dispose();
  });

  it('chooses the download folder only in the native dialog', async () => {
    const core = createCore(options());
    picked = path.join(root, 'chosen');
    const chosen = unwrap(await core.handlers['settings:choose-download-folder']({}));
    expect(chosen).toMatchObject({ downloadFolder: picked, downloadFolderIsDefault: false });
    expect(dialogCalls).toEqual([{ title: 'Choose the download folder', defaultPath: downloads }]);
    picked = null;
    expect(unwrap(await core.handlers['settings:choose-download-folder']({})).downloadFolder).toBe(path.join(root, 'chosen'));
    expect(unwrap(await core.handlers['settings:set']({ resetDownloadFolder: true })).downloadFolder).toBe(downloads);
    await core.dispose();
  });
});

describe('downloads with the settings', () => {
  it('go to the configured folder without a dialog, and "ask every time" opens it at the last folder', async () => {
    f = await startCoreFixture(options());
    await f.server.seed('settings-dl', [['a.txt', 'hello']]);
    expect(unwrap(await f.core.handlers['transfers:pick-folder']({})).path).toBe(downloads);
    expect(dialogCalls).toEqual([]);

    const queued = unwrap(
      await f.core.handlers['transfers:download']({
        connectionId: f.connectionId,
        bucket: 'settings-dl',
        items: [{ key: 'a.txt', kind: 'object' }],
        destination: downloads,
        conflict: 'ask',
      }),
    );
    expect(queued.status).toBe('queued');
    await f.core.transfers.queue.whenIdle();
    expect(await readFile(path.join(downloads, 'a.txt'), 'utf8')).toBe('hello');

    unwrap(await f.core.handlers['settings:set']({ askEveryTime: true }));
    picked = path.join(root, 'elsewhere');
    expect(unwrap(await f.core.handlers['transfers:pick-folder']({})).path).toBe(picked);
    expect(dialogCalls).toEqual([{ title: 'Download to folder', defaultPath: downloads }]);
    expect(unwrap(await f.core.handlers['settings:get']({})).lastFolder).toBe(picked);
    unwrap(await f.core.handlers['transfers:pick-folder']({}));
    expect(dialogCalls[1]).toEqual({ title: 'Download to folder', defaultPath: picked });
  });

  it('still refuse a folder neither picked nor configured', async () => {
    f = await startCoreFixture(options());
    await f.server.seed('settings-dl', [['a.txt', 'hello']]);
    const result = await f.core.handlers['transfers:download']({
      connectionId: f.connectionId,
      bucket: 'settings-dl',
      items: [{ key: 'a.txt', kind: 'object' }],
      destination: root,
      conflict: 'ask',
    });
    expect(result.ok ? 'queued' : result.error.code).toBe('AccessDenied');
  });

  it('show in folder and open only finished downloads, by transfer id', async () => {
    f = await startCoreFixture(options());
    await f.server.seed('settings-dl', [['a.txt', 'hello']]);
    unwrap(await f.core.handlers['transfers:pick-folder']({}));
    unwrap(
      await f.core.handlers['transfers:download']({
        connectionId: f.connectionId,
        bucket: 'settings-dl',
        items: [{ key: 'a.txt', kind: 'object' }],
        destination: downloads,
        conflict: 'ask',
      }),
    );
    await f.core.transfers.queue.whenIdle();
    const [item] = unwrap(await f.core.handlers['transfers:list']({})).items;
    expect(item?.state).toBe('done');
    unwrap(await f.core.handlers['transfers:show-in-folder']({ id: item!.id }));
    unwrap(await f.core.handlers['transfers:open']({ id: item!.id }));
    expect(desktop.calls).toEqual([
      { how: 'show', path: path.join(downloads, 'a.txt') },
      { how: 'open', path: path.join(downloads, 'a.txt') },
    ]);
    desktop.openProblem = 'No application is associated';
    const failed = await f.core.handlers['transfers:open']({ id: item!.id });
    expect(failed.ok ? 'opened' : failed.error).toEqual({ code: 'LocalFileError', message: 'a.txt could not be opened: No application is associated' });
    const unknown = await f.core.handlers['transfers:show-in-folder']({ id: 'not-a-transfer' });
    expect(unknown.ok ? 'shown' : unknown.error.code).toBe('InvalidInput');
    expect(desktop.calls).toHaveLength(3);
  });
});
