/**
 * Search and the storage map in real Chromium over the real core: search the whole bucket from a folder,
 * Reveal a result (its folder opens with it selected), and drill down the storage map. The crawl's requests
 * are counted on the wire; the second search is answered from the index without one. Both lanes (fauxqs, RGW).
 */
import { expect, test } from '../testkit/app-fixture';
import { BrowserPage } from './pages/browser-page';

const CONNECTION = 'Local fauxqs';

async function seedBucket(lane: { seed(bucket: string, objects: Iterable<[string, string]>): Promise<void> }) {
  const objects: Array<[string, string]> = [];
  for (let i = 0; i < 30; i++) objects.push([`logs/2024/day-${i}.log`, 'x'.repeat(10)]);
  objects.push(['data/deep/a b/report %+ final.parquet', 'p'.repeat(500)]);
  objects.push(['data/other.csv', 'c'.repeat(50)]);
  objects.push(['readme.txt', 'r']);
  await lane.seed('lake', objects);
}

test('searches the whole bucket from a folder and reveals a result in its folder', async ({ app, lane, s3Proxy }) => {
  await seedBucket(lane);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.bucket('lake').click();
  await ui.waitForFolder('s3://lake/');
  await ui.row('logs/').dblclick();
  await ui.waitForFolder('s3://lake/logs/');

  await app.getByTestId('search-open').click();
  const dialog = app.getByTestId('search-dialog');
  await dialog.getByTestId('search-scope').selectOption('bucket');
  await dialog.getByTestId('search-pattern').fill('FINAL');
  s3Proxy.reset();
  await dialog.getByTestId('search-run').click();
  await expect(dialog.getByTestId('search-summary')).toContainText('1 matches');
  await expect(dialog.getByTestId('search-indexed-at')).toContainText('indexed at');
  expect(s3Proxy.count('ListObjectsV2')).toBeGreaterThan(0);

  // A second query comes from the index: no request.
  s3Proxy.reset();
  await dialog.getByTestId('search-pattern').fill('day-1');
  await dialog.getByTestId('search-run').click();
  await expect(dialog.getByTestId('search-summary')).toContainText('11 matches');
  expect(s3Proxy.log.length).toBe(0);

  await dialog.getByTestId('search-pattern').fill('final');
  await dialog.getByTestId('search-run').click();
  const hit = dialog.locator('[data-testid="search-hit"][data-key="data/deep/a b/report %+ final.parquet"]');
  await expect(hit).toBeVisible();
  await hit.getByTestId('search-reveal').click();
  await ui.waitForFolder('s3://lake/data/deep/a b/');
  await expect(ui.row('data/deep/a b/report %+ final.parquet')).toHaveAttribute('aria-selected', 'true');
  await ui.screenshot('search-reveal');
});

test('storage map: calculate size, drill down into a folder and back up', async ({ app, lane }) => {
  await seedBucket(lane);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.bucket('lake').click();
  await ui.waitForFolder('s3://lake/');
  await app.getByTestId('search-open').click();
  const dialog = app.getByTestId('search-dialog');
  await dialog.getByTestId('search-crawl').click();
  await expect(dialog.getByTestId('search-indexed-at')).toContainText('33 objects');
  await dialog.getByTestId('search-sizes').click();
  const map = dialog.getByTestId('storage-map');
  await expect(map).toHaveAttribute('data-prefix', '');
  await expect(map.getByTestId('storage-map-total')).toContainText('33 objects');
  await map.locator('[data-testid="storage-tile"][data-prefix="data/"]').click();
  await expect(map).toHaveAttribute('data-prefix', 'data/');
  await expect(map.getByTestId('storage-map-total')).toContainText('2 objects');
  await expect(map.locator('[data-testid="storage-tile"][data-prefix="data/deep/"]')).toBeVisible();
  await ui.screenshot('storage-map');
  await map.getByTestId('storage-map-up').click();
  await expect(map).toHaveAttribute('data-prefix', '');
});
