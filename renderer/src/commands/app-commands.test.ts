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
  // These tests never preview: any call to the preview API is a failure.
  const previewApi = new Proxy({}, { get: () => () => Promise.reject(new Error('preview API not expected here')) }) as PreviewApi;
  const preview = createPreviewStore(previewApi);
  const commands = createAppCommands({ browser, ops, preview, mac: false });
  await browser.getState().openConnection(connection, 'bucket');
  return { browser, ops, commands };
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
