/**
 * File operations in real Chromium over the real core, against fauxqs through the counting proxy: create,
 * rename, copy/cut/paste, delete (with its confirmation) and preview, by shortcut and by context menu. Every
 * test checks what the bucket really holds (s3.keys) and that the table updates with no manual refresh.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../testkit/app-fixture';
import { BrowserPage } from './pages/browser-page';
import { numberedKeys } from '../testkit/s3-server';

const CONNECTION = 'Local fauxqs';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function openAt(app: Page, address: string): Promise<BrowserPage> {
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo(address);
  await ui.waitForFolder(address);
  return ui;
}

/** Right-click a row (or the table's empty area) and pick a menu item. */
async function menu(ui: BrowserPage, target: Locator, item: string): Promise<void> {
  await target.click({ button: 'right' });
  await expect(ui.page.getByTestId('ops-context-menu')).toBeVisible();
  await ui.page.getByTestId(`ops-menu-${item}`).click();
}

async function typeName(ui: BrowserPage, name: string): Promise<void> {
  const input = ui.page.getByTestId('ops-name-input');
  await expect(input).toBeVisible();
  await input.fill(name);
  await input.press('Enter');
}

test('creates nested folders by Ctrl+Shift+N and by the menu; they appear in a/b/ without a refresh', async ({ app, s3, s3Proxy }) => {
  s3.seed('ops', [['a/b/x.txt', 'x']]);
  const ui = await openAt(app, 's3://ops/a/b/');
  await ui.row('a/b/x.txt').click();
  s3Proxy.reset();

  await ui.page.keyboard.press('Control+Shift+N');
  await expect(ui.page.getByTestId('ops-new-folder-dialog')).toBeVisible();
  // An invalid name is refused in place, before any request.
  await typeName(ui, 'bad/name');
  await expect(ui.page.getByTestId('ops-name-problem')).toContainText('/');
  expect(s3Proxy.count()).toBe(0);
  await typeName(ui, 'new');
  await expect(ui.row('a/b/new/')).toBeVisible();
  expect(s3.keys('ops')).toEqual(['a/b/new/', 'a/b/x.txt']);
  expect(s3Proxy.count('PutObject')).toBe(1);
  expect(s3Proxy.count('HeadObject')).toBe(0);

  await menu(ui, ui.row('a/b/x.txt'), 'new-folder');
  await typeName(ui, 'second');
  await expect(ui.row('a/b/second/')).toBeVisible();
  expect(s3.keys('ops')).toEqual(['a/b/new/', 'a/b/second/', 'a/b/x.txt']);
});

test('renames a file by F2 and by the menu; the old row goes, the new one comes', async ({ app, s3 }) => {
  s3.seed('ops', [['r/old.txt', 'payload'], ['r/other.txt', 'o']]);
  const ui = await openAt(app, 's3://ops/r/');
  await ui.row('r/old.txt').click();
  await ui.page.keyboard.press('F2');
  await expect(ui.page.getByTestId('ops-name-input')).toHaveValue('old.txt');
  await typeName(ui, 'new name.txt');
  await expect(ui.row('r/new name.txt')).toBeVisible();
  await expect(ui.row('r/old.txt')).toHaveCount(0);
  expect(s3.keys('ops')).toEqual(['r/new name.txt', 'r/other.txt']);

  await menu(ui, ui.row('r/new name.txt'), 'rename');
  await typeName(ui, 'other.txt');
  // Renaming onto an existing name is refused and nothing changes.
  await expect(ui.page.getByTestId('ops-name-problem')).toContainText('already exists');
  await typeName(ui, 'final.txt');
  await expect(ui.row('r/final.txt')).toBeVisible();
  expect(s3.keys('ops')).toEqual(['r/final.txt', 'r/other.txt']);
  expect(s3.store.getObject('ops', 'r/final.txt').body.toString()).toBe('payload');
});

