/**
 * Versions and recovery through the UI (issue 13), on Ceph RGW only (fauxqs has no versioning): the Versions
 * panel and restore as current, Show deleted and Undelete, View as of and Restore folder, and the offer to
 * enable versioning on a bucket that never had it. Every outcome is checked on the server with the SDK directly,
 * and ListObjectVersions is counted on the wire at the counting proxy.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DeleteObjectCommand,
  GetBucketVersioningCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { expect, test } from '../testkit/app-fixture';
import type { LaneServer } from '../testkit/s3-lane';
import { BrowserPage } from './pages/browser-page';

const CONNECTION = 'Local fauxqs';

function sdk(lane: LaneServer): S3Client {
  return new S3Client({ endpoint: lane.url, region: lane.region, forcePathStyle: true, credentials: { ...lane.credentials }, requestChecksumCalculation: 'WHEN_REQUIRED' });
}

async function versionedBucket(s3: S3Client, lane: LaneServer, bucket: string): Promise<void> {
  await lane.createBucket(bucket);
  await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
}

const put = (s3: S3Client, bucket: string, key: string, body: string) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

/** Versions and markers of a prefix as the server reports them (independently of the app). */
async function serverVersions(s3: S3Client, bucket: string, prefix = '') {
  const out = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix }));
  return { versions: out.Versions ?? [], markers: out.DeleteMarkers ?? [] };
}

