/**
 * The optional grid view: tiles for a folder of 60 PNGs in a small window. Thumbnail GETs are counted at the
 * counting proxy (GetObject on the wire): exactly one per image tile that has been inside the viewport, none for
 * tiles never scrolled into view, none again when scrolling back, none in the table or with thumbnails off.
 */
import type { Page } from '@playwright/test';
import { makePng } from '../demo/png';
import { expect, test } from '../testkit/app-fixture';
import { BrowserPage } from './pages/browser-page';

const CONNECTION = 'Local fauxqs';
const IMAGES = 60;

async function seedImages(lane: { seed(bucket: string, objects: Iterable<[string, Buffer]>): Promise<void> }) {
  const objects: Array<[string, Buffer]> = [];
  for (let i = 0; i < IMAGES; i++) {
    const name = `pics/img-${String(i).padStart(2, '0')}.png`;
    objects.push([name, makePng(24, 24, (x, y) => [(i * 4) % 256, x * 10, y * 10])]);
  }
  await lane.seed('photos', objects);
}

async function openPics(app: Page): Promise<BrowserPage> {
  await app.setViewportSize({ width: 800, height: 600 });
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo('s3://photos/pics/');
  await ui.waitForFolder('s3://photos/pics/');
  return ui;
}

/** Keys of the tiles in rows that overlap the grid's visible area (what a user can see, without overscan). */
function visibleTileKeys(page: Page): Promise<string[]> {
  return page.getByTestId('grid-view').evaluate((grid) => {
    const box = grid.getBoundingClientRect();
    const top = box.top + grid.clientTop;
    const bottom = top + grid.clientHeight;
    const keys: string[] = [];
    for (const row of grid.querySelectorAll<HTMLElement>('.grid-row')) {
      const r = row.getBoundingClientRect();
      if (r.top < bottom && r.bottom > top) {
        for (const tile of row.querySelectorAll<HTMLElement>('[data-testid="grid-tile"]')) keys.push(tile.dataset.key!);
      }
    }
    return keys;
  });
}

async function setThumbnails(ui: BrowserPage, on: boolean) {
  await ui.page.keyboard.press('ControlOrMeta+Comma');
  const dialog = ui.page.getByTestId('settings-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('settings-thumbnails').setChecked(on);
  await expect(dialog.getByTestId('settings-thumbnails')).toBeChecked({ checked: on });
  await ui.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

async function scrollGridTo(page: Page, top: number) {
  await page.getByTestId('grid-view').evaluate((grid, y) => {
    grid.scrollTop = y;
    grid.dispatchEvent(new Event('scroll'));
  }, top);
}

/** Waits until every visible tile has its thumbnail, then returns the visible keys. */
async function settledVisible(page: Page): Promise<string[]> {
  const keys = await visibleTileKeys(page);
  for (const key of keys) await expect(page.locator(`[data-testid="grid-tile"][data-key="${key}"]`)).toHaveAttribute('data-thumb', 'ready');
  return keys;
}

test('the grid sends one thumbnail GET per visible image, more only for newly visible ones', async ({ app, lane, s3Proxy }) => {
  await seedImages(lane);
  const ui = await openPics(app);
  await setThumbnails(ui, true);
  s3Proxy.reset();

  // The table view never reads object bodies.
  await expect(ui.row('pics/img-00.png')).toBeVisible();
  expect(s3Proxy.count('GetObject')).toBe(0);

  await ui.page.keyboard.press('ControlOrMeta+Shift+G');
  await expect(ui.page.getByTestId('grid-view')).toBeVisible();
  await expect(ui.page.getByTestId('file-table')).toHaveCount(0);
  const first = await settledVisible(ui.page);
  const rendered = await ui.page.getByTestId('grid-tile').count();
  expect(first.length).toBeGreaterThan(0);
  expect(first.length).toBeLessThan(IMAGES);
  expect(rendered).toBeGreaterThan(first.length); // overscan rows exist in the DOM but cost nothing
  expect(s3Proxy.count('GetObject')).toBe(first.length);
  await expect(ui.page.getByTestId('status-thumbnail-count')).toHaveText(String(first.length));
  await ui.screenshot('grid-thumbnails');

  // Scroll down by 1.5 rows: only the tiles that came into view are fetched.
  const seen = new Set(first);
  await scrollGridTo(ui.page, 192);
  const second = await settledVisible(ui.page);
  for (const key of second) seen.add(key);
  expect(seen.size).toBeGreaterThan(first.length);
  await expect.poll(() => s3Proxy.count('GetObject')).toBe(seen.size);

  // Back to the top: everything there is cached.
  await scrollGridTo(ui.page, 0);
  await settledVisible(ui.page);
  await expect(ui.page.getByTestId('status-thumbnail-count')).toHaveText(String(seen.size));
  expect(s3Proxy.count('GetObject')).toBe(seen.size);
  expect(s3Proxy.count('GetObject')).toBeLessThan(IMAGES);

  // Toggling back shows the table again.
  await ui.page.keyboard.press('ControlOrMeta+Shift+G');
  await expect(ui.row('pics/img-00.png')).toBeVisible();
  await expect(ui.page.getByTestId('status-thumbnails')).toHaveCount(0);
});

test('with thumbnails off (the default) the grid shows icons and sends no GET', async ({ app, lane, s3Proxy }) => {
  await seedImages(lane);
  const ui = await openPics(app);
  s3Proxy.reset();
  await ui.page.keyboard.press('ControlOrMeta+Shift+G');
  await expect(ui.page.getByTestId('grid-tile').first()).toBeVisible();
  await scrollGridTo(ui.page, 400);
  await expect(ui.page.locator('[data-testid="grid-tile"][data-key="pics/img-20.png"]')).toBeVisible();
  await expect(ui.page.getByTestId('grid-thumb-image')).toHaveCount(0);
  await expect(ui.page.getByTestId('status-thumbnail-count')).toHaveText('0');
  expect(s3Proxy.count('GetObject')).toBe(0);

  // Arrow keys and Enter work on tiles like rows in the table.
  await ui.page.locator('[data-testid="grid-tile"][data-key="pics/img-20.png"]').click();
  await ui.page.getByTestId('grid-view').press('ArrowRight');
  await expect(ui.page.locator('[data-testid="grid-tile"][data-key="pics/img-21.png"]')).toHaveAttribute('aria-selected', 'true');
});