test('copies with Ctrl+C / Ctrl+V and moves with Cut / Paste from the menu, server-side', async ({ app, s3, s3Proxy }) => {
  s3.seed('ops', [['src/a.txt', 'A'], ['src/dir/inner.txt', 'I'], ['dst/keep.txt', 'K']]);
  const ui = await openAt(app, 's3://ops/src/');
  await ui.row('src/a.txt').click();
  await ui.row('src/dir/').click({ modifiers: ['Control'] });
  await ui.page.keyboard.press('Control+C');
  await ui.goTo('s3://ops/dst/');
  await ui.waitForFolder('s3://ops/dst/');
  s3Proxy.reset();
  await ui.tableBody.focus();
  await ui.page.keyboard.press('Control+V');
  await expect(ui.row('dst/a.txt')).toBeVisible();
  await expect(ui.row('dst/dir/')).toBeVisible();
  expect(s3.keys('ops')).toEqual(['dst/a.txt', 'dst/dir/inner.txt', 'dst/keep.txt', 'src/a.txt', 'src/dir/inner.txt']);
  expect(s3Proxy.count('CopyObject')).toBe(2);
  expect(s3Proxy.count('GetObject')).toBe(0);
  expect(s3Proxy.count('HeadObject')).toBe(0);

  await ui.row('dst/a.txt').click({ button: 'right' });
  await expect(ui.page.getByTestId('ops-context-menu')).toBeVisible();
  await ui.screenshot('operations-context-menu');
  await ui.page.keyboard.press('Escape');
  await menu(ui, ui.row('dst/a.txt'), 'cut');
  await ui.goTo('s3://ops/');
  await ui.waitForFolder('s3://ops/');
  await menu(ui, ui.row('src/'), 'paste');
  await expect(ui.row('a.txt')).toBeVisible();
  expect(s3.keys('ops')).toEqual(['a.txt', 'dst/dir/inner.txt', 'dst/keep.txt', 'src/a.txt', 'src/dir/inner.txt']);
  await ui.goTo('s3://ops/dst/');
  await ui.waitForFolder('s3://ops/dst/');
  await expect(ui.row('dst/a.txt')).toHaveCount(0);
});

test('deletes a folder after a confirmation stating objects and bytes; it vanishes from its parent', async ({ app, s3, s3Proxy }) => {
  s3.seed('ops', [['d/folder/one.txt', '12345'], ['d/folder/two.txt', '1234567890'], ['d/folder/sub/three.txt', '123'], ['d/keep.txt', 'k']]);
  const ui = await openAt(app, 's3://ops/d/');
  await ui.row('d/folder/').click();
  await ui.page.keyboard.press('Delete');
  await expect(ui.page.getByTestId('ops-confirm-title')).toHaveText('Delete “folder” (3 objects, 18 B)?');
  await ui.page.getByTestId('ops-confirm-cancel').click();
  expect(s3.keys('ops')).toHaveLength(4);

  s3Proxy.reset();
  await ui.page.keyboard.press('Delete');
  await expect(ui.page.getByTestId('ops-confirm-title')).toHaveText('Delete “folder” (3 objects, 18 B)?');
  await ui.screenshot('operations-confirm-delete');
  await ui.page.getByTestId('ops-confirm-ok').click();
  await expect(ui.row('d/folder/')).toHaveCount(0);
  expect(s3.keys('ops')).toEqual(['d/keep.txt']);
  expect(s3Proxy.count('DeleteObjects')).toBe(1);
  await expect(ui.page.getByTestId('ops-run-summary')).toContainText('3 of 3');

  await menu(ui, ui.row('d/keep.txt'), 'delete');
  await expect(ui.page.getByTestId('ops-confirm-title')).toHaveText('Delete “keep.txt” (1 object, 1 B)?');
  await ui.page.getByTestId('ops-confirm-ok').click();
  await expect(ui.row('d/keep.txt')).toHaveCount(0);
  expect(s3.keys('ops')).toEqual([]);
});