/** The `datetime-local` text of an instant, in this machine's zone (Chromium runs in the same one). */
function localText(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

test.skip(({ laneName }) => laneName !== 'rgw', 'versioning needs Ceph RGW (fauxqs has none)');

test('Versions panel lists every version; Restore as current makes a new version with the old bytes', async ({ app, lane, s3Proxy }) => {
  const s3 = sdk(lane);
  await versionedBucket(s3, lane, 'vers');
  await put(s3, 'vers', 'doc.txt', 'first');
  await put(s3, 'vers', 'doc.txt', 'second');
  await put(s3, 'vers', 'doc.txt.bak', 'not the same key');
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.bucket('vers').click();
  await ui.waitForFolder('s3://vers/');
  expect(s3Proxy.count('ListObjectVersions')).toBe(0);

  // Keyboard: select the row, Ctrl+Shift+V.
  await ui.row('doc.txt').click();
  await app.keyboard.press('ControlOrMeta+Shift+V');
  const panel = app.getByTestId('versions-panel');
  await expect(panel.getByTestId('versions-summary')).toHaveText('2 versions, 0 delete markers, newest first.');
  const rows = panel.getByTestId('version-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId('version-current')).toBeVisible();
  await expect(rows.nth(1).getByTestId('version-restore')).toBeEnabled();
  const oldId = await rows.nth(1).getAttribute('data-version-id');

  await rows.nth(1).getByTestId('version-restore').click();
  await expect(panel.getByTestId('versions-confirm')).toContainText('nothing is deleted');
  await panel.getByTestId('versions-confirm-ok').click();
  await expect(panel.getByTestId('versions-notice')).toContainText('no version was deleted');
  await expect(rows).toHaveCount(3);

  expect((await lane.body('vers', 'doc.txt')).toString()).toBe('first');
  const after = await serverVersions(s3, 'vers', 'doc.txt');
  expect(after.versions.filter((v) => v.Key === 'doc.txt')).toHaveLength(3);
  expect(after.versions.some((v) => v.Key === 'doc.txt' && v.VersionId === oldId)).toBe(true);
  await ui.screenshot('versions-panel');

  // Delete permanently says it cannot be undone, and does exactly that to the one version.
  await rows.nth(2).getByTestId('version-delete').click();
  await expect(panel.getByTestId('versions-confirm')).toContainText('This cannot be undone');
  await panel.getByTestId('versions-confirm-ok').click();
  await expect(rows).toHaveCount(2);
  const left = await serverVersions(s3, 'vers', 'doc.txt');
  expect(left.versions.filter((v) => v.Key === 'doc.txt').map((v) => v.VersionId)).not.toContain(oldId);
  s3.destroy();
});

test('Show deleted greys deleted files and folders; Undelete removes exactly their markers', async ({ app, lane, s3Proxy }) => {
  const s3 = sdk(lane);
  await versionedBucket(s3, lane, 'gone');
  for (const key of ['keep.txt', 'x.txt', 'old/a.txt', 'old/b.txt', 'other/c.txt']) await put(s3, 'gone', key, key);
  for (const key of ['x.txt', 'old/a.txt', 'old/b.txt', 'other/c.txt']) await s3.send(new DeleteObjectCommand({ Bucket: 'gone', Key: key }));
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.bucket('gone').click();
  await ui.waitForFolder('s3://gone/');
  await expect(app.getByTestId('row')).toHaveCount(1);
  // Ordinary browsing never lists versions.
  expect(s3Proxy.count('ListObjectVersions')).toBe(0);

  await app.getByTestId('file-table-body').focus();
  await app.keyboard.press('ControlOrMeta+Shift+H');
  await expect(ui.row('x.txt')).toHaveAttribute('data-deleted', '');
  await expect(ui.row('old/')).toHaveAttribute('data-deleted', '');
  await expect(ui.row('other/')).toHaveAttribute('data-deleted', '');
  await expect(ui.row('keep.txt')).not.toHaveAttribute('data-deleted', '');
  await expect(ui.row('x.txt').getByTestId('row-deleted')).toHaveText('deleted');
  // The status bar shows what it cost, as counted on the wire.
  await expect(app.getByTestId('status-show-deleted')).toContainText('3 deleted items');
  const cost = s3Proxy.count('ListObjectVersions');
  expect(cost).toBeGreaterThan(0);
  await expect(app.getByTestId('status-list-versions')).toHaveText(String(cost));
  await ui.screenshot('show-deleted');

  // Undelete x.txt and old/ (recursively) from the context menu; other/ stays deleted.
  await ui.row('x.txt').click();
  await ui.row('old/').click({ modifiers: ['ControlOrMeta'] });
  await ui.row('old/').click({ button: 'right' });
  await app.getByTestId('ops-menu-undelete').click();
  const plan = app.getByTestId('versions-plan');
  await expect(plan.getByTestId('plan-counts')).toHaveAttribute('data-markers', '3');
  await expect(plan.getByTestId('plan-counts')).toContainText('Remove exactly 3 delete markers');
  await plan.getByTestId('plan-ok').click();
  await expect(plan.getByTestId('plan-report')).toHaveAttribute('data-done', '3');
  await expect(plan.getByTestId('plan-report')).toHaveAttribute('data-failed', '0');
  await expect(plan.getByTestId('plan-report')).toContainText('3 delete markers done.');
  await plan.getByTestId('plan-close').click();

  expect((await lane.keys('gone')).sort()).toEqual(['keep.txt', 'old/a.txt', 'old/b.txt', 'x.txt']);
  const { markers } = await serverVersions(s3, 'gone');
  expect(markers.map((m) => m.Key)).toEqual(['other/c.txt']);
  await expect(ui.row('x.txt')).not.toHaveAttribute('data-deleted', '');
  await expect(ui.row('other/')).toHaveAttribute('data-deleted', '');

  // Off means off: no more ListObjectVersions while browsing.
  await app.getByTestId('file-table-body').focus();
  await app.keyboard.press('ControlOrMeta+Shift+H');
  await expect(ui.row('other/')).toHaveCount(0);
  const sent = s3Proxy.count('ListObjectVersions');
  await ui.row('old/').dblclick();
  await ui.waitForFolder('s3://gone/old/');
  await app.keyboard.press('Backspace');
  await ui.waitForFolder('s3://gone/');
  expect(s3Proxy.count('ListObjectVersions')).toBe(sent);
  s3.destroy();
});

test('View as of shows the folder then, read-only; Restore folder copies back and hides only when asked', async ({ app, lane }) => {
  const s3 = sdk(lane);
  await versionedBucket(s3, lane, 'pit');
  await put(s3, 'pit', 'docs/a.txt', 'a1');
  await put(s3, 'pit', 'docs/b.txt', 'b1');
  await put(s3, 'pit', 'docs/same.txt', 'same');
  const first = await serverVersions(s3, 'pit');
  const latest = Math.max(...first.versions.map((v) => v.LastModified!.getTime()));
  // T: the next whole second after the first writes (the picker takes seconds). The later writes must carry a
  // server time after T, so the seeding waits for the clock (the server runs on this machine) to pass it.
  const at = Math.floor(latest / 1000) * 1000 + 1000;
  while (Date.now() < at + 200) await new Promise((r) => setTimeout(r, 50));
  await put(s3, 'pit', 'docs/a.txt', 'a2');
  await s3.send(new DeleteObjectCommand({ Bucket: 'pit', Key: 'docs/b.txt' }));
  await put(s3, 'pit', 'docs/c.txt', 'new since');
  const before = await serverVersions(s3, 'pit');

  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.bucket('pit').click();
  await ui.waitForFolder('s3://pit/');
  await ui.row('docs/').dblclick();
  await ui.waitForFolder('s3://pit/docs/');

  await app.locator('.browser-content').click({ button: 'right', position: { x: 400, y: 300 } });
  await app.getByTestId('ops-menu-view-as-of').click();
  await app.getByTestId('as-of-input').fill(localText(at));
  await app.getByTestId('as-of-ok').click();
  await expect(app.getByTestId('as-of-banner')).toContainText('read-only');
  const rows = app.getByTestId('as-of-row');
  await expect(rows).toHaveCount(3);
  await expect(app.locator('[data-testid="as-of-row"][data-key="docs/c.txt"]')).toHaveCount(0);
  await expect(app.locator('[data-testid="as-of-row"][data-key="docs/a.txt"]')).toHaveAttribute('data-changed', '');
  await expect(app.locator('[data-testid="as-of-row"][data-key="docs/b.txt"]')).toHaveAttribute('data-changed', '');
  await expect(app.locator('[data-testid="as-of-row"][data-key="docs/same.txt"]')).not.toHaveAttribute('data-changed', '');
  // Write commands are off while the past is shown.
  await expect(app.getByTestId('cmd-new-folder')).toHaveAttribute('aria-disabled', 'true');
  await ui.screenshot('view-as-of');

  await app.getByTestId('as-of-restore').click();
  const plan = app.getByTestId('versions-plan');
  const counts = plan.getByTestId('plan-counts');
  await expect(counts).toHaveAttribute('data-copies', '2');
  await expect(counts).toHaveAttribute('data-hides', '0');
  await expect(counts).toHaveAttribute('data-bytes', '4');
  await expect(plan.getByTestId('plan-hide-newer')).not.toBeChecked();
  await plan.getByTestId('plan-hide-newer').check();
  await expect(counts).toHaveAttribute('data-hides', '1');
  await expect(counts).toContainText('No version is deleted');
  await plan.getByTestId('plan-ok').click();
  await expect(plan.getByTestId('plan-report')).toHaveAttribute('data-done', '3');
  await plan.getByTestId('plan-close').click();

  expect((await lane.body('pit', 'docs/a.txt')).toString()).toBe('a1');
  expect((await lane.body('pit', 'docs/b.txt')).toString()).toBe('b1');
  expect((await lane.keys('pit', 'docs/')).sort()).toEqual(['docs/a.txt', 'docs/b.txt', 'docs/same.txt']);
  // Never deletes a version: everything that was there still is, plus the copies and the one hide.
  const after = await serverVersions(s3, 'pit');
  for (const v of before.versions) expect(after.versions.some((w) => w.VersionId === v.VersionId)).toBe(true);
  expect(after.versions.length).toBe(before.versions.length + 2);
  expect(after.markers.length).toBe(before.markers.length + 1);

  await app.getByTestId('as-of-back').click();
  await expect(app.getByTestId('as-of-banner')).toHaveCount(0);
  await expect(ui.row('docs/a.txt')).toBeVisible();
  s3.destroy();
});

test('a bucket that never had versioning explains why and offers to enable it', async ({ app, lane }) => {
  const s3 = sdk(lane);
  await lane.seed('plain', [['f.txt', 'x']]);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.bucket('plain').click();
  await ui.waitForFolder('s3://plain/');
  await app.getByTestId('file-table-body').focus();
  await app.keyboard.press('ControlOrMeta+Shift+H');
  const dialog = app.getByTestId('versioning-dialog');
  await expect(dialog.getByTestId('versioning-why')).toContainText('never had it');
  await expect(dialog.getByTestId('versioning-state')).toHaveAttribute('data-state', 'never');
  await dialog.getByTestId('versioning-enable').click();
  await expect(dialog.getByTestId('versioning-confirm')).toContainText('can only be suspended, never fully turned off');
  await dialog.getByTestId('versioning-confirm-ok').click();
  await expect(dialog.getByTestId('versioning-state')).toHaveAttribute('data-state', 'enabled');
  expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'plain' }))).Status).toBe('Enabled');
  await dialog.getByTestId('versioning-close').click();
  await expect(app.getByTestId('status-versioning')).toHaveText('Versioning: enabled');
  s3.destroy();
});

