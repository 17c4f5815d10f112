/**
 * The command registry in real Chromium over the real core: every toolbar button runs its command; at 720 px
 * the actions collapse into an overflow menu that holds exactly the hidden ones and nothing overlaps; a
 * shortcut, the toolbar and the context menu start the same command; a native menu click (`menu:command`,
 * sent from the core through the bridge) runs it and the renderer's state greys the native menu
 * (`menu:state`); tooltips name the shortcut and a disabled button's reason; the toolbars work by keyboard.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../testkit/app-fixture';
import { BrowserPage } from './pages/browser-page';

const CONNECTION = 'Local fauxqs';
/** What the fake native pickers were asked, per test (the core lives in the test process). */
const picks: string[] = [];
test.use({
  coreOptions: {
    transfers: {
      dialogs: {
        pickFolder: async () => {
          picks.push('folder');
          return null;
        },
        pickUploadPaths: async ({ folders }: { readonly folders: boolean }) => {
          picks.push(folders ? 'upload-folder' : 'upload-files');
          return [];
        },
        notify: () => {},
      },
    },
  },
});
test.beforeEach(() => {
  picks.length = 0;
});

async function openAt(app: Page, address: string): Promise<BrowserPage> {
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo(address);
  await ui.waitForFolder(address);
  return ui;
}

const SEED: Array<[string, string]> = [
  ['docs/a.txt', 'alpha'],
  ['docs/b.txt', 'beta'],
  ['docs/sub/c.txt', 'gamma'],
  ['other/keep.txt', 'k'],
];

async function escape(app: Page, dialog: Locator): Promise<void> {
  await app.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
}

test('every toolbar button runs its command', async ({ app, s3, s3Proxy }) => {
  s3.seed('cmds', SEED);
  const ui = await openAt(app, 's3://cmds/docs/');
  const button = (id: string) => app.getByTestId(id);
  // With the sidebar hidden every action fits on the toolbar at this width (the overflow has its own test).
  await button('sidebar-toggle').click();
  await expect(button('sidebar-toggle')).toHaveAttribute('aria-pressed', 'false');

  // Navigation: Up, Back, Forward, Refresh.
  await button('nav-up').click();
  await ui.waitForFolder('s3://cmds/');
  await button('nav-back').click();
  await ui.waitForFolder('s3://cmds/docs/');
  await button('nav-forward').click();
  await ui.waitForFolder('s3://cmds/');
  await button('nav-back').click();
  await ui.waitForFolder('s3://cmds/docs/');
  s3Proxy.reset();
  await button('nav-refresh').click();
  await expect.poll(() => s3Proxy.count('ListObjectsV2')).toBe(1);

  // Folder-level actions need no selection.
  await button('cmd-new-folder').click();
  await escape(app, app.getByTestId('ops-new-folder-dialog'));
  await button('upload-files-button').click();
  await expect.poll(() => picks).toEqual(['upload-files']);
  await button('upload-folder-button').click();
  await expect.poll(() => picks).toEqual(['upload-files', 'upload-folder']);

  // Selection actions.
  await ui.row('docs/a.txt').click();
  await button('download-button').click();
  await expect.poll(() => picks).toEqual(['upload-files', 'upload-folder', 'folder']);
  await button('cmd-delete').click();
  await expect(app.getByTestId('ops-confirm-title')).toContainText('1 object');
  await escape(app, app.getByTestId('ops-confirm'));
  await button('cmd-rename').click();
  await expect(app.getByTestId('ops-name-input')).toHaveValue('a.txt');
  await escape(app, app.getByTestId('ops-rename-dialog'));
  await button('cmd-preview').click();
  await expect(app.getByTestId('preview-code')).toHaveText('alpha');
  await escape(app, app.getByTestId('preview'));
  await button('cmd-info').click();
  await expect(app.getByTestId('info-key')).toHaveText('docs/a.txt');
  await button('cmd-share-link').click();
  await expect(app.getByTestId('ops-share')).toBeVisible();
  await escape(app, app.getByTestId('ops-share'));

  // Copy here, Paste in another folder: the object is copied on the server.
  await expect(button('cmd-paste')).toBeDisabled();
  await button('cmd-copy').click();
  await ui.goTo('s3://cmds/other/');
  await ui.waitForFolder('s3://cmds/other/');
  await button('cmd-paste').click();
  await expect(ui.row('other/a.txt')).toBeVisible();
  expect(await s3.keys('cmds')).toContain('other/a.txt');
  await ui.screenshot('commands-toolbar');
});