test('a paste asks before overwriting keys deep inside a pasted folder, found by listing (no HEAD)', async ({ app, s3, s3Proxy }) => {
  s3.seed('ops', [['src/dir/sub/deep.txt', 'new deep'], ['src/dir/fresh.txt', 'fresh'], ['dst/dir/sub/deep.txt', 'old deep'], ['dst/keep.txt', 'K']]);
  const ui = await openAt(app, 's3://ops/src/');
  await ui.row('src/dir/').click();
  await ui.page.keyboard.press('Control+C');
  await ui.goTo('s3://ops/dst/');
  await ui.waitForFolder('s3://ops/dst/');
  s3Proxy.reset();
  await ui.tableBody.focus();
  await ui.page.keyboard.press('Control+V');
  await expect(ui.page.getByTestId('ops-confirm-title')).toHaveText('Copy 2 objects (13 B), overwriting existing items?');
  await expect(ui.page.getByTestId('ops-confirm-conflicts')).toHaveText('dst/dir/sub/deep.txt');
  expect(s3Proxy.count('HeadObject')).toBe(0);
  expect(s3Proxy.count('CopyObject')).toBe(0);
  expect(s3.store.getObject('ops', 'dst/dir/sub/deep.txt').body.toString()).toBe('old deep');
  await ui.screenshot('operations-confirm-overwrite');
  await ui.page.getByTestId('ops-confirm-ok').click();
  await expect(ui.page.getByTestId('ops-run-summary')).toContainText('2 of 2');
  expect(s3.store.getObject('ops', 'dst/dir/sub/deep.txt').body.toString()).toBe('new deep');
  expect(s3.keys('ops', 'dst/')).toEqual(['dst/dir/fresh.txt', 'dst/dir/sub/deep.txt', 'dst/keep.txt']);
});

test('counting a big folder before a delete shows objects and bytes so far; Cancel stops the listing', async ({ app, s3, s3Proxy }) => {
  s3.seed('ops', numberedKeys('big/', 2500));
  s3.seed('ops', [['other.txt', 'o']]);
  const ui = await openAt(app, 's3://ops/');
  await ui.row('big/').click();
  // Hold the second page of the recursive listing on the wire until the user has pressed Cancel.
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  s3Proxy.addRule((w) => (w.operation === 'ListObjectsV2' && w.query.has('continuation-token') ? { kind: 'hold', until: gate } : undefined));
  s3Proxy.reset();
  await ui.page.keyboard.press('Delete');
  await expect(ui.page.getByTestId('ops-planning-count')).toHaveText('Counting objects… 1,000 (7.7 KB)');
  await ui.screenshot('operations-counting');
  await ui.page.getByTestId('ops-planning-cancel').click();
  await expect(ui.page.getByTestId('ops-planning')).toHaveCount(0);
  release();
  await expect(ui.page.getByTestId('ops-confirm')).toHaveCount(0);
  await expect(ui.page.getByTestId('ops-error')).toHaveCount(0);
  const listings = s3Proxy.log.filter((w) => w.operation === 'ListObjectsV2' && w.query.get('prefix') === 'big/' && !w.query.has('delimiter'));
  expect(listings).toHaveLength(2);
  expect(s3Proxy.count('DeleteObjects')).toBe(0);
  expect(s3.keys('ops', 'big/')).toHaveLength(2500);
  await expect(ui.row('big/')).toBeVisible();
});

