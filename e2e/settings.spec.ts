/**
 * The Settings dialog over the real core: settings survive a restart of the core on the same user-data folder;
 * a download goes straight to the configured folder, or asks (at the last folder) with "ask every time";
 * Show in folder / Open hand the downloaded path to the desktop adapter; request counters follow their setting.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../main/core/create-core';
import type { DialogAdapter } from '../main/transfers/adapters';
import { test as base, expect } from '../testkit/app-fixture';
import { FakeDesktop } from '../testkit/fake-desktop';
import { BridgeEvents, installBridge } from '../testkit/preload-bridge';
import { BrowserPage } from './pages/browser-page';

const CONNECTION = 'Local fauxqs';

interface Desk {
  /** The user-data folder (settings file) shared by a test's cores. */
  readonly userData: string;
  /** What the core is told the OS Downloads folder is. */
  readonly downloads: string;
  /** The folder the fake native dialog answers, and every call it got. */
  picked: string | null;
  readonly dialogCalls: Array<{ title: string; defaultPath?: string }>;
  readonly desktop: FakeDesktop;
  readonly dialogs: DialogAdapter;
}

const test = base.extend<{ desk: Desk }>({
  desk: async ({}, use) => {
    const root = mkdtempSync(join(tmpdir(), 's3desk-e2e-settings-'));
    const desk: Desk = {
      userData: join(root, 'user-data'),
      downloads: join(root, 'Downloads'),
      picked: null,
      dialogCalls: [],
      desktop: new FakeDesktop(),
      dialogs: {
        pickFolder: async (options) => {
          desk.dialogCalls.push(options);
          return desk.picked;
        },
        pickUploadPaths: async () => [],
        notify: () => {},
      },
    };
    await use(desk);
    rmSync(root, { recursive: true, force: true });
  },
  coreOptions: async ({ desk }, use) => {
    await use({ userDataDir: desk.userData, downloadsDir: desk.downloads, transfers: { dialogs: desk.dialogs, desktop: desk.desktop, throttleMs: 50 } });
  },
});

async function openSettings(ui: BrowserPage) {
  await ui.page.keyboard.press('ControlOrMeta+Comma');
  const dialog = ui.page.getByTestId('settings-dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

test('settings persist across a restart of the core, and the theme applies at once', async ({ app, appUrl, browser, desk }) => {
  const ui = new BrowserPage(app);
  const dialog = await openSettings(ui);
  await expect(dialog.getByTestId('settings-download-folder')).toHaveText(`${desk.downloads} (default)`);
  await dialog.getByTestId('settings-theme').selectOption('dark');
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await dialog.getByTestId('settings-ask-every-time').check();
  await dialog.getByTestId('settings-conflict').selectOption('keep-both');
  await dialog.getByTestId('settings-file-concurrency').fill('4');
  await dialog.getByTestId('settings-file-concurrency').blur();
  await expect(dialog.getByTestId('settings-file-concurrency')).toHaveValue('4');
  // Escape closes the dialog (Radix) and every change is already saved.
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const events = new BridgeEvents();
  const restarted = createCore({ userDataDir: desk.userData, downloadsDir: desk.downloads, events: events.sink });
  const context = await browser.newContext();
  try {
    const page2 = await context.newPage();
    await installBridge(page2, restarted, events);
    await page2.goto(appUrl);
    await expect(page2.locator('html')).toHaveAttribute('data-theme', 'dark');
    const again = await openSettings(new BrowserPage(page2));
    await expect(again.getByTestId('settings-theme')).toHaveValue('dark');
    await expect(again.getByTestId('settings-ask-every-time')).toBeChecked();
    await expect(again.getByTestId('settings-conflict')).toHaveValue('keep-both');
    await expect(again.getByTestId('settings-file-concurrency')).toHaveValue('4');
  } finally {
    await context.close();
    await restarted.dispose();
  }
});

test('a download goes to the configured folder without a dialog; Show in folder and Open get its path', async ({ app, s3, desk }) => {
  s3.seed('reports', [['q1.csv', 'a,b\n1,2\n']]);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.bucket('reports').click();
  await ui.waitForFolder('s3://reports/');
  await ui.row('q1.csv').click();
  await app.getByTestId('download-button').click();
  const done = app.locator('[data-testid="transfer-row"][data-state="done"]');
  await expect(done).toHaveCount(1);
  expect(desk.dialogCalls).toEqual([]);
  const saved = join(desk.downloads, 'q1.csv');
  expect(await readFile(saved, 'utf8')).toBe('a,b\n1,2\n');

  await done.getByTestId('transfer-show-in-folder').click();
  await done.getByTestId('transfer-open').click();
  await expect.poll(() => desk.desktop.calls).toEqual([
    { how: 'show', path: saved },
    { how: 'open', path: saved },
  ]);
});

test('"ask every time" opens the folder dialog, then at the last folder picked', async ({ app, s3, desk }) => {
  s3.seed('reports', [['q1.csv', 'one']]);
  const ui = new BrowserPage(app);
  const dialog = await openSettings(ui);
  await dialog.getByTestId('settings-ask-every-time').check();
  await expect(dialog.getByTestId('settings-ask-every-time')).toBeChecked();
  await dialog.getByTestId('settings-close').click();

  desk.picked = mkdtempSync(join(desk.userData, '..', 'picked-'));
  await ui.openConnection(CONNECTION);
  await ui.bucket('reports').click();
  await ui.waitForFolder('s3://reports/');
  await ui.row('q1.csv').click();
  await app.getByTestId('download-button').click();
  await expect(app.locator('[data-testid="transfer-row"][data-state="done"]')).toHaveCount(1);
  expect(await readFile(join(desk.picked, 'q1.csv'), 'utf8')).toBe('one');
  expect(desk.dialogCalls).toEqual([{ title: 'Download to folder', defaultPath: desk.downloads }]);

  await app.getByTestId('transfer-clear-finished').click();
  await ui.row('q1.csv').click();
  await app.getByTestId('download-button').click();
  // The second download asks again, opening at the folder picked the first time.
  await expect.poll(() => desk.dialogCalls.length).toBe(2);
  expect(desk.dialogCalls[1]).toEqual({ title: 'Download to folder', defaultPath: desk.picked });
});

test('the status bar shows request counters only while "request metrics" is on', async ({ app, s3 }) => {
  s3.seed('reports', [['q1.csv', 'one']]);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.bucket('reports').click();
  await ui.waitForFolder('s3://reports/');
  await expect(app.getByTestId('status-requests')).toBeVisible();
  await app.getByTestId('open-settings').click();
  const dialog = app.getByTestId('settings-dialog');
  await dialog.getByTestId('settings-request-metrics').uncheck();
  await dialog.getByTestId('settings-close').click();
  await expect(app.getByTestId('status-requests')).toBeHidden();
  await expect(app.getByTestId('status-counts')).toHaveText('0 folders, 1 file');
});
