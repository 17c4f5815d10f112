/**
 * axe-core on every main screen of the real renderer over the real core and fauxqs: start screen, add-connection
 * dialog, bucket list, a folder, the info panel, delete confirmation, share dialog, transfers panel with rows,
 * activity list, search results, the grid view and settings. Each theme path is walked: the OS in light and in
 * dark (emulateMedia), and the theme setting forcing dark over a light OS and light over a dark OS. Zero serious
 * or critical violations; no rule is disabled.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../testkit/app-fixture';
import { BrowserPage } from './pages/browser-page';

const CONNECTION = 'Local fauxqs';

/** One violating node, keyed by rule and selector, with every screen it showed on (one line each in a failure). */
type Findings = Map<string, { readonly summary: string; readonly screens: string[] }>;

/** axe on the whole page (or the open dialog: Radix hides the page behind it from assistive tech anyway). */
async function audit(page: Page, screen: string, findings: Findings): Promise<void> {
  // Wait for the app to settle: no CSS transition mid-way (contrast is computed on the colours shown).
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  for (const v of result.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    for (const node of v.nodes) {
      const key = `${v.impact} ${v.id} ${node.target.join(' ')}`;
      const seen = findings.get(key) ?? { summary: (node.failureSummary ?? '').replace(/\s+/g, ' '), screens: [] };
      seen.screens.push(screen);
      findings.set(key, seen);
    }
  }
}

async function setThemeSetting(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.keyboard.press('ControlOrMeta+Comma');
  const dialog = page.getByTestId('settings-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('settings-theme').selectOption(theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

const THEMES = [
  { name: 'light OS', scheme: 'light', setting: null, dark: false },
  { name: 'dark OS', scheme: 'dark', setting: null, dark: true },
  { name: 'dark setting over a light OS', scheme: 'light', setting: 'dark', dark: true },
  { name: 'light setting over a dark OS', scheme: 'dark', setting: 'light', dark: false },
] as const;

for (const theme of THEMES) {
  test(`no serious or critical axe violation on any main screen (${theme.name})`, async ({ app, s3 }) => {
    // Thirteen full axe runs: well over the default minute on a shared machine.
    test.setTimeout(240_000);
    s3.seed('photos', [
      ['2026/albums/.keep', ''],
      ['2026/notes.txt', 'hello'],
      ['2026/report.pdf', 'p'.repeat(2000)],
      ['2026/IMG_4100.jpg', 'j'.repeat(3000)],
      ['2026/clip.mp4', 'v'.repeat(4000)],
    ]);
    await app.emulateMedia({ colorScheme: theme.scheme });
    if (theme.setting) await setThemeSetting(app, theme.setting);
    // The dark palette really is on (or off): the audit is of the theme it claims.
    const bg = await app.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r = 0] = bg.match(/\d+/g)?.map(Number) ?? [];
    expect(r < 128).toBe(theme.dark);

    const findings: Findings = new Map();
    const ui = new BrowserPage(app);
    await expect(app.getByTestId('start-screen')).toBeVisible();
    await audit(app, 'start screen', findings);

    await app.getByTestId('add-connection').click();
    await expect(app.getByTestId('connection-dialog')).toBeVisible();
    await audit(app, 'add-connection dialog', findings);
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('connection-dialog')).toHaveCount(0);

    await ui.openConnection(CONNECTION);
    await expect(ui.bucket('photos')).toBeVisible();
    await audit(app, 'bucket list', findings);

    await ui.goTo('s3://photos/2026/');
    await ui.waitForFolder('s3://photos/2026/');
    await ui.row('2026/notes.txt').click();
    await audit(app, 'folder', findings);

    await app.keyboard.press('ControlOrMeta+Shift+G');
    await expect(app.getByTestId('grid-tile').first()).toBeVisible();
    await audit(app, 'grid view', findings);
    await app.keyboard.press('ControlOrMeta+Shift+G');
    await expect(app.getByTestId('grid-view')).toHaveCount(0);
    await ui.row('2026/notes.txt').click();

    await app.keyboard.press('ControlOrMeta+i');
    await expect(app.getByTestId('info-panel')).toBeVisible();
    await audit(app, 'info panel', findings);

    await ui.row('2026/notes.txt').click();
    await app.keyboard.press('Delete');
    await expect(app.getByTestId('ops-confirm')).toBeVisible();
    await audit(app, 'delete confirmation', findings);
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('ops-confirm')).toHaveCount(0);

    await ui.row('2026/notes.txt').click({ button: 'right' });
    await expect(app.getByTestId('ops-context-menu')).toBeVisible();
    await audit(app, 'context menu', findings);
    await app.getByTestId('ops-menu-share-presigned').click();
    await expect(app.getByTestId('ops-share')).toBeVisible();
    await audit(app, 'share dialog', findings);
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('ops-share')).toHaveCount(0);

    await ui.dropFile('dropped.txt');
    await expect(app.locator('[data-testid="transfer-row"][data-state="done"]')).toHaveCount(1);
    await audit(app, 'transfers panel', findings);

    await app.getByTestId('activity-button').click();
    await expect(app.getByTestId('activity-panel')).toBeVisible();
    await expect(app.getByTestId('activity-entry')).not.toHaveCount(0);
    await audit(app, 'activity list', findings);
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('activity-panel')).toBeHidden();

    await app.getByTestId('search-open').click();
    const search = app.getByTestId('search-dialog');
    await search.getByTestId('search-scope').selectOption('bucket');
    await search.getByTestId('search-pattern').fill('o');
    await search.getByTestId('search-run').click();
    await expect(search.getByTestId('search-hit').first()).toBeVisible();
    await audit(app, 'search results', findings);
    await app.keyboard.press('Escape');
    await expect(search).toHaveCount(0);

    await app.keyboard.press('ControlOrMeta+Comma');
    await expect(app.getByTestId('settings-dialog')).toBeVisible();
    await audit(app, 'settings', findings);

    const report = [...findings].map(([key, f]) => `${key} [${f.screens.join(', ')}]: ${f.summary}`);
    expect(report, report.join('\n')).toEqual([]);
  });
}