test('previews Markdown and images with Space, says what it cannot preview, and shows info from the menu', async ({ app, s3, s3Proxy }) => {
  s3.seed('ops', [['p/readme.md', '# Hello\nworld'], ['p/dot.png', PNG], ['p/blob.bin', Buffer.from([0, 1, 2, 3, 0, 255])]]);
  const ui = await openAt(app, 's3://ops/p/');
  s3Proxy.reset();
  await ui.row('p/readme.md').click();
  await ui.page.keyboard.press('Space');
  await expect(ui.page.getByTestId('preview-markdown').getByRole('heading', { name: 'Hello' })).toBeVisible();
  await expect(ui.page.getByTestId('preview-markdown')).toContainText('world');
  expect(s3Proxy.count('GetObject')).toBe(1);
  await ui.page.keyboard.press('Escape');
  await expect(ui.page.getByTestId('preview')).toHaveCount(0);

  await ui.row('p/dot.png').click();
  await ui.page.keyboard.press('Space');
  // Decoded from a blob: address (the CSP allows no other image source but data:).
  await expect(ui.page.getByTestId('preview-image')).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => ui.page.getByTestId('preview-image').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await ui.page.keyboard.press('Space');
  await expect(ui.page.getByTestId('preview')).toHaveCount(0);

  await menu(ui, ui.row('p/blob.bin'), 'preview');
  await expect(ui.page.getByTestId('preview-unknown')).toContainText('cannot preview');
  await ui.page.keyboard.press('Escape');

  // Info from the menu: the browser's info panel with the object's headers (one HeadObject, on demand).
  s3Proxy.reset();
  await menu(ui, ui.row('p/readme.md'), 'info');
  await expect(ui.page.getByTestId('info-content-type')).toBeVisible();
  expect(s3Proxy.count('HeadObject')).toBe(1);
});

test('copies the s3:// URI and a presigned link to the clipboard from the menu', async ({ app, s3, s3Proxy, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  s3.seed('ops', [['s/report 1.txt', 'shared']]);
  const ui = await openAt(app, 's3://ops/s/');
  await menu(ui, ui.row('s/report 1.txt'), 'share-uri');
  await expect(ui.page.getByTestId('ops-share-toast')).toHaveText('Copied to the clipboard');
  expect(await ui.page.evaluate(() => navigator.clipboard.readText())).toBe('s3://ops/s/report 1.txt');

  s3Proxy.reset();
  await menu(ui, ui.row('s/report 1.txt'), 'share-presigned');
  await ui.page.getByTestId('ops-share-hours').fill('200');
  await ui.page.getByTestId('ops-share-hours').press('Enter');
  await expect(ui.page.getByTestId('ops-share')).toContainText('at most 7 days');
  await ui.page.getByRole('button', { name: '1 day' }).click();
  const link = await ui.page.getByTestId('ops-share-text').inputValue();
  expect(new URL(link).searchParams.get('X-Amz-Expires')).toBe('86400');
  expect(await ui.page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  // Signing is local; fetching the link gets the object.
  expect(s3Proxy.count()).toBe(0);
  expect(await (await fetch(link)).text()).toBe('shared');
});

test('a move with refused copies reports exactly which keys did not move and keeps their sources', async ({ app, s3, s3Proxy }) => {
  s3.seed('ops', [['m/src/a.txt', 'a'], ['m/src/b.txt', 'b'], ['m/src/c.txt', 'c']]);
  s3Proxy.addRule((r) => (r.operation === 'CopyObject' && r.copySource === 'ops/m/src/b.txt' ? { kind: 'deny' } : undefined));
  const ui = await openAt(app, 's3://ops/m/');
  await ui.row('m/src/').click();
  await ui.page.keyboard.press('F2');
  await typeName(ui, 'dst');
  const run = ui.page.getByTestId('ops-run');
  await expect(run).toHaveAttribute('data-status', 'partial');
  await expect(ui.page.getByTestId('ops-run-summary')).toHaveText('Finished with errors: 2 of 3 succeeded, 1 failed');
  await expect(ui.page.getByTestId('ops-run-failures')).toContainText('m/src/b.txt — not copied (source kept)');
  expect(s3.keys('ops')).toEqual(['m/dst/a.txt', 'm/dst/c.txt', 'm/src/b.txt']);
  // Both folders are shown without a refresh: the new one, and the old one still holding what did not move.
  await expect(ui.row('m/dst/')).toBeVisible();
  await expect(ui.row('m/src/')).toBeVisible();
});
