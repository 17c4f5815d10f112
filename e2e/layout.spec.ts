/**
 * The shell at the smallest windows S3 Desk allows (720×600) and at 800×600, in real Chromium over the real
 * core: on the start screen, the bucket list, a folder with the info and transfers panels open, and Settings,
 * no visible element reaches outside the window (the body clips overflow, so nothing else would show it) and
 * no two blocks of the shell overlap — sidebar, tab bar, toolbar parts, address bar, filter, breadcrumbs,
 * table, info panel, transfers panel, status bar, the search button — nor does a block's content run out of it,
 * compared by bounding boxes; and no control is cut off by a box that hides its overflow.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../testkit/app-fixture';
import { BrowserPage } from './pages/browser-page';

const CONNECTION = 'Local fauxqs';

/** The shell's blocks, by the selectors the app already has. */
const BLOCKS: Readonly<Record<string, string>> = {
  sidebar: '[data-testid="sidebar"]',
  'tab bar': '[data-testid="tab-bar"]',
  'toolbar navigation': '[data-testid="toolbar-navigation"]',
  'address bar': '.address-bar',
  filter: '.filter-box',
  'toolbar actions': '[data-testid="toolbar-actions"]',
  breadcrumbs: '[data-testid="breadcrumbs"]',
  table: '.browser-content',
  'info panel': '[data-testid="info-panel"]',
  'transfers panel': '[data-testid="transfers-dock"]',
  'status bar': '[data-testid="status-bar"]',
  'search button': '[data-testid="search-open"]',
};

