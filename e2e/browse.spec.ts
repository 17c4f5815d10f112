/**
 * The file browser in real Chromium over the real core, against the project's S3 server (fauxqs or Ceph RGW)
 * through the counting proxy. S3 requests are counted on the wire (s3Proxy), never from the app's own numbers;
 * "the minimum" is what the bare SDK paginator needs on that server, measured (bareListings).
 */
import { bareListings } from '../testkit/core-fixture';
import { numberedKeys } from '../testkit/s3-server';
import { expect, test } from '../testkit/app-fixture';
import { BrowserPage } from './pages/browser-page';

const CONNECTION = 'Local fauxqs';

test('opens a connection and its bucket list', async ({ app, lane }) => {
  await lane.createBucket('alpha');
  await lane.createBucket('beta');
  const ui = new BrowserPage(app);
  await expect(ui.connection(CONNECTION)).toBeVisible();
  await ui.screenshot('start-screen');
  await ui.openConnection(CONNECTION);
  await expect(ui.bucket('alpha')).toBeVisible();
  await expect(ui.bucket('beta')).toBeVisible();
  await expect(ui.address).toHaveValue('s3://');
  await ui.screenshot('bucket-list');
  await ui.bucket('beta').click();
  await expect(ui.page.getByTestId('empty-state')).toBeVisible();
  await ui.waitForFolder('s3://beta/');
});

test('navigates three levels down and back by breadcrumb, Backspace and history', async ({ app, lane }) => {
  await lane.seed('data', [
    ['a/b/c/deep.txt', 'deep'],
    ['a/b/mid.txt', 'mid'],
    ['a/top.txt', 'top'],
    ['root.txt', 'root'],
  ]);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.bucket('data').click();
  await ui.waitForFolder('s3://data/');

  await ui.row('a/').dblclick();
  await ui.waitForFolder('s3://data/a/');
  // Keyboard: select "b/" and press Enter.
  await ui.row('a/b/').click();
  await ui.tableBody.press('Enter');
  await ui.waitForFolder('s3://data/a/b/');
  await ui.row('a/b/c/').dblclick();
  await ui.waitForFolder('s3://data/a/b/c/');
  await expect(ui.row('a/b/c/deep.txt')).toBeVisible();
  expect(await ui.crumbLabels()).toEqual(['Buckets', 'data', 'a', 'b', 'c']);

  await ui.crumbs.filter({ hasText: /^a$/ }).click();
  await ui.waitForFolder('s3://data/a/');
  await expect(ui.row('a/top.txt')).toBeVisible();

  await ui.page.keyboard.press('Alt+ArrowLeft');
  await ui.waitForFolder('s3://data/a/b/c/');
  await ui.page.keyboard.press('Alt+ArrowRight');
  await ui.waitForFolder('s3://data/a/');
  await ui.page.getByTestId('nav-back').click();
  await ui.waitForFolder('s3://data/a/b/c/');

  await ui.tableBody.press('Backspace');
  await ui.waitForFolder('s3://data/a/b/');
  await ui.tableBody.press('Backspace');
  await ui.waitForFolder('s3://data/a/');
  await ui.page.keyboard.press('Alt+ArrowUp');
  await ui.waitForFolder('s3://data/');
  await ui.page.keyboard.press('Backspace');
  await expect(ui.address).toHaveValue('s3://');
  await expect(ui.bucket('data')).toBeVisible();
});

test('the address bar takes s3:// locations and rejects nonsense', async ({ app, lane }) => {
  await lane.seed('data', [
    ['x/y/z.txt', 'z'],
    ['x/w.txt', 'w'],
  ]);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo('s3://data/x/y');
  await ui.waitForFolder('s3://data/x/y/');
  await expect(ui.row('x/y/z.txt')).toBeVisible();
  expect(await ui.crumbLabels()).toEqual(['Buckets', 'data', 'x', 'y']);

  await ui.goTo('data/x/');
  await ui.waitForFolder('s3://data/x/');
  await expect(ui.row('x/w.txt')).toBeVisible();

  await ui.goTo('not a bucket/x');
  await expect(ui.page.getByTestId('address-error')).toContainText('Not an S3 location');
  await expect(ui.row('x/w.txt')).toBeVisible();
  await ui.address.press('Escape');
  await expect(ui.address).toHaveValue('s3://data/x/');

  await ui.page.keyboard.press('Control+L');
  await expect(ui.address).toBeFocused();
});

