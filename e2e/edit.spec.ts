/**
 * Edit and save back, in Chromium over the real core: Ctrl+E downloads a temp copy through the transfer queue
 * and hands it to the "default app" (a recording port: the test is the editor and writes the file). A save
 * goes up with a conditional PUT; a change or a deletion on the server stops it, and the dialog asks.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { expect, test } from '../testkit/app-fixture';
import { BrowserPage } from './pages/browser-page';

const CONNECTION = 'Local fauxqs';
const BUCKET = 'edits';
const opened: string[] = [];

test.use({ coreOptions: { openEdit: { port: { openPath: (path) => (opened.push(path), Promise.resolve('')) }, settleMs: 50 } } });
test.beforeEach(() => {
  opened.length = 0;
});

const text = async (lane: { body(b: string, k: string): Promise<Buffer> }, key: string) => (await lane.body(BUCKET, key).catch(() => Buffer.from('<missing>'))).toString();

test('Ctrl+E edits a file: a save uploads; a server change asks, and Save as keeps both', async ({ app, lane }) => {
  await lane.seed(BUCKET, [['e/report.txt', 'v1']]);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo(`s3://${BUCKET}/e/`);
  await ui.waitForFolder(`s3://${BUCKET}/e/`);
  await ui.row('e/report.txt').click();
  await app.keyboard.press('Control+E');
  await expect.poll(() => opened.length).toBe(1);
  const local = opened[0] as string;
  await expect(app.getByTestId('preview-external')).toContainText('Opened for editing');
  // The temp copy came through the transfer queue: the panel shows it.
  await expect(app.locator('[data-testid="transfer-row"][data-key="e/report.txt"]').first()).toHaveAttribute('data-state', 'done');
  await app.keyboard.press('Escape');

  // A save with nothing changed on the server goes straight up, shown in the panel as an upload.
  await writeFile(local, 'v2 mine');
  await expect.poll(() => text(lane, 'e/report.txt')).toBe('v2 mine');
  await expect(app.getByTestId('transfer-row').filter({ hasText: 'saved from the editor' })).toHaveCount(1);

  // Someone else changes it; the next save must not overwrite theirs without asking.
  await lane.seed(BUCKET, [['e/report.txt', 'theirs']]);
  await writeFile(local, 'v3 mine');
  const dialog = app.getByTestId('edit-conflict');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('report.txt changed on the server');
  expect(await text(lane, 'e/report.txt')).toBe('theirs');
  // Keyboard only: the proposed key is in the field; Enter saves there.
  await expect(app.getByTestId('edit-conflict-key')).toHaveValue('e/report (edited).txt');
  await app.getByTestId('edit-conflict-key').focus();
  await app.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => text(lane, 'e/report (edited).txt')).toBe('v3 mine');
  expect(await text(lane, 'e/report.txt')).toBe('theirs');
  await expect(ui.row('e/report (edited).txt')).toBeVisible();

  // The edit goes on at the new key. Deleted there meanwhile, a save is uploaded only once confirmed.
  await lane.deleteObject(BUCKET, 'e/report (edited).txt');
  await writeFile(local, 'v4 mine');
  await expect(dialog).toContainText('report (edited).txt was deleted on the server');
  expect(await text(lane, 'e/report (edited).txt')).toBe('<missing>');
  // Nothing is uploaded while it asks; Tab stays inside the dialog.
  await app.keyboard.press('Tab');
  await expect.poll(() => app.evaluate(() => document.activeElement?.closest('[data-testid="edit-conflict"]') !== null)).toBe(true);
  await app.getByTestId('edit-conflict-overwrite').click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => text(lane, 'e/report (edited).txt')).toBe('v4 mine');

  // Done (the status bar's list) ends the edit: no more watching, and its temp copy is gone.
  await app.getByTestId('edits-button').click();
  await expect(app.getByTestId('edits-entry')).toHaveCount(1);
  await expect(app.getByTestId('edits-entry')).toContainText('3 saves uploaded');
  await app.getByTestId('edits-done').click();
  await expect(app.getByTestId('edits-button')).toHaveCount(0);
  await expect.poll(() => existsSync(local)).toBe(false);
});

test('Discard ends the edit and leaves the server copy alone', async ({ app, lane }) => {
  await lane.seed(BUCKET, [['d/notes.txt', 'v1']]);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo(`s3://${BUCKET}/d/`);
  await ui.waitForFolder(`s3://${BUCKET}/d/`);
  await ui.row('d/notes.txt').click({ button: 'right' });
  await app.getByTestId('ops-menu-edit').click();
  await expect.poll(() => opened.length).toBe(1);
  await app.keyboard.press('Escape');
  await lane.seed(BUCKET, [['d/notes.txt', 'theirs']]);
  await writeFile(opened[0] as string, 'mine');
  await expect(app.getByTestId('edit-conflict')).toBeVisible();
  await app.getByTestId('edit-conflict-discard').click();
  await expect(app.getByTestId('edit-conflict')).toHaveCount(0);
  expect(await text(lane, 'd/notes.txt')).toBe('theirs');
  expect(await lane.keys(BUCKET, 'd/')).toEqual(['d/notes.txt']);
  await expect(app.getByTestId('edits-button')).toHaveCount(0);
  await expect.poll(() => existsSync(opened[0] as string)).toBe(false);
});
