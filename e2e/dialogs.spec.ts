/**
 * Every dialog holds the keyboard, in real Chromium over the real core: focus moves in, Tab and Shift+Tab
 * never leave it, Escape cancels it, focus goes back to where it was, and no shortcut acts on the page behind
 * it (Alt+Left, F5, Ctrl+Shift+N while "Delete 1 object?" is up). The connection dialog fits a small window:
 * only its fields scroll, Save and Cancel stay visible.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../testkit/app-fixture';
import { BrowserPage } from './pages/browser-page';

const CONNECTION = 'Local fauxqs';


async function openAt(app: Page, address: string): Promise<BrowserPage> {
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo(address);
  await ui.waitForFolder(address);
  return ui;
}

/** The test id of the focused element, or of the nearest ancestor that has one. */
function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null);
}

function focusInside(page: Page, testId: string): Promise<boolean> {
  return page.evaluate((id) => {
    const dialog = document.querySelector(`[data-testid="${id}"]`);
    return dialog !== null && dialog.contains(document.activeElement);
  }, testId);
}

/** Tab forward and back more often than the dialog has controls: focus must stay inside every time. */
async function expectTabStaysInside(page: Page, testId: string): Promise<void> {
  expect(await focusInside(page, testId), `focus moved into ${testId}`).toBe(true);
  for (const key of [...Array<string>(12).fill('Tab'), ...Array<string>(12).fill('Shift+Tab')]) {
    await page.keyboard.press(key);
    expect(await focusInside(page, testId), `${key} stays in ${testId}`).toBe(true);
  }
}

const DIALOGS: ReadonlyArray<{ readonly name: string; readonly testId: string; open(ui: BrowserPage): Promise<void> }> = [
  { name: 'delete confirmation', testId: 'ops-confirm', open: (ui) => ui.page.keyboard.press('Delete') },
  { name: 'new folder', testId: 'ops-new-folder-dialog', open: (ui) => ui.page.keyboard.press('Control+Shift+N') },
  { name: 'rename', testId: 'ops-rename-dialog', open: (ui) => ui.page.keyboard.press('F2') },
  { name: 'preview', testId: 'preview', open: (ui) => ui.page.keyboard.press(' ') },
  {
    name: 'share (from the context menu)',
    testId: 'ops-share',
    open: async (ui) => {
      await ui.row('a.txt').click({ button: 'right' });
      await ui.page.getByTestId('ops-menu-share-presigned').click();
    },
  },
  { name: 'upload conflict', testId: 'conflict-dialog', open: (ui) => ui.dropFile('a.txt') },
];

for (const dialog of DIALOGS) {
  test(`the ${dialog.name} dialog traps Tab, closes on Escape and gives focus back to the table`, async ({ app, s3 }) => {
    s3.seed('dlg', [['a.txt', 'alpha'], ['b.txt', 'beta']]);
    const ui = await openAt(app, 's3://dlg/');
    await ui.row('a.txt').click();
    expect(await focusedTestId(app)).toBe('file-table-body');

    await dialog.open(ui);
    const shown = app.getByTestId(dialog.testId);
    await expect(shown).toBeVisible();
    await expect.poll(() => focusInside(app, dialog.testId)).toBe(true);
    await expectTabStaysInside(app, dialog.testId);

    await app.keyboard.press('Escape');
    await expect(shown).toHaveCount(0);
    await expect.poll(() => focusedTestId(app)).toBe('file-table-body');
    // Nothing was done: the bucket is as seeded.
    expect(s3.keys('dlg')).toEqual(['a.txt', 'b.txt']);
  });
}

test('no shortcut acts behind an open dialog; the same keys work once it is closed', async ({ app, s3, s3Proxy }) => {
  s3.seed('dlg', [['sub/x.txt', 'x'], ['top.txt', 't']]);
  const ui = await openAt(app, 's3://dlg/');
  await ui.row('sub/').dblclick();
  await ui.waitForFolder('s3://dlg/sub/');
  await ui.row('sub/x.txt').click();
  await app.keyboard.press('Delete');
  await expect(app.getByTestId('ops-confirm-title')).toHaveText('Delete “x.txt” (1 object, 1 B)?');
  s3Proxy.reset();

  await app.keyboard.press('Alt+ArrowLeft'); // Back
  await app.keyboard.press('F5'); // Refresh
  await app.keyboard.press('Control+Shift+N'); // New folder
  await app.keyboard.press('Control+L'); // Address bar
  await app.keyboard.press('Backspace'); // Up
  await expect(app.getByTestId('ops-confirm')).toBeVisible();
  await expect(ui.address).toHaveValue('s3://dlg/sub/');
  await expect(app.getByTestId('ops-new-folder-dialog')).toHaveCount(0);
  expect(await focusInside(app, 'ops-confirm')).toBe(true);
  expect(s3Proxy.count()).toBe(0);

  await app.keyboard.press('Escape');
  await expect(app.getByTestId('ops-confirm')).toHaveCount(0);
  expect(s3.keys('dlg')).toEqual(['sub/x.txt', 'top.txt']);
  await app.keyboard.press('Alt+ArrowLeft');
  await ui.waitForFolder('s3://dlg/');
});

test('the connection dialog traps Tab, closes on Escape, returns focus, and fits an 800×600 window', async ({ app }) => {
  await app.setViewportSize({ width: 800, height: 600 });
  const add = app.getByTestId('add-connection');
  await add.focus();
  await add.press('Enter');
  const dialog = app.getByTestId('connection-dialog');
  await expect(dialog).toBeVisible();
  await expect.poll(() => focusInside(app, 'connection-dialog')).toBe(true);

  // The whole frame is inside the window, its buttons too; the fields scroll instead.
  const viewport = { width: 800, height: 600 };
  for (const id of ['connection-dialog', 'conn-save', 'conn-cancel']) {
    const box = (await app.getByTestId(id).boundingBox())!;
    expect(box.x, id).toBeGreaterThanOrEqual(0);
    expect(box.y, id).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, id).toBeLessThanOrEqual(viewport.width);
    expect(box.y + box.height, id).toBeLessThanOrEqual(viewport.height);
  }
  const body = app.getByTestId('connection-dialog-body');
  expect(await body.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);

  await expectTabStaysInside(app, 'connection-dialog');
  await app.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => focusedTestId(app)).toBe('add-connection');
});