test('sorts by any column with folders first, and filters by typing', async ({ app, lane }) => {
  await lane.seed('data', [
    ['docs/zeta/readme.md', 'r'],
    ['docs/alpha/readme.md', 'r'],
    ['docs/report-10.pdf', 'x'.repeat(3000)],
    ['docs/report-2.pdf', 'x'.repeat(10)],
    ['docs/notes.txt', 'x'.repeat(500)],
    ['docs/Budget.xlsx', 'x'.repeat(70_000)],
  ]);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo('s3://data/docs/');
  await ui.waitForFolder('s3://data/docs/');

  // Name order is numeric-aware and case-insensitive-ish, folders first.
  await expect(ui.rowNames).toHaveText(['alpha', 'zeta', 'Budget.xlsx', 'notes.txt', 'report-2.pdf', 'report-10.pdf']);
  await ui.page.getByTestId('sort-name').click();
  await expect(ui.rowNames).toHaveText(['zeta', 'alpha', 'report-10.pdf', 'report-2.pdf', 'notes.txt', 'Budget.xlsx']);
  await ui.page.getByTestId('sort-size').click();
  await expect(ui.rowNames).toHaveText(['alpha', 'zeta', 'report-2.pdf', 'notes.txt', 'report-10.pdf', 'Budget.xlsx']);
  await ui.page.getByTestId('sort-size').click();
  await expect(ui.rowNames).toHaveText(['alpha', 'zeta', 'Budget.xlsx', 'report-10.pdf', 'notes.txt', 'report-2.pdf']);
  await expect(ui.page.getByTestId('sort-size')).toHaveAttribute('aria-sort', 'descending');
  // Human size, exact bytes on hover.
  const budgetSize = ui.row('docs/Budget.xlsx').getByTestId('row-size');
  await expect(budgetSize).toHaveText('68 KB');
  await expect(budgetSize).toHaveAttribute('title', '70,000 bytes');

  // Type-to-filter: keys typed in the table go to the filter box.
  await ui.row('docs/alpha/').click();
  await ui.tableBody.press('r');
  await ui.page.keyboard.type('ep');
  await expect(ui.filter).toHaveValue('rep');
  await expect(ui.rowNames).toHaveText(['report-10.pdf', 'report-2.pdf']);
  await expect(ui.page.getByTestId('status-filtered')).toHaveText('2 matches');
  await ui.filter.press('Escape');
  await expect(ui.filter).toHaveValue('');
  await expect(ui.rows).toHaveCount(6);
});

test('selects with the keyboard and the mouse', async ({ app, lane }) => {
  await lane.seed('data', numberedKeys('sel/', 8));
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo('s3://data/sel/');
  await ui.waitForFolder('s3://data/sel/');
  const key = (i: number) => `sel/file-${String(i).padStart(6, '0')}.txt`;

  await ui.tableBody.focus();
  await ui.page.keyboard.press('ArrowDown');
  expect(await ui.selectedKeys()).toEqual([key(0)]);
  await ui.page.keyboard.press('Shift+ArrowDown');
  await ui.page.keyboard.press('Shift+ArrowDown');
  await expect(ui.page.getByTestId('status-selected')).toContainText('3 selected');
  expect(await ui.selectedKeys()).toEqual([key(0), key(1), key(2)]);
  await ui.page.keyboard.press('End');
  expect(await ui.selectedKeys()).toEqual([key(7)]);
  await ui.page.keyboard.press('Home');
  await ui.page.keyboard.press('Control+ArrowDown');
  await ui.page.keyboard.press('Control+ArrowDown');
  await ui.page.keyboard.press('Control+Space');
  expect(await ui.selectedKeys()).toEqual([key(0), key(2)]);
  await ui.page.keyboard.press('Control+A');
  await expect(ui.page.getByTestId('status-selected')).toContainText('8 selected');

  await ui.row(key(3)).click();
  await ui.row(key(5)).click({ modifiers: ['Shift'] });
  expect(await ui.selectedKeys()).toEqual([key(3), key(4), key(5)]);
  await ui.row(key(1)).click({ modifiers: ['Control'] });
  await ui.row(key(4)).click({ modifiers: ['Control'] });
  expect(await ui.selectedKeys()).toEqual([key(1), key(3), key(5)]);
  await ui.page.keyboard.press('Escape');
  expect(await ui.selectedKeys()).toEqual([]);
});

