/**
 * Transfers in real Chromium over the real core, against the project's S3 server (fauxqs or Ceph RGW) through
 * the counting proxy: files dropped onto
 * the table (a DataTransfer of File objects, no local paths, so their bytes stream over the bridge) are
 * uploaded and appear; dragging rows out stages complete files and hands exactly those to the drag adapter.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDragStreamHandler } from '../main/transfers/drag-stream';
import { expect, test } from '../testkit/app-fixture';
import { BrowserPage } from './pages/browser-page';

const CONNECTION = 'Local fauxqs';
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** What the fake drag adapter received, per test (the core lives in the test process). */
const dragged: string[][] = [];
/** The folder the fake native folder picker answers. */
let downloadDir = '';
const TRANSFER_OPTIONS = {
  drag: { startDrag: (paths: readonly string[]) => void dragged.push([...paths]) },
  dialogs: { pickFolder: async () => downloadDir, pickUploadPaths: async () => [], notify: () => {} },
  throttleMs: 50,
};
test.use({ coreOptions: { transfers: TRANSFER_OPTIONS } });
test.beforeEach(async () => {
  dragged.length = 0;
  downloadDir = await mkdtemp(path.join(os.tmpdir(), 's3desk-e2e-dl-'));
});
test.afterEach(async () => {
  await rm(downloadDir, { recursive: true, force: true });
});

test('Download saves the selection into the picked folder, asking before replacing a file', async ({ app, lane }) => {
  await lane.seed('reports', [
    ['q1.csv', 'a,b\n1,2\n'],
    ['archive/2023/q4.csv', 'old'],
  ]);
  await writeFile(path.join(downloadDir, 'q1.csv'), 'mine');
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.bucket('reports').click();
  await ui.waitForFolder('s3://reports/');
  await ui.row('q1.csv').click();
  await ui.row('archive/').click({ modifiers: ['ControlOrMeta'] });
  await app.getByTestId('download-button').click();

  await expect(app.getByTestId('conflict-dialog')).toContainText('1 item already exists');
  await app.getByTestId('conflict-keep-both').click();
  await expect(app.locator('[data-testid="transfer-row"][data-state="done"]')).toHaveCount(2);
  expect(await readFile(path.join(downloadDir, 'q1.csv'), 'utf8')).toBe('mine');
  expect(await readFile(path.join(downloadDir, 'q1 (1).csv'), 'utf8')).toBe('a,b\n1,2\n');
  expect(await readFile(path.join(downloadDir, 'archive', '2023', 'q4.csv'), 'utf8')).toBe('old');

  // Clear finished empties the panel.
  await app.getByTestId('transfer-clear-finished').click();
  await expect(app.getByTestId('transfer-row')).toHaveCount(0);
});

test('files dropped onto the table upload into the current folder and appear', async ({ app, lane, s3Proxy }) => {
  await lane.seed('inbox', [['docs/existing.txt', 'already here']]);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.bucket('inbox').click();
  await ui.waitForFolder('s3://inbox/');
  await ui.row('docs/').dblclick();
  await ui.waitForFolder('s3://inbox/docs/');
  s3Proxy.reset();

  const big = 3 * 1024 * 1024 + 17;
  const dataTransfer = await app.evaluateHandle((size) => {
    const dt = new DataTransfer();
    dt.items.add(new File(['hello from a drop'], 'dropped.txt', { type: 'text/plain' }));
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) & 0xff;
    dt.items.add(new File([bytes], 'blob.bin'));
    return dt;
  }, big);
  await ui.tableBody.dispatchEvent('dragover', { dataTransfer });
  await ui.tableBody.dispatchEvent('drop', { dataTransfer });

  await expect(ui.row('docs/dropped.txt')).toBeVisible();
  await expect(ui.row('docs/blob.bin')).toBeVisible();
  expect(await lane.keys('inbox')).toEqual(['docs/blob.bin', 'docs/dropped.txt', 'docs/existing.txt']);
  expect((await lane.body('inbox', 'docs/dropped.txt')).toString()).toBe('hello from a drop');
  const expected = Buffer.alloc(big);
  for (let i = 0; i < big; i++) expected[i] = (i * 31 + 7) & 0xff;
  expect(sha(await lane.body('inbox', 'docs/blob.bin'))).toBe(sha(expected));
  // The listing refreshed through the single invalidation path: a ListObjectsV2, never a HeadObject.
  expect(s3Proxy.count('HeadObject')).toBe(0);
  await expect(app.locator('[data-testid="transfer-row"][data-state="done"]')).toHaveCount(2);
  await ui.screenshot('transfers-drop');
});