test('at 720 px the actions overflow into a menu that holds exactly the hidden ones; nothing overlaps', async ({ app, s3 }) => {
  await app.setViewportSize({ width: 720, height: 600 });
  s3.seed('cmds', SEED);
  const ui = await openAt(app, 's3://cmds/docs/');
  const actions = app.getByTestId('toolbar-actions');
  await expect(app.getByTestId('toolbar-overflow')).toBeVisible();
  const shownIds = await actions.locator('.command-button[data-testid]:not([data-testid="toolbar-overflow"])').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-testid')),
  );
  expect(shownIds.length).toBeLessThan(14);

  // Nothing in the toolbar overlaps another part or leaves the window; the filter keeps a usable width.
  const parts = [
    app.getByTestId('toolbar-navigation'),
    app.getByRole('textbox', { name: 'Address' }),
    app.getByRole('searchbox', { name: 'Filter this folder' }),
    actions,
    app.getByTestId('open-bucket-toggle'),
    app.getByTestId('close-connection'),
  ];
  const boxes = [];
  for (const part of parts) boxes.push((await part.boundingBox())!);
  for (const [i, a] of boxes.entries()) {
    expect(a.x, `part ${i} starts inside`).toBeGreaterThanOrEqual(0);
    expect(a.x + a.width, `part ${i} ends inside`).toBeLessThanOrEqual(720);
    for (const b of boxes.slice(i + 1)) expect(a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5, `part ${i} overlaps`).toBe(true);
  }
  expect(boxes[2]!.width).toBeGreaterThanOrEqual(120);
  // The last visible button ends inside the actions row (none is cut off).
  const actionsBox = boxes[3]!;
  const overflowBox = (await app.getByTestId('toolbar-overflow').boundingBox())!;
  expect(overflowBox.x + overflowBox.width).toBeLessThanOrEqual(actionsBox.x + actionsBox.width + 0.5);

  await app.getByTestId('toolbar-overflow').click();
  const menu = app.getByTestId('toolbar-overflow-menu');
  await expect(menu).toBeVisible();
  const hidden = await menu.getByRole('menuitem').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')?.replace('overflow-', 'cmd-')));
  const all = ['new-folder', 'upload-files', 'download', 'delete', 'rename', 'copy', 'paste', 'preview', 'edit', 'info', 'share-link', 'upload-folder', 'show-deleted', 'versions', 'compare'];
  const legacy: Record<string, string> = { 'cmd-upload-files': 'upload-files-button', 'cmd-download': 'download-button', 'cmd-upload-folder': 'upload-folder-button' };
  expect([...shownIds, ...hidden.map((id) => legacy[id!] ?? id)]).toEqual(all.map((id) => legacy[`cmd-${id}`] ?? `cmd-${id}`));
  await ui.screenshot('commands-720-overflow');
  await app.emulateMedia({ colorScheme: 'dark' });
  await ui.screenshot('commands-720-overflow-dark');
  await app.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);

  // An overflowed command runs from the menu like from its button.
  await ui.row('docs/b.txt').click();
  await app.getByTestId('toolbar-overflow').click();
  await app.getByTestId('overflow-info').click();
  await expect(app.getByTestId('info-key')).toHaveText('docs/b.txt');
});

test('a shortcut, the toolbar and the context menu run the same command', async ({ app, s3 }) => {
  s3.seed('cmds', SEED);
  const ui = await openAt(app, 's3://cmds/docs/');
  await ui.selectRows('docs/a.txt', 'docs/b.txt');
  const title = app.getByTestId('ops-confirm-title');
  const titles: string[] = [];

  await app.keyboard.press('Delete');
  titles.push(await title.innerText());
  await escape(app, app.getByTestId('ops-confirm'));

  await app.getByTestId('cmd-delete').click();
  titles.push(await title.innerText());
  await escape(app, app.getByTestId('ops-confirm'));

  await ui.row('docs/a.txt').click({ button: 'right' });
  await app.getByTestId('ops-menu-delete').click();
  titles.push(await title.innerText());
  await escape(app, app.getByTestId('ops-confirm'));

  expect(titles[0]).toMatch(/2 objects/);
  expect(new Set(titles).size).toBe(1);
});

