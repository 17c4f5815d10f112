/**
 * The app shell in Chromium over the real core: tabs (each its own connection, folder and history), the
 * sidebar's trees, bookmarks and recents, the window title, a restart on the same user-data folder, and the
 * narrow window. Every action is also done by keyboard.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { createCore } from '../main/core/create-core';
import { WORKSPACE_FILE_NAME } from '../main/workspace/workspace-schema';
import { callFromPage, test as base, expect } from '../testkit/app-fixture';
import { createFakeSecretBox, type FakeSecretBox } from '../testkit/fake-secret-box';
import { BridgeEvents, installBridge } from '../testkit/preload-bridge';
import { TEST_CREDENTIALS } from '../testkit/s3-server';
import { BrowserPage } from './pages/browser-page';
import { ShellPage } from './pages/shell-page';

const CONNECTION = 'Local fauxqs';
const SECOND = 'Second fauxqs';

/** A user-data folder and keyring per test, shared by its cores, so a restart finds what the first core wrote. */
const test = base.extend<{ userData: { readonly dir: string; readonly box: FakeSecretBox } }>({
  userData: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 's3desk-e2e-shell-'));
    await use({ dir, box: createFakeSecretBox() });
    rmSync(dir, { recursive: true, force: true });
  },
  coreOptions: async ({ userData }, use) => {
    await use({ userDataDir: userData.dir, secretBox: userData.box });
  },
});

function seedTwoBuckets(s3: { seed(bucket: string, objects: [string, string][]): void }): void {
  s3.seed('alpha', [
    ['a/one.txt', '1'],
    ['a/deeper/two.txt', '2'],
    ['top.txt', 't'],
  ]);
  s3.seed('beta', [
    ['b/three.txt', '3'],
    ['root.txt', 'r'],
  ]);
}

/** Open `name` on the empty tab's start screen, then a bucket and a folder in it. */
async function openFolder(ui: BrowserPage, name: string, bucket: string, folder: string): Promise<void> {
  await ui.openConnection(name);
  await ui.bucket(bucket).click();
  await ui.waitForFolder(`s3://${bucket}/`);
  await ui.row(folder).dblclick();
  await ui.waitForFolder(`s3://${bucket}/${folder}`);
}

async function addSecondConnection(page: Page, endpoint: string): Promise<void> {
  const res = await callFromPage(page, 'addConnection', { name: SECOND, endpoint, region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS });
  expect(res.ok).toBe(true);
}