test('a folder of 2,500 objects scrolled to the end costs the bare paginator’s ListObjectsV2 and 0 HeadObject', async ({ app, lane, s3Proxy }) => {
  await lane.seed('data', numberedKeys('big/', 2500));
  // The folder as the app lists it (delimiter '/'): 3 pages on fauxqs and RGW, measured, not assumed.
  const minimum = await bareListings({ proxy: s3Proxy, server: lane }, 'data', 'big/', '/');
  expect(minimum).toBeGreaterThanOrEqual(3);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await expect(ui.bucket('data')).toBeVisible();
  s3Proxy.reset();

  await ui.goTo('s3://data/big/');
  // Rows appear before the last page is in (streaming), then the rest arrives.
  await expect(ui.rows.first()).toBeVisible();
  await ui.waitForFolder('s3://data/big/');
  await expect(ui.page.getByTestId('status-counts')).toHaveText('0 folders, 2,500 files');

  await ui.tableBody.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(ui.row('big/file-002499.txt')).toBeVisible();
  await ui.row('big/file-002499.txt').click();
  expect(s3Proxy.count('ListObjectsV2')).toBe(minimum);
  expect(s3Proxy.count('HeadObject')).toBe(0);
  expect(s3Proxy.count()).toBe(minimum);
  await expect(ui.page.getByTestId('status-request-count')).toHaveText(String(minimum));

  // Info (Ctrl+I; a double-click previews): the size is the listing's stat; the headers are the one HeadObject Info asks for.
  await ui.page.keyboard.press('Control+I');
  await expect(ui.page.getByTestId('info-size')).toContainText('(9 bytes)');
  await expect(ui.page.getByTestId('info-head')).toBeVisible();
  await ui.screenshot('big-folder');
  expect(s3Proxy.count('HeadObject')).toBe(1);
});

test('a denied folder shows AccessDenied with Retry, never an empty folder', async ({ app, lane, s3Proxy }) => {
  await lane.seed('data', [
    ['secret/plans.txt', 'p'],
    ['open.txt', 'o'],
  ]);
  const removeRule = s3Proxy.addRule((req) =>
    req.operation === 'ListObjectsV2' && req.query.get('prefix') === 'secret/' ? { kind: 'deny' } : undefined,
  );
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo('s3://data/');
  await ui.waitForFolder('s3://data/');
  await ui.row('secret/').dblclick();

  await expect(ui.errorState).toBeVisible();
  await expect(ui.errorState).toHaveAttribute('data-code', 'AccessDenied');
  await expect(ui.page.getByTestId('error-title')).toContainText('Access denied');
  await expect(ui.page.getByTestId('empty-state')).toHaveCount(0);
  await expect(ui.rows).toHaveCount(0);
  await expect(ui.browser).toHaveAttribute('data-status', 'error');
  await ui.screenshot('access-denied');

  removeRule();
  await ui.page.getByTestId('retry').click();
  await ui.waitForFolder('s3://data/secret/');
  await expect(ui.row('secret/plans.txt')).toBeVisible();
});

test('Refresh shows an object added behind the app’s back; plain navigation uses the cache', async ({ app, lane, s3Proxy }) => {
  await lane.seed('data', [
    ['inbox/one.txt', '1'],
    ['inbox/two.txt', '2'],
    ['other/x.txt', 'x'],
  ]);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo('s3://data/inbox/');
  await ui.waitForFolder('s3://data/inbox/');
  await expect(ui.rows).toHaveCount(2);

  await lane.seed('data', [['inbox/three.txt', '3']]);
  // Away and back: served from the cache (no request), so the new object is not there yet.
  await ui.goTo('s3://data/other/');
  await ui.waitForFolder('s3://data/other/');
  s3Proxy.reset();
  await ui.page.keyboard.press('Alt+ArrowLeft');
  await ui.waitForFolder('s3://data/inbox/');
  await expect(ui.rows).toHaveCount(2);
  expect(s3Proxy.count('ListObjectsV2')).toBe(0);

  await ui.page.keyboard.press('F5');
  await expect(ui.row('inbox/three.txt')).toBeVisible();
  await expect(ui.rows).toHaveCount(3);
  expect(s3Proxy.count('ListObjectsV2')).toBe(1);

  await lane.seed('data', [['inbox/four.txt', '4']]);
  await ui.tableBody.press('Control+r');
  await expect(ui.row('inbox/four.txt')).toBeVisible();
  expect(s3Proxy.count('ListObjectsV2')).toBe(2);
});

