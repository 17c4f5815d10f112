/**
 * The file list's context menu in real Chromium: opened at any corner of the list it lies fully inside the
 * window (it flips and shifts), arrow keys move through its items, groups are separated, Info shows its
 * shortcut, Escape closes it and gives focus back to the table, and a right-click on the background clears
 * the selection and offers Upload, Refresh, New folder and Paste here.
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

const menu = (page: Page) => page.getByTestId('ops-context-menu');

for (const size of [
  { width: 1280, height: 820 },
  { width: 800, height: 600 },
]) {
  test(`at ${size.width}×${size.height} the menu opens fully inside the window at all four corners of the list`, async ({ app, s3 }) => {
    await app.setViewportSize(size);
    // Enough rows that the list reaches the bottom of the window, so its corners are the window's.
    s3.seed('menus', Array.from({ length: 60 }, (_, i): [string, string] => [`f${String(i).padStart(2, '0')}.txt`, 'x']));
    const ui = await openAt(app, 's3://menus/');
    const list = (await ui.tableBody.boundingBox())!;
    const inset = 3;
    const corners = [
      ['top-left', list.x + inset, list.y + inset],
      ['top-right', list.x + list.width - inset, list.y + inset],
      ['bottom-left', list.x + inset, list.y + list.height - inset],
      ['bottom-right', list.x + list.width - inset, list.y + list.height - inset],
    ] as const;
    for (const [corner, x, y] of corners) {
      await app.mouse.click(x, y, { button: 'right' });
      await expect(menu(app), corner).toBeVisible();
      // Wait for placement to settle (the menu is measured, then placed): two reads in a row agree.
      let previous = '';
      await expect
        .poll(async () => {
          const now = JSON.stringify(await menu(app).boundingBox());
          const settled = now === previous;
          previous = now;
          return settled;
        })
        .toBe(true);
      const box = (await menu(app).boundingBox())!;
      expect(box.x, `${corner}: left edge`).toBeGreaterThanOrEqual(0);
      expect(box.y, `${corner}: top edge`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${corner}: right edge`).toBeLessThanOrEqual(size.width);
      expect(box.y + box.height, `${corner}: bottom edge`).toBeLessThanOrEqual(size.height);
      // Every item is reachable without scrolling the menu.
      const last = menu(app).getByRole('menuitem').last();
      const lastBox = (await last.boundingBox())!;
      expect(lastBox.y + lastBox.height, `${corner}: last item`).toBeLessThanOrEqual(size.height);
      await app.keyboard.press('Escape');
      await expect(menu(app)).toHaveCount(0);
    }
  });
}

test('arrow keys move through the menu, groups are separated, Info shows its shortcut, Escape gives focus back', async ({ app, s3 }) => {
  s3.seed('menus', [['a.txt', 'alpha'], ['b.txt', 'beta']]);
  const ui = await openAt(app, 's3://menus/');
  await ui.row('a.txt').click();
  await ui.row('a.txt').click({ button: 'right' });
  await expect(menu(app)).toBeVisible();

  await expect(app.getByTestId('ops-menu-info')).toContainText('Ctrl+I');
  expect(await menu(app).getByRole('separator').count()).toBeGreaterThanOrEqual(3);

  const highlighted = menu(app).locator('[role="menuitem"][data-highlighted]');
  await app.keyboard.press('ArrowDown');
  await expect(highlighted).toHaveAttribute('data-testid', 'ops-menu-preview');
  await app.keyboard.press('ArrowDown');
  await expect(highlighted).toHaveAttribute('data-testid', 'ops-menu-info');
  await app.keyboard.press('ArrowUp');
  await expect(highlighted).toHaveAttribute('data-testid', 'ops-menu-preview');
  // Up from the first item wraps to the last.
  await app.keyboard.press('ArrowUp');
  await expect(highlighted).toHaveAttribute('data-testid', 'ops-menu-delete');

  await app.keyboard.press('Escape');
  await expect(menu(app)).toHaveCount(0);
  await expect.poll(() => app.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('file-table-body');

  // Enter picks the highlighted item: Info opens the details for the row (keys only once the menu holds focus).
  await ui.row('a.txt').click({ button: 'right' });
  await expect(menu(app)).toBeVisible();
  await expect.poll(() => app.evaluate(() => document.activeElement?.closest('[role="menu"]') !== null)).toBe(true);
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('info-panel')).toBeVisible();
  await expect(app.getByTestId('info-key')).toHaveText('a.txt');
});

test('a right-click on the background clears the selection and offers Upload, Refresh, New folder, Paste here', async ({ app, s3, s3Proxy }) => {
  s3.seed('menus', [['a.txt', 'alpha'], ['b.txt', 'beta']]);
  const ui = await openAt(app, 's3://menus/');
  await ui.selectRows('a.txt', 'b.txt');
  expect(await ui.selectedKeys()).toEqual(['a.txt', 'b.txt']);

  const list = (await ui.tableBody.boundingBox())!;
  await app.mouse.click(list.x + list.width / 2, list.y + list.height - 10, { button: 'right' });
  await expect(menu(app)).toBeVisible();
  expect(await ui.selectedKeys()).toEqual([]);
  await expect(menu(app).getByRole('menuitem')).toHaveText([
    /^Upload files…Ctrl\+U/, /^Upload folder…Ctrl\+Shift\+U/, /^Upload with options…/, /^RefreshF5/, /^New folder…/, /^Paste here/,
    /^Show deletedCtrl\+Shift\+H/, /^View as of…/, /^Bucket versioning…/, /^Compare with…Ctrl\+Shift\+Y/, /^Bucket info…/, /^New bucket…/,
  ]);
  await expect(app.getByTestId('ops-menu-paste')).toHaveAttribute('data-disabled', '');

  s3Proxy.reset();
  await app.getByTestId('ops-menu-refresh').click();
  await expect(menu(app)).toHaveCount(0);
  await expect.poll(() => s3Proxy.count('ListObjectsV2')).toBe(1);

  await app.mouse.click(list.x + list.width / 2, list.y + list.height - 10, { button: 'right' });
  await app.getByTestId('ops-menu-new-folder').click();
  await expect(app.getByTestId('ops-new-folder-dialog')).toBeVisible();
});