test('two tabs on two connections: each keeps its folder and history; switch, reorder, close by keyboard and mouse', async ({ app, s3, s3Proxy }) => {
  seedTwoBuckets(s3);
  const ui = new BrowserPage(app);
  const shell = new ShellPage(app);
  await expect(shell.tabs).toHaveCount(1);
  await expect(app).toHaveTitle('S3 Desk');

  await openFolder(ui, CONNECTION, 'alpha', 'a/');
  await expect(app).toHaveTitle('alpha/a/ — S3 Desk');
  await addSecondConnection(app, s3Proxy.url);

  // Ctrl+T: a new, empty tab shows the start screen; the first tab keeps its browser.
  await shell.press('Control+t');
  await expect(shell.tabs).toHaveCount(2);
  await shell.expectActive(1);
  await expect(app.getByTestId('start-screen')).toBeVisible();
  await expect(app).toHaveTitle('S3 Desk');
  await openFolder(ui, SECOND, 'beta', 'b/');
  await expect(app).toHaveTitle('beta/b/ — S3 Desk');
  await expect(app.getByTestId('connection-name')).toHaveText(SECOND);
  expect(await shell.tabLabels()).toEqual(['a', 'b']);

  // Ctrl+1 / Ctrl+Tab / click switch; each tab has its own connection, folder and Back history.
  await shell.press('Control+1');
  await shell.expectActive(0);
  await ui.waitForFolder('s3://alpha/a/');
  await expect(app.getByTestId('connection-name')).toHaveText(CONNECTION);
  await expect(app).toHaveTitle('alpha/a/ — S3 Desk');
  await shell.press('Alt+ArrowLeft');
  await ui.waitForFolder('s3://alpha/');
  await shell.press('Control+Tab');
  await shell.expectActive(1);
  await ui.waitForFolder('s3://beta/b/');
  await shell.press('Alt+ArrowLeft');
  await ui.waitForFolder('s3://beta/');
  await shell.tabs.nth(0).getByRole('tab').click();
  await ui.waitForFolder('s3://alpha/');
  await expect(shell.tabs.nth(0).getByRole('tab')).toBeFocused();
  // Arrow keys move along the tab strip (automatic activation).
  await app.keyboard.press('ArrowRight');
  await shell.expectActive(1);
  await ui.waitForFolder('s3://beta/');

  // Reorder: Ctrl+Shift+PageUp moves the active tab left; a drag moves it back.
  expect(await shell.tabLabels()).toEqual(['alpha', 'beta']);
  await shell.press('Control+Shift+PageUp');
  expect(await shell.tabLabels()).toEqual(['beta', 'alpha']);
  await shell.expectActive(0);
  await shell.press('Control+Shift+PageDown');
  expect(await shell.tabLabels()).toEqual(['alpha', 'beta']);
  await shell.tabs.nth(1).dragTo(shell.tabs.nth(0), { targetPosition: { x: 4, y: 10 } });
  await expect.poll(() => shell.tabLabels()).toEqual(['beta', 'alpha']);

  // Close: middle-click closes a tab; Ctrl+W closes the active one; the last close leaves an empty tab.
  await shell.press('Control+t');
  await expect(shell.tabs).toHaveCount(3);
  await shell.tabs.nth(2).click({ button: 'middle' });
  await expect(shell.tabs).toHaveCount(2);
  await shell.press('Control+9');
  await shell.expectActive(1);
  await shell.press('Control+w');
  await expect(shell.tabs).toHaveCount(1);
  await ui.waitForFolder('s3://beta/');
  await shell.tabs.nth(0).getByTestId('tab-close').click();
  await expect(shell.tabs).toHaveCount(1);
  await expect(app.getByTestId('start-screen')).toBeVisible();
  expect(await shell.tabLabels()).toEqual(['New tab']);
});

test('no tab shortcut acts behind an open dialog', async ({ app }) => {
  const shell = new ShellPage(app);
  await expect(shell.tabs).toHaveCount(1);
  await shell.press('Control+t');
  await expect(shell.tabs).toHaveCount(2);
  await app.getByTestId('add-connection').click();
  await expect(app.getByTestId('connection-dialog')).toBeVisible();
  for (const keys of ['Control+t', 'Control+w', 'Control+Tab', 'Control+1', 'Control+b']) await shell.press(keys);
  await expect(shell.tabs).toHaveCount(2);
  await shell.expectActive(1);
  await expect(shell.sidebar).toBeVisible();
  await expect(app.getByTestId('connection-dialog')).toBeVisible();
});

