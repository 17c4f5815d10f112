/**
 * The incomplete-uploads view in real Chromium over the real core, on fauxqs and Ceph RGW: two multipart
 * uploads are begun with the SDK (CreateMultipartUpload + UploadPart, straight at the server), the File menu's
 * command opens the dialog with their parts and sizes, Abort… confirms naming exactly that upload, and only
 * it is aborted (one AbortMultipartUpload at the proxy, one upload left on the server). The transfer panel's
 * button opens the same view.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CreateMultipartUploadCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { expect, test } from '../testkit/app-fixture';
import { unwrap } from '../testkit/core-fixture';
import type { LaneServer } from '../testkit/s3-lane';
import { BrowserPage } from './pages/browser-page';

const MiB = 1024 * 1024;

async function begin(lane: LaneServer, bucket: string, key: string, partSizes: readonly number[]): Promise<string> {
  const client = new S3Client({ endpoint: lane.url, region: lane.region, forcePathStyle: true, credentials: { ...lane.credentials }, requestChecksumCalculation: 'WHEN_REQUIRED' });
  try {
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    for (const [i, size] of partSizes.entries()) {
      await client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: i + 1, Body: Buffer.alloc(size, i + 1) }));
    }
    return UploadId!;
  } finally {
    client.destroy();
  }
}

test('the incomplete-uploads view lists uploads and aborts exactly the one confirmed', async ({ app, lane, s3Proxy, bridgeEvents, core, connection }) => {
  await lane.seed('staging', [['keep.txt', 'kept']]);
  const big = await begin(lane, 'staging', 'videos/raw.mov', [5 * MiB, 1 * MiB]);
  await begin(lane, 'staging', 'notes.bin', [1 * MiB]);
  const ui = new BrowserPage(app);
  await ui.openConnection('Local fauxqs');
  await ui.goTo('s3://staging/');
  await ui.waitForFolder('s3://staging/');

  // The native menu's File › Incomplete uploads… (menu:command from main).
  bridgeEvents.sink('menu:command', { id: 'incomplete-uploads' });
  const dialog = app.getByTestId('incomplete-uploads');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText('Incomplete uploads in staging');
  const rows = dialog.getByTestId('incomplete-row');
  await expect(rows).toHaveCount(2);
  const raw = dialog.locator('[data-testid="incomplete-row"][data-key="videos/raw.mov"]');
  await expect(raw).toHaveAttribute('data-upload-id', big);
  await expect(raw.locator('td').nth(2)).toHaveText('2');
  await expect(raw.locator('td').nth(3)).toHaveText('6.0 MB');
  await expect(dialog.getByTestId('incomplete-summary')).toHaveText('2 uploads (3 parts, 7.0 MB)');

  s3Proxy.reset();
  await raw.getByTestId('incomplete-abort').click();
  const confirm = app.getByTestId('incomplete-confirm');
  await expect(confirm).toBeVisible();
  await expect(app.getByTestId('incomplete-confirm-title')).toHaveText('Abort the incomplete upload of “videos/raw.mov”?');
  await expect(app.getByTestId('incomplete-confirm-list').locator('li')).toHaveCount(1);
  await expect(app.getByTestId('incomplete-confirm-list')).toContainText('videos/raw.mov — 2 parts, 6.0 MB');
  // Keep has the focus: Enter on the confirmation would not abort anything by accident.
  await expect(app.getByTestId('incomplete-confirm-cancel')).toBeFocused();
  await app.getByTestId('incomplete-confirm-run').click();
  await expect(confirm).toBeHidden();
  await expect(app.getByTestId('incomplete-message')).toContainText('Aborted 1 upload (2 parts, 6.0 MB)');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-key', 'notes.bin');
  expect(s3Proxy.count('AbortMultipartUpload')).toBe(1);
  expect(await lane.openUploads('staging')).toBe(1);

  // Escape closes the dialog; the transfer panel's button opens the same view again.
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The panel opens with a transfer (here one small upload queued in the core).
  const dir = await mkdtemp(path.join(os.tmpdir(), 's3desk-e2e-mpu-'));
  await writeFile(path.join(dir, 'small.txt'), 'small');
  unwrap(await core.handlers['transfers:upload']({ connectionId: connection.id, bucket: 'staging', prefix: '', paths: [path.join(dir, 'small.txt')], conflict: 'overwrite' }));
  await expect(app.locator('[data-testid="transfer-row"][data-state="done"]')).toHaveCount(1);
  await app.getByTestId('incomplete-open').click();
  await expect(dialog.getByTestId('incomplete-row')).toHaveCount(1);
  await rm(dir, { recursive: true, force: true });
});