test('a native menu click (menu:command from the core) runs the command; menu:state follows the selection', async ({ app, s3, core, bridgeEvents, s3Proxy }) => {
  s3.seed('cmds', SEED);
  const ui = await openAt(app, 's3://cmds/docs/');
  // Nothing selected: the native menu greys out Delete and Rename, not New folder.
  await expect.poll(() => core.menu.disabled.has('delete')).toBe(true);
  expect(core.menu.disabled.has('new-folder')).toBe(false);
  await ui.row('docs/a.txt').click();
  await expect.poll(() => core.menu.disabled.has('delete')).toBe(false);
  expect(core.menu.disabled.has('rename')).toBe(false);

  core.menu.command('new-folder');
  await bridgeEvents.flush();
  const dialog = app.getByTestId('ops-new-folder-dialog');
  await expect(dialog).toBeVisible();
  // Behind the dialog a menu click does nothing (here: no re-listing).
  s3Proxy.reset();
  core.menu.command('refresh');
  await bridgeEvents.flush();
  await escape(app, dialog);
  expect(s3Proxy.count('ListObjectsV2')).toBe(0);

  core.menu.command('refresh');
  await bridgeEvents.flush();
  await expect.poll(() => s3Proxy.count('ListObjectsV2')).toBe(1);
});

test('tooltips show the label and shortcut, and why a button is disabled', async ({ app, s3 }) => {
  s3.seed('cmds', SEED);
  const ui = await openAt(app, 's3://cmds/docs/');
  await app.getByTestId('nav-refresh').hover();
  await expect(app.getByTestId('tooltip-refresh')).toContainText('Refresh');
  await expect(app.getByTestId('tooltip-refresh')).toContainText('F5');
  await app.getByTestId('cmd-delete').hover();
  await expect(app.getByTestId('tooltip-delete')).toContainText('Delete');
  await expect(app.getByTestId('tooltip-delete')).toContainText('Select something first');
  await ui.screenshot('commands-tooltip');
  await app.emulateMedia({ colorScheme: 'dark' });
  await ui.screenshot('commands-tooltip-dark');
  await app.emulateMedia({ colorScheme: 'light' });
  await app.getByTestId('cmd-new-folder').hover();
  await expect(app.getByTestId('tooltip-new-folder')).toContainText('Ctrl+Shift+N');
  await expect(app.getByTestId('tooltip-new-folder')).not.toContainText('first');
});

test('keyboard: Tab reaches each toolbar once, arrows move across it', async ({ app, s3 }) => {
  s3.seed('cmds', SEED);
  await openAt(app, 's3://cmds/docs/');
  const focused = () => app.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.getAttribute('aria-label'));
  await app.getByRole('textbox', { name: 'Address' }).focus();
  await app.keyboard.press('Shift+Tab');
  await expect.poll(focused).toBe('nav-back');
  await app.keyboard.press('ArrowRight');
  await expect.poll(focused).toBe('nav-forward');
  await app.keyboard.press('End');
  await expect.poll(focused).toBe('nav-refresh');
  // Tab leaves the toolbar in one step (to the address bar), not button by button.
  await app.keyboard.press('Tab');
  await expect.poll(focused).toBe('address-input');

  await app.getByRole('searchbox', { name: 'Filter this folder' }).focus();
  await app.keyboard.press('Tab');
  await expect.poll(focused).toBe('cmd-new-folder');
  await app.keyboard.press('ArrowRight');
  await expect.poll(focused).toBe('upload-files-button');
  // Enter on a focused button runs it, not a shortcut behind it.
  await app.keyboard.press('Enter');
  await expect.poll(() => picks).toEqual(['upload-files']);
});