test('denied ListBucketVersions: Show deleted says so, browsing goes on', async ({ app, lane, s3Proxy }) => {
  const s3 = sdk(lane);
  await versionedBucket(s3, lane, 'denied');
  await put(s3, 'denied', 'f.txt', 'x');
  s3Proxy.addRule((req) => (req.operation === 'ListObjectVersions' ? { kind: 'deny' } : undefined));
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.bucket('denied').click();
  await ui.waitForFolder('s3://denied/');
  await app.getByTestId('file-table-body').focus();
  await app.keyboard.press('ControlOrMeta+Shift+H');
  await expect(app.getByTestId('status-show-deleted')).toContainText('could not be listed');
  await expect(ui.row('f.txt')).toBeVisible();
  await ui.row('f.txt').click();
  await app.keyboard.press('ControlOrMeta+Shift+V');
  await expect(app.getByTestId('versions-error')).toContainText('s3:ListBucketVersions');
  await expect(app.getByTestId('versions-error')).toContainText('browsing is not affected');
  s3.destroy();
});

test.describe('an old version', () => {
  let downloadDir = '';
  test.use({ coreOptions: { transfers: { dialogs: { pickFolder: async () => downloadDir, pickUploadPaths: async () => [], notify: () => {} }, throttleMs: 50 } } });
  test.beforeEach(async () => {
    downloadDir = await mkdtemp(path.join(os.tmpdir(), 's3desk-e2e-versions-dl-'));
  });
  test.afterEach(async () => {
    await rm(downloadDir, { recursive: true, force: true });
  });

  test('Preview and Download of a non-current version bring that version’s bytes', async ({ app, lane, s3Proxy }) => {
    const s3 = sdk(lane);
    await versionedBucket(s3, lane, 'olds');
    const first = await put(s3, 'olds', 'plan.txt', 'plan A: the old words');
    await put(s3, 'olds', 'plan.txt', 'plan B');
    const ui = new BrowserPage(app);
    await ui.openConnection(CONNECTION);
    await ui.bucket('olds').click();
    await ui.waitForFolder('s3://olds/');
    await ui.row('plan.txt').click();
    await app.keyboard.press('ControlOrMeta+Shift+V');
    const panel = app.getByTestId('versions-panel');
    const old = panel.locator(`[data-testid="version-row"][data-version-id="${first.VersionId!}"]`);
    await expect(old).not.toHaveAttribute('data-current', '');

    await old.getByTestId('version-preview').click();
    const pane = panel.getByTestId('version-preview-pane');
    await expect(pane).toHaveAttribute('data-status', 'ready');
    await expect(pane.getByTestId('version-preview-text')).toHaveText('plan A: the old words');
    const previews = s3Proxy.log.filter((r) => r.operation === 'GetObject');
    expect(previews.length).toBeGreaterThan(0);
    expect(previews.every((r) => r.query.get('versionId') === first.VersionId)).toBe(true);

    await old.getByTestId('version-download').click();
    await panel.getByTestId('versions-close').click();
    await expect(app.locator('[data-testid="transfer-row"][data-state="done"]')).toHaveCount(1);
    const files = await readdir(downloadDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^plan \(version \d{4}-\d\d-\d\d \d\d-\d\d-\d\d\)\.txt$/);
    expect(await readFile(path.join(downloadDir, files[0]!), 'utf8')).toBe('plan A: the old words');
    s3.destroy();
  });

  test('View as of downloads the version a row shows, not the current one', async ({ app, lane }) => {
    const s3 = sdk(lane);
    await versionedBucket(s3, lane, 'asofdl');
    await put(s3, 'asofdl', 'notes.txt', 'notes then');
    const then = (await serverVersions(s3, 'asofdl')).versions[0]!.LastModified!.getTime();
    // The next whole second (the picker takes seconds); the second write must land after it.
    const at = Math.floor(then / 1000) * 1000 + 1000;
    while (Date.now() < at + 200) await new Promise((r) => setTimeout(r, 50));
    await put(s3, 'asofdl', 'notes.txt', 'notes now');
    const ui = new BrowserPage(app);
    await ui.openConnection(CONNECTION);
    await ui.bucket('asofdl').click();
    await ui.waitForFolder('s3://asofdl/');
    await app.locator('.browser-content').click({ button: 'right', position: { x: 400, y: 300 } });
    await app.getByTestId('ops-menu-view-as-of').click();
    await app.getByTestId('as-of-input').fill(localText(at));
    await app.getByTestId('as-of-ok').click();
    const row = app.locator('[data-testid="as-of-row"][data-key="notes.txt"]');
    await expect(row).toHaveAttribute('data-changed', '');
    await row.getByTestId('as-of-download').click();
    await expect(app.locator('[data-testid="transfer-row"][data-state="done"]')).toHaveCount(1);
    const files = await readdir(downloadDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^notes \(version \d{4}-\d\d-\d\d \d\d-\d\d-\d\d\)\.txt$/);
    expect(await readFile(path.join(downloadDir, files[0]!), 'utf8')).toBe('notes then');
    s3.destroy();
  });

  test('View opens an older version in the rich viewer, and its Download saves that version', async ({ app, lane, s3Proxy }) => {
    const s3 = sdk(lane);
    await versionedBucket(s3, lane, 'oldview');
    const first = await put(s3, 'oldview', 'people.csv', 'name,age\nada,36\nbob,41\n');
    await put(s3, 'oldview', 'people.csv', 'name,age\ncy,7\n');
    const ui = new BrowserPage(app);
    await ui.openConnection(CONNECTION);
    await ui.bucket('oldview').click();
    await ui.waitForFolder('s3://oldview/');
    await ui.row('people.csv').click();
    await app.keyboard.press('ControlOrMeta+Shift+V');
    const panel = app.getByTestId('versions-panel');
    s3Proxy.reset();
    await panel.locator(`[data-testid="version-row"][data-version-id="${first.VersionId!}"]`).getByTestId('version-view').click();
    const pane = app.getByTestId('preview');
    await expect(pane.getByTestId('preview-version')).toContainText('version of');
    await expect(pane.getByTestId('preview-row')).toHaveCount(2);
    await expect(pane.getByTestId('preview-row').first()).toContainText('ada');
    await expect(pane.getByTestId('preview-edit')).toBeDisabled();
    const gets = s3Proxy.log.filter((r) => r.operation === 'GetObject');
    expect(gets.length).toBeGreaterThan(0);
    expect(gets.every((r) => r.query.get('versionId') === first.VersionId)).toBe(true);

    await pane.getByTestId('preview-download').click();
    await expect(app.locator('[data-testid="transfer-row"][data-state="done"]')).toHaveCount(1);
    const files = await readdir(downloadDir);
    expect(files).toHaveLength(1);
    expect(await readFile(path.join(downloadDir, files[0]!), 'utf8')).toBe('name,age\nada,36\nbob,41\n');
    s3.destroy();
  });
});