test('the sidebar: a keyboard tree of connections and buckets, bookmarks and recents', async ({ app, s3, s3Proxy }) => {
  seedTwoBuckets(s3);
  const ui = new BrowserPage(app);
  const shell = new ShellPage(app);
  await openFolder(ui, CONNECTION, 'alpha', 'a/');

  // Recents: each folder opened, newest first.
  await expect(shell.recent('alpha/a/')).toBeVisible();
  await expect(shell.recents).toHaveText(['a', 'alpha']);

  // Bookmark by keyboard (Ctrl+D), then the button says it is bookmarked.
  await expect(shell.addBookmark).toBeEnabled();
  await shell.press('Control+d');
  await expect(shell.bookmark('alpha/a/')).toHaveText('a');
  await expect(shell.addBookmark).toBeDisabled();
  // …and by the toolbar button, elsewhere.
  await ui.row('a/deeper/').dblclick();
  await ui.waitForFolder('s3://alpha/a/deeper/');
  await shell.addBookmark.click();
  await expect(shell.bookmarks).toHaveText(['a', 'deeper']);

  // The connection tree: the browser already listed this connection's buckets, so expanding costs nothing.
  const listBuckets = s3Proxy.count('ListBuckets');
  const conn = shell.sidebarConnection(CONNECTION);
  await conn.focus();
  await app.keyboard.press('ArrowRight');
  await expect(conn).toHaveAttribute('aria-expanded', 'true');
  await expect(shell.sidebarBucket(CONNECTION, 'beta')).toBeVisible();
  expect(s3Proxy.count('ListBuckets')).toBe(listBuckets);
  await app.keyboard.press('ArrowDown');
  await expect(shell.sidebarBucket(CONNECTION, 'alpha')).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(shell.sidebarBucket(CONNECTION, 'beta')).toBeFocused();
  await app.keyboard.press('Enter');
  await ui.waitForFolder('s3://beta/');
  await app.keyboard.press('ArrowLeft');
  await expect(conn).toBeFocused();
  await app.keyboard.press('ArrowLeft');
  await expect(conn).toHaveAttribute('aria-expanded', 'false');
  // By mouse: the bucket row opens it.
  await conn.getByTestId('tree-toggle').click();
  await shell.sidebarBucket(CONNECTION, 'alpha').click();
  await ui.waitForFolder('s3://alpha/');

  // A bookmark opens by keyboard and by click; Back returns (a step in the tab's history).
  await shell.bookmark('alpha/a/deeper/').focus();
  await app.keyboard.press('Enter');
  await ui.waitForFolder('s3://alpha/a/deeper/');
  await shell.press('Alt+ArrowLeft');
  await ui.waitForFolder('s3://alpha/');
  await shell.bookmark('alpha/a/').click();
  await ui.waitForFolder('s3://alpha/a/');
  await shell.recent('beta/').click();
  await ui.waitForFolder('s3://beta/');
  await expect(shell.recents.first()).toHaveText('beta');

  // Remove a bookmark: Delete on the focused row, or its × by mouse.
  await shell.bookmark('alpha/a/').focus();
  await app.keyboard.press('Delete');
  await expect(shell.bookmarks).toHaveText(['deeper']);
  await expect(shell.bookmark('alpha/a/deeper/')).toBeFocused();
  await shell.bookmark('alpha/a/deeper/').hover();
  await shell.bookmark('alpha/a/deeper/').getByTestId('tree-remove').click();
  await expect(shell.bookmarks).toHaveCount(0);

  // Ctrl+B hides and shows the sidebar.
  await shell.press('Control+b');
  await expect(shell.sidebar).toBeHidden();
  await shell.press('Control+b');
  await expect(shell.sidebar).toBeVisible();
});