/**
 * Every visible element whose box, clipped by its scrolling/clipping ancestors (not by <html>/<body>, whose
 * clipping is what hides a broken layout), reaches outside the window by more than half a pixel.
 */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const height = window.innerHeight;
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''}${
        typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''
      }`;
    const out: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'contents') continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom];
      // Clip by ancestors that clip, up to the first fixed-position one (fixed boxes escape their ancestors).
      let fixed = style.position === 'fixed';
      for (let a = el.parentElement; a && a !== document.body && !fixed; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX !== 'visible' || s.overflowY !== 'visible' || s.clipPath !== 'none' || s.clip !== 'auto') {
          const ar = a.getBoundingClientRect();
          left = Math.max(left, ar.left);
          top = Math.max(top, ar.top);
          right = Math.min(right, ar.right);
          bottom = Math.min(bottom, ar.bottom);
        }
        fixed = s.position === 'fixed';
      }
      if (right - left <= 0 || bottom - top <= 0) continue; // scrolled out of view or clipped away
      if (left < -0.5 || top < -0.5 || right > width + 0.5 || bottom > height + 0.5) {
        out.push(`${describe(el)} at ${Math.round(left)},${Math.round(top)}–${Math.round(right)},${Math.round(bottom)}`);
      }
    }
    return out;
  });
}

/** Controls cut off by an ancestor that hides overflow (not one that scrolls): a button nobody can see or reach by pointer. */
async function clippedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.body.querySelectorAll('button, input, select, a[href], [role="tab"]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.position === 'fixed') break;
        const hides = [s.overflowX, s.overflowY].some((o) => o === 'hidden' || o === 'clip');
        if (!hides) continue;
        const ar = a.getBoundingClientRect();
        if (r.left < ar.left - 0.5 || r.right > ar.right + 0.5 || r.top < ar.top - 0.5 || r.bottom > ar.bottom + 0.5) {
          const name = el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30);
          out.push(`${el.tagName.toLowerCase()} "${name}" is cut off by ${a.tagName.toLowerCase()}.${String(a.className).trim().split(/\s+/).join('.')}`);
          break;
        }
      }
    }
    return out;
  });
}

/** Pairs of shell blocks whose boxes overlap (a block inside another, like the address bar in the toolbar, is not a pair). */
async function overlaps(page: Page): Promise<string[]> {
  return page.evaluate((blocks) => {
    const found = Object.entries(blocks).flatMap(([name, selector]) => {
      const el = document.querySelector(selector);
      if (!el) return [];
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 ? [{ name, el, r }] : [];
    });
    const out: string[] = [];
    // A block's visible content stays inside it (a header cell running under the next block is an overlap too).
    for (const { name, el, r } of found) {
      for (const child of el.querySelectorAll('*')) {
        const style = getComputedStyle(child);
        if (style.visibility === 'hidden' || style.position === 'fixed') continue;
        const c = child.getBoundingClientRect();
        if (c.width === 0 || c.height === 0) continue;
        let [left, top, right, bottom] = [c.left, c.top, c.right, c.bottom];
        for (let a = child.parentElement; a && a !== el; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
            const ar = a.getBoundingClientRect();
            [left, top, right, bottom] = [Math.max(left, ar.left), Math.max(top, ar.top), Math.min(right, ar.right), Math.min(bottom, ar.bottom)];
          }
        }
        const own = getComputedStyle(el);
        if (own.overflowX !== 'visible' || own.overflowY !== 'visible') {
          [left, top, right, bottom] = [Math.max(left, r.left), Math.max(top, r.top), Math.min(right, r.right), Math.min(bottom, r.bottom)];
        }
        if (right - left <= 0 || bottom - top <= 0) continue;
        if (left < r.left - 0.5 || top < r.top - 0.5 || right > r.right + 0.5 || bottom > r.bottom + 0.5) {
          out.push(`${name}: ${child.tagName.toLowerCase()}.${String(child.className).trim().split(/\s+/).join('.')} runs outside it`);
          break;
        }
      }
    }
    for (let i = 0; i < found.length; i++) {
      for (let j = i + 1; j < found.length; j++) {
        const a = found[i]!;
        const b = found[j]!;
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (x > 0.5 && y > 0.5) out.push(`${a.name} and ${b.name} overlap by ${Math.round(x)}×${Math.round(y)} px`);
      }
    }
    return out;
  }, BLOCKS);
}

/** Cells of a transfer row that overlap each other or leave the row (a progress bar over its byte count). */
async function rowCellOverlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const row of document.querySelectorAll('[data-testid="transfer-row"]')) {
      const r = row.getBoundingClientRect();
      const cells = [...row.children].map((el) => ({ el, c: el.getBoundingClientRect() })).filter(({ c }) => c.width > 0 && c.height > 0);
      for (const [i, a] of cells.entries()) {
        if (a.c.right > r.right + 0.5) out.push(`transfer row: cell ${i + 1} (${a.el.tagName.toLowerCase()}) runs outside the row`);
        for (const [j, b] of cells.entries()) {
          if (j <= i) continue;
          const x = Math.min(a.c.right, b.c.right) - Math.max(a.c.left, b.c.left);
          const y = Math.min(a.c.bottom, b.c.bottom) - Math.max(a.c.top, b.c.top);
          if (x > 0.5 && y > 0.5) out.push(`transfer row: cells ${i + 1} and ${j + 1} overlap by ${Math.round(x)} px`);
        }
      }
    }
    return out;
  });
}

for (const size of [
  { width: 720, height: 600 },
  { width: 800, height: 600 },
]) {
  test(`at ${size.width}×${size.height} nothing leaves the window and no shell blocks overlap`, async ({ app, s3 }) => {
    s3.seed('photos', [
      ['2026/albums/.keep', ''],
      ...Array.from({ length: 30 }, (_, i): [string, string] => [`2026/a-rather-long-file-name-for-a-narrow-window-${i}.jpg`, 'x'.repeat(100 + i)]),
    ]);
    await app.setViewportSize(size);
    const ui = new BrowserPage(app);
    const problems: string[] = [];
    const check = async (screen: string) => {
      for (const p of [...(await overflowing(app)), ...(await overlaps(app)), ...(await clippedControls(app)), ...(await rowCellOverlaps(app))]) problems.push(`${screen}: ${p}`);
    };

    await expect(app.getByTestId('start-screen')).toBeVisible();
    await check('start screen');

    await ui.openConnection(CONNECTION);
    await expect(ui.bucket('photos')).toBeVisible();
    await check('bucket list');

    await ui.goTo('s3://photos/2026/');
    await ui.waitForFolder('s3://photos/2026/');
    await ui.row('2026/a-rather-long-file-name-for-a-narrow-window-3.jpg').click();
    await app.keyboard.press('ControlOrMeta+i');
    await expect(app.getByTestId('info-panel')).toBeVisible();
    await ui.dropFile('dropped.txt');
    await expect(app.locator('[data-testid="transfer-row"][data-state="done"]')).toHaveCount(1);
    await expect(app.getByTestId('transfer-panel')).toBeVisible();
    await check('folder with info and transfers');
    await ui.screenshot(`layout-${size.width}-folder`);

    await app.keyboard.press('ControlOrMeta+Comma');
    await expect(app.getByTestId('settings-dialog')).toBeVisible();
    await check('settings');

    expect(problems, problems.join('\n')).toEqual([]);
  });
}
