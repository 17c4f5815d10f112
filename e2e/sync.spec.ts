/**
 * Compare a local folder with a prefix in real Chromium over the real core: read the groups, plan (a dry run
 * by default), apply, compare again: everything same. Runs on fauxqs and on Ceph RGW (real SigV4 and ETags).
 * The dialog opens through the command registry: its shortcut, and "Compare with…" on a folder's context menu.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '../testkit/app-fixture';
import { BrowserPage } from './pages/browser-page';

let localDir = '';
test.use({ coreOptions: { transfers: { dialogs: { pickFolder: async () => localDir, pickUploadPaths: async () => [], notify: () => {} } } } });
test.beforeEach(async () => {
  localDir = await mkdtemp(path.join(os.tmpdir(), 's3desk-e2e-sync-'));
});
test.afterEach(async () => {
  await rm(localDir, { recursive: true, force: true });
});

test('Compare a local folder with a prefix, apply the plan, compare again: all same', async ({ app, lane }) => {
  await lane.seed('photos', [
    ['same.txt', 'same'],
    ['changed.txt', 'old!'],
    ['remote-only.txt', 'r'],
  ]);
  await writeFile(path.join(localDir, 'same.txt'), 'same');
  await writeFile(path.join(localDir, 'changed.txt'), 'new!');
  await writeFile(path.join(localDir, 'local-only.txt'), 'l');
  const ui = new BrowserPage(app);
  await ui.openConnection('Local fauxqs');
  await ui.bucket('photos').click();
  await ui.waitForFolder('s3://photos/');

  // Compare with… from the keyboard: the folder shown goes on the right.
  await app.getByTestId('file-table-body').focus();
  await app.keyboard.press('ControlOrMeta+Shift+Y');
  const dialog = app.getByTestId('sync-dialog');
  await dialog.getByRole('button', { name: 'Choose…' }).click();
  await expect(app.getByTestId('sync-left')).toHaveValue(localDir);
  await app.getByTestId('sync-compare').click();
  await expect(app.getByTestId('sync-group-same').locator('.sync-count')).toHaveText('1');
  await expect(app.getByTestId('sync-group-different').locator('.sync-count')).toHaveText('1');
  await expect(app.getByTestId('sync-group-left-only').locator('.sync-count')).toHaveText('1');
  await expect(app.getByTestId('sync-group-right-only').locator('.sync-count')).toHaveText('1');
  await expect(app.locator('[data-testid="sync-row"][data-group="different"]')).toContainText('MD5 differs');

  await app.getByTestId('sync-plan').click();
  await expect(app.getByTestId('sync-plan-summary')).toContainText('2 upload');
  await expect(app.getByTestId('sync-plan-summary')).toContainText('Nothing is deleted.');
  // A dry run is the default: applying needs the box cleared.
  await expect(app.getByTestId('sync-apply')).toBeDisabled();
  await app.getByTestId('sync-dry-run').uncheck();
  await app.getByTestId('sync-apply').click();
  await expect(app.getByTestId('sync-outcome')).toContainText('Queued 2');
  await expect(app.locator('[data-testid="transfer-row"][data-state="done"]')).toHaveCount(2);

  await app.getByTestId('sync-compare').click();
  await expect(app.getByTestId('sync-group-same').locator('.sync-count')).toHaveText('3');
  await expect(app.getByTestId('sync-group-different').locator('.sync-count')).toHaveText('0');
  await expect(app.getByTestId('sync-group-left-only').locator('.sync-count')).toHaveText('0');
  // The extra on the right stays: deleting was not asked for.
  await expect(app.getByTestId('sync-group-right-only').locator('.sync-count')).toHaveText('1');
});

test('Compare two prefixes typed as s3://, copy server-side, compare again: all same', async ({ app, lane }) => {
  await lane.seed('photos', [
    ['a/same.txt', 'same'],
    ['a/changed.txt', 'new!'],
    ['a/new.txt', 'n'],
    ['b/same.txt', 'same'],
    ['b/changed.txt', 'old!'],
  ]);
  const ui = new BrowserPage(app);
  await ui.openConnection('Local fauxqs');
  await ui.bucket('photos').click();
  await ui.waitForFolder('s3://photos/');

  // "Compare with…" on a folder's context menu puts that folder on the right.
  await ui.row('b/').click({ button: 'right' });
  await app.getByTestId('ops-menu-compare').click();
  await expect(app.getByTestId('sync-right')).toContainText('photos/b/');
  await app.getByTestId('sync-left').fill('s3://photos/a/');
  await expect(app.getByTestId('sync-left-connection')).toBeVisible();
  await app.getByTestId('sync-compare').click();
  await expect(app.getByTestId('sync-group-same').locator('.sync-count')).toHaveText('1');
  await expect(app.getByTestId('sync-group-different').locator('.sync-count')).toHaveText('1');
  await expect(app.getByTestId('sync-group-left-only').locator('.sync-count')).toHaveText('1');
  await expect(app.locator('[data-testid="sync-row"][data-group="different"]')).toContainText('MD5 differs (single-part ETags)');

  await app.getByTestId('sync-plan').click();
  await expect(app.getByTestId('sync-plan-summary')).toContainText('2 copy');
  await app.getByTestId('sync-dry-run').uncheck();
  await app.getByTestId('sync-apply').click();
  await expect(app.getByTestId('sync-outcome')).toContainText('copied 2');
  await app.getByTestId('sync-compare').click();
  await expect(app.getByTestId('sync-group-same').locator('.sync-count')).toHaveText('3');
  await expect(app.getByTestId('sync-group-different').locator('.sync-count')).toHaveText('0');
});