test('tabs, bookmarks and recents survive a restart of the core on the same user-data folder', async ({ app, s3, s3Proxy, userData, browser, appUrl }) => {
  seedTwoBuckets(s3);
  const ui = new BrowserPage(app);
  const shell = new ShellPage(app);
  await openFolder(ui, CONNECTION, 'alpha', 'a/');
  await shell.press('Control+d');
  await shell.press('Control+t');
  await openFolder(ui, CONNECTION, 'beta', 'b/');
  await shell.press('Control+1');
  await ui.waitForFolder('s3://alpha/a/');

  // What is on disk is what the restarted core reads: wait for the last write (tab 1 active).
  const file = join(userData.dir, WORKSPACE_FILE_NAME);
  const onDisk = () => {
    try {
      const { workspace } = JSON.parse(readFileSync(file, 'utf8')) as { workspace: { tabs: { id: string }[]; activeTabId: string; bookmarks: unknown[] } };
      return { tabs: workspace.tabs.length, activeIsFirst: workspace.activeTabId === workspace.tabs[0]?.id, bookmarks: workspace.bookmarks.length };
    } catch {
      return null;
    }
  };
  await expect.poll(onDisk).toEqual({ tabs: 2, activeIsFirst: true, bookmarks: 1 });

  const events = new BridgeEvents();
  const restarted = createCore({ userDataDir: userData.dir, secretBox: userData.box, events: events.sink });
  const context = await browser.newContext();
  try {
    const page2 = await context.newPage();
    await installBridge(page2, restarted, events);
    s3Proxy.reset();
    await page2.goto(appUrl);
    const ui2 = new BrowserPage(page2);
    const shell2 = new ShellPage(page2);
    await expect(shell2.tabs).toHaveCount(2);
    await shell2.expectActive(0);
    await ui2.waitForFolder('s3://alpha/a/');
    await expect(page2).toHaveTitle('alpha/a/ — S3 Desk');
    expect(await shell2.tabLabels()).toEqual(['a', 'b']);
    await expect(shell2.bookmark('alpha/a/')).toBeVisible();
    await expect(shell2.recents.first()).toHaveAttribute('data-path', 'alpha/a/');
    // Only the shown tab listed; the other lists when first shown, with its history.
    expect(s3Proxy.log.filter((r) => r.operation === 'ListObjectsV2').map((r) => r.bucket)).toEqual(['alpha']);
    await shell2.press('Control+2');
    await ui2.waitForFolder('s3://beta/b/');
    await shell2.press('Alt+ArrowLeft');
    await ui2.waitForFolder('s3://beta/');
  } finally {
    await context.close();
    await restarted.dispose();
  }
});

test('at 720 px the sidebar and the table do not overlap; narrow windows start with it hidden', async ({ page, appUrl, connection, s3 }) => {
  void connection;
  seedTwoBuckets(s3);
  await page.setViewportSize({ width: 720, height: 600 });
  await page.goto(appUrl);
  const ui = new BrowserPage(page);
  const shell = new ShellPage(page);
  await openFolder(ui, CONNECTION, 'alpha', 'a/');
  await expect(shell.sidebar).toBeHidden();
  await shell.press('Control+b');
  await expect(shell.sidebar).toBeVisible();

  const side = await shell.sidebar.boundingBox();
  const table = await page.getByTestId('file-table-body').boundingBox();
  const tabBar = await page.getByTestId('tab-bar').boundingBox();
  if (!side || !table || !tabBar) throw new Error('sidebar, table or tab bar not rendered');
  expect(side.x + side.width).toBeLessThanOrEqual(table.x);
  expect(side.x + side.width).toBeLessThanOrEqual(tabBar.x);
  expect(table.x + table.width).toBeLessThanOrEqual(720);
  expect(tabBar.x + tabBar.width).toBeLessThanOrEqual(720);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(overflow).toBeLessThanOrEqual(720);
  await ui.screenshot('shell-narrow');
  await page.emulateMedia({ colorScheme: 'dark' });
  await ui.screenshot('shell-narrow-dark');
});

test('screens at 1280×820, light and dark', async ({ app, s3 }) => {
  seedTwoBuckets(s3);
  await app.setViewportSize({ width: 1280, height: 820 });
  const ui = new BrowserPage(app);
  const shell = new ShellPage(app);
  await openFolder(ui, CONNECTION, 'alpha', 'a/');
  await shell.press('Control+d');
  await shell.sidebarConnection(CONNECTION).getByTestId('tree-toggle').click();
  await shell.press('Control+t');
  await ui.screenshot('shell-empty-tab');
  await shell.press('Control+1');
  await ui.waitForFolder('s3://alpha/a/');
  await ui.screenshot('shell');
  await app.emulateMedia({ colorScheme: 'dark' });
  await ui.screenshot('shell-dark');
});
