import { describe, expect, it } from 'vitest';
import type { ConnectionSummary } from '../../../shared/types';
import { createFakeApi, folderEntry, objects } from '../../../testkit/renderer/fake-browser-api';
import { createFakeOperationsApi } from '../../../testkit/renderer/fake-operations-api';
import { createBrowserStore } from '../features/browser';
import { createOperationsStore } from '../features/operations';
import { createPreviewStore, type PreviewApi } from '../features/preview';
import { createAppCommands } from './app-commands';

const connection: ConnectionSummary = { id: 'c1', name: 'test', endpoint: 'http://127.0.0.1:1', region: 'us-east-1', forcePathStyle: true, accessKeyHint: null };

async function setup() {
  const fake = createFakeApi();
  fake.setFolder('bucket', '', [[folderEntry('a/'), ...objects('', 0, 3)]]);
  fake.setFolder('bucket', 'a/', [objects('a/', 0, 1)]);
  const browser = createBrowserStore(fake.api);
  const ops = createOperationsStore(createFakeOperationsApi().api, { writeClipboard: async () => {} });
  // Records which preview method was called with what; every answer is a refusal (the pane shows it).
  const previewCalls: Array<{ method: string; request: unknown }> = [];
  const previewApi = new Proxy({}, {
    get: (_t, method: string) => (request: unknown) => {
      previewCalls.push({ method, request });
      return Promise.resolve({ ok: false, error: { code: 'Unknown', message: 'refused in this test' } });
    },
  }) as PreviewApi;
  const preview = createPreviewStore(previewApi);
  const commands = createAppCommands({ browser, ops, preview, mac: false });
  await browser.getState().openConnection(connection, 'bucket');
  return { browser, ops, commands, preview, previewCalls };
}

describe('app commands (the registry on the real stores)', () => {
  it('reads place, targets in table order and history from the stores', async () => {
    const { browser, commands } = await setup();
    expect(commands.state().place).toEqual({ connectionId: 'c1', bucket: 'bucket', prefix: '' });
    expect(commands.reason('delete')).toBe('Select something first');
    const keys = ['a/', 'f0', 'f1', 'f2'];
    browser.getState().click(keys, 2);
    browser.getState().click(keys, 0, { toggle: true });
    expect(commands.state().targets).toEqual(['a/', 'f1']);
    expect(commands.reason('delete')).toBeNull();
    expect(commands.reason('download')).toBe('Transfers are not available');

    expect(commands.run('open')).toBe(false); // two selected: Open needs one
    browser.getState().click(keys, 0);
    expect(commands.run('open')).toBe(true);
    await expect.poll(() => browser.getState().location.prefix).toBe('a/');
    expect(commands.reason('back')).toBeNull();
  });

  it('opening a file previews it, or opens it in its app when it has no preview; Edit opens it for editing', async () => {
    const { commands, preview, previewCalls } = await setup();
    commands.openKey('notes.txt');
    await expect.poll(() => previewCalls.map((c) => c.method)).toEqual(['previewText']);
    expect(preview.getState().shown?.key).toBe('notes.txt');

    previewCalls.length = 0;
    commands.openKey('tool.exe');
    await expect.poll(() => previewCalls.map((c) => c.method)).toEqual(['openExternally']);
    expect(previewCalls[0]?.request).toMatchObject({ key: 'tool.exe', edit: false });
    // The pane stays up to say how it went (here: refused).
    await expect.poll(() => preview.getState().external?.error).toBe(true);
    expect(preview.getState().shown?.kind).toBe('unknown');

    previewCalls.length = 0;
    commands.openKey('a/');
    expect(previewCalls).toEqual([]);
  });

  it('Edit and Open in default app act on the one selected file', async () => {
    const { browser, commands, previewCalls } = await setup();
    const keys = ['a/', 'f0', 'f1', 'f2'];
    browser.getState().click(keys, 0);
    expect(commands.reason('edit')).toBe('Select one file');
    browser.getState().click(keys, 1);
    expect(commands.run('edit')).toBe(true);
    await expect.poll(() => previewCalls.filter((c) => c.method === 'openExternally').map((c) => c.request)).toEqual([
      { connectionId: 'c1', bucket: 'bucket', key: 'f0', edit: true },
    ]);
    expect(commands.run('open-with')).toBe(true);
    await expect.poll(() => previewCalls.filter((c) => c.method === 'openExternally')).toHaveLength(2);
  });

  it('re-reads only after a change, and a hosted command enables once registered', async () => {
    const { browser, commands } = await setup();
    const first = commands.state();
    expect(commands.state()).toBe(first);
    let notified = 0;
    const off = commands.subscribe(() => (notified += 1));
    browser.getState().selectAll(['f0']);
    expect(commands.state()).not.toBe(first);

    const opened: string[] = [];
    expect(commands.run('settings')).toBe(false);
    const unregister = commands.host('settings', () => opened.push('settings'));
    expect(commands.run('settings')).toBe(true);
    unregister();
    expect(commands.reason('settings')).not.toBeNull();
    expect(opened).toEqual(['settings']);
    expect(notified).toBeGreaterThanOrEqual(3);
    off();
  });
});