test('a file dropped onto a folder row goes into that folder', async ({ app, lane }) => {
  await lane.seed('inbox2', [['photos/old.jpg', 'x']]);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.bucket('inbox2').click();
  await ui.waitForFolder('s3://inbox2/');
  const dataTransfer = await app.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['new'], 'new.jpg'));
    return dt;
  });
  await ui.row('photos/').dispatchEvent('dragover', { dataTransfer });
  await ui.row('photos/').dispatchEvent('drop', { dataTransfer });
  await expect.poll(() => lane.keys('inbox2')).toEqual(['photos/new.jpg', 'photos/old.jpg']);
});

test('dragging selected rows out hands complete staged files to the drag', async ({ app, lane }) => {
  const body = Buffer.alloc(2 * 1024 * 1024 + 5, 7);
  await lane.seed('media', [
    ['a.bin', body],
    ['b.txt', 'not selected'],
    ['album/c.txt', 'in a folder'],
  ]);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.bucket('media').click();
  await ui.waitForFolder('s3://media/');
  await ui.selectRows('a.bin', 'album/');
  expect((await ui.selectedKeys()).sort()).toEqual(['a.bin', 'album/']);

  // A real mouse drag in Chromium: press, move (dragstart → staging → the native drag), release.
  await ui.dragRowOut('a.bin');

  await expect.poll(() => dragged.length).toBe(1);
  const paths = dragged[0]!;
  expect(paths.map((p) => path.basename(p)).sort()).toEqual(['a.bin', 'album']);
  const file = paths.find((p) => p.endsWith('a.bin'))!;
  expect(sha(await readFile(file))).toBe(sha(body));
  expect(await readFile(path.join(paths.find((p) => p.endsWith('album'))!, 'c.txt'), 'utf8')).toBe('in a folder');
  expect((await stat(file)).size).toBe(body.length);
});

test('the context menu downloads the right-clicked row', async ({ app, lane }) => {
  await lane.seed('menu', [['notes/todo.txt', 'buy milk']]);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.bucket('menu').click();
  await ui.waitForFolder('s3://menu/');
  await ui.row('notes/').click({ button: 'right' });
  await app.getByTestId('ops-menu-download').click();
  await expect(app.locator('[data-testid="transfer-row"][data-state="done"]')).toHaveCount(1);
  expect(await readFile(path.join(downloadDir, 'notes', 'todo.txt'), 'utf8')).toBe('buy milk');
});

test.describe('drag-out by DownloadURL (main enables it on Windows and macOS)', () => {
  test.use({ coreOptions: { transfers: { ...TRANSFER_OPTIONS, dragStreamAboveBytes: 1024 * 1024 } } });

  test('one large file carries DownloadURL data and nothing is fetched until the drop asks main for it', async ({ app, lane, s3Proxy, core }) => {
    const big = randomBytes(3 * 1024 * 1024 + 1);
    await lane.seed('stream', [
      ['clip.mp4', big],
      ['small.txt', 'staged as before'],
    ]);
    const ui = new BrowserPage(app);
    await ui.openConnection(CONNECTION);
    await ui.bucket('stream').click();
    await ui.waitForFolder('s3://stream/');
    // What each drag carried, read after the table's own dragstart handler (window listeners run last).
    await app.evaluate(() => {
      const seen: Array<{ url: string; prevented: boolean }> = [];
      (window as unknown as { drags: typeof seen }).drags = seen;
      window.addEventListener('dragstart', (e) => seen.push({ url: e.dataTransfer?.getData('DownloadURL') ?? '', prevented: e.defaultPrevented }));
    });
    const drags = () => app.evaluate(() => (window as unknown as { drags: Array<{ url: string; prevented: boolean }> }).drags);
    s3Proxy.reset();

    await ui.dragRowOut('clip.mp4');
    await expect.poll(async () => (await drags()).length).toBe(1);
    const [drag] = await drags();
    // The HTML drag itself goes to the OS (not cancelled for a staged one), naming the object by address.
    expect(drag!.prevented).toBe(false);
    const match = /^application\/octet-stream:clip\.mp4:(s3desk-drag:\/\/.+)$/.exec(drag!.url);
    expect(match).not.toBeNull();
    // Nothing was downloaded or staged for the drag gesture.
    expect(s3Proxy.count('GetObject')).toBe(0);
    expect(dragged).toEqual([]);

    // The drop: Chromium requests the address from main's app protocol, i.e. this handler.
    const response = await createDragStreamHandler(core.transfers)(new Request(match![1]!));
    expect(response.status).toBe(200);
    expect(sha(Buffer.from(await response.arrayBuffer()))).toBe(sha(big));
    expect(s3Proxy.count('HeadObject')).toBe(0);
    // The fetch ran as a transfer the panel shows.
    await expect(app.locator('[data-testid="transfer-row"][data-state="done"]')).toHaveCount(1);

    // A file under the threshold is staged and handed to startDrag as before.
    await ui.dragRowOut('small.txt');
    await expect.poll(() => dragged.length).toBe(1);
    expect((await drags())[1]).toEqual({ url: '', prevented: true });
    expect(await readFile(dragged[0]![0]!, 'utf8')).toBe('staged as before');
  });
});