test('adds a connection from the start screen and opens a bucket by name', async ({ app, lane, s3Proxy }) => {
  await lane.seed('named', [['hello.txt', 'hi']]);
  const ui = new BrowserPage(app);
  await ui.page.getByTestId('add-connection').click();
  await ui.page.getByTestId('conn-name').fill('Second');
  await ui.page.getByTestId('conn-provider').selectOption('custom');
  await ui.page.getByTestId('conn-endpoint').fill(s3Proxy.url);
  await ui.page.getByTestId('conn-access-key').fill(lane.credentials.accessKeyId);
  await ui.page.getByTestId('conn-secret').fill(lane.credentials.secretAccessKey);
  await ui.page.getByTestId('conn-save').click();
  await expect(ui.connection('Second')).toBeVisible();
  // The secret never comes back to the renderer.
  await expect(ui.connection('Second')).not.toContainText(lane.credentials.secretAccessKey);

  // "Open bucket…" skips ListBuckets entirely.
  s3Proxy.reset();
  await ui.connection('Second').getByTestId('connection-open-bucket').click();
  await ui.page.getByTestId('open-bucket-input').fill('named');
  await ui.page.getByTestId('open-bucket-submit').click();
  await ui.waitForFolder('s3://named/');
  await expect(ui.row('hello.txt')).toBeVisible();
  expect(s3Proxy.count('ListBuckets')).toBe(0);

  // A bucket that does not exist says so, with Retry; it is not shown as an empty folder.
  await ui.page.getByTestId('open-bucket-toggle').click();
  await ui.page.getByTestId('open-bucket-input').fill('no-such-bucket');
  await ui.page.getByTestId('open-bucket-input').press('Enter');
  await expect(ui.errorState).toHaveAttribute('data-code', 'NoSuchBucket');
  await expect(ui.page.getByTestId('retry')).toBeVisible();
  await expect(ui.page.getByTestId('empty-state')).toHaveCount(0);
});

test('an unreachable server shows a Network error with Retry', async ({ app, lane, s3Proxy }) => {
  await lane.seed('data', [['a/x.txt', 'x']]);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo('s3://data/');
  await ui.waitForFolder('s3://data/');
  // The proxy cuts the listing response mid-body: the client sees a broken connection.
  const removeRule = s3Proxy.addRule((req) => (req.operation === 'ListObjectsV2' && req.query.get('prefix') === 'a/' ? { kind: 'cut', afterBytes: 20 } : undefined));
  await ui.row('a/').dblclick();
  await expect(ui.errorState).toHaveAttribute('data-code', 'Network');
  await expect(ui.page.getByTestId('error-title')).toHaveText(/Cannot reach the server/);
  removeRule();
  await ui.page.getByTestId('retry').click();
  await ui.waitForFolder('s3://data/a/');
  await expect(ui.row('a/x.txt')).toBeVisible();
});

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' });
  test('follows the OS colour scheme', async ({ app, lane }) => {
    await lane.seed('data', numberedKeys('', 30));
    const ui = new BrowserPage(app);
    await ui.openConnection(CONNECTION);
    await ui.goTo('s3://data/');
    await ui.waitForFolder('s3://data/');
    const background = await ui.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(30, 31, 34)');
    await ui.screenshot('browser-dark');
  });
});

test('rows stream in per page with an indicator, and leaving the folder stops its remaining pages', async ({ app, lane, s3Proxy }) => {
  await lane.seed('data', [...numberedKeys('big/', 2500), ['root.txt', 'r']]);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo('s3://data/');
  await ui.waitForFolder('s3://data/');
  const bigPages = () => s3Proxy.log.filter((r) => r.operation === 'ListObjectsV2' && r.query.get('prefix') === 'big/');
  const rootLists = () => s3Proxy.log.filter((r) => r.operation === 'ListObjectsV2' && r.query.get('prefix') === null);

  // The second page is held on the wire while the test acts, so the indicator is visible and the leave
  // certainly happens mid-folder, however slow the machine is.
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  s3Proxy.addRule((w) => (w.operation === 'ListObjectsV2' && w.query.get('prefix') === 'big/' && w.query.has('continuation-token') ? { kind: 'hold', until: gate } : undefined));
  await ui.row('big/').dblclick();
  await expect(ui.rows.first()).toBeVisible();
  await expect(ui.page.getByTestId('loading-more')).toBeVisible();
  await expect(ui.browser).toHaveAttribute('data-complete', 'false');
  await expect.poll(() => bigPages().length).toBe(2);

  // Leave mid-folder (the root comes from the cache, no request).
  await ui.page.keyboard.press('Backspace');
  await ui.waitForFolder('s3://data/');
  const requestedBeforeLeaving = bigPages().length;
  expect(requestedBeforeLeaving).toBe(2);
  // Let the held page come back, then one more full round trip (a refresh of the root): a next-page request,
  // had the app sent one on that page's arrival, would be on the wire before it ends.
  release();
  await expect.poll(() => bigPages().every((r) => r.status !== 0), { timeout: 20_000 }).toBe(true);
  const before = rootLists().length;
  await ui.page.keyboard.press('F5');
  await expect.poll(() => rootLists().length).toBe(before + 1);
  await expect.poll(() => rootLists().every((r) => r.status !== 0), { timeout: 20_000 }).toBe(true);
  await ui.waitForFolder('s3://data/');
  expect(bigPages()).toHaveLength(requestedBeforeLeaving);
  // The late page never reached the table.
  await expect(ui.row('root.txt')).toBeVisible();
  await expect(ui.page.locator('[data-testid="row"][data-key^="big/file-"]')).toHaveCount(0);
});
