/**
 * Downloading an archived object through the UI (issue 15), on Ceph RGW only: RGW 16 has no RestoreObject and
 * serves GLACIER bytes, so AWS's refusal (403 InvalidObjectState), the restore and x-amz-restore come from the
 * counting proxy's plainly-labelled stand-in (testkit/aws-standins/restore-standin.ts). The download fails
 * saying the object is archived; "Restore and download…" asks days and tier, the row then shows the wait with
 * its interval; once the stand-in finishes the restore the file arrives, verified.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { expect, test } from '../testkit/app-fixture';
import { installRestoreStandIn } from '../testkit/aws-standins/restore-standin';
import { directClient } from '../testkit/s3-lane';
import { BrowserPage } from './pages/browser-page';

const CONNECTION = 'Local fauxqs';
let downloadDir = '';

test.skip(({ laneName }) => laneName !== 'rgw', 'storage classes need Ceph RGW (fauxqs has none)');
test.use({
  coreOptions: {
    transfers: {
      dialogs: { pickFolder: async () => downloadDir, pickUploadPaths: async () => [], notify: () => {} },
      throttleMs: 50,
      restorePollMs: 200,
    },
  },
});

test('an archived download says so, then restores, shows the wait and downloads', async ({ app, lane, s3Proxy }) => {
  downloadDir = await mkdtemp(path.join(os.tmpdir(), 's3desk-e2e-archived-'));
  const s3 = directClient(lane);
  const standIn = installRestoreStandIn(s3Proxy);
  try {
    await lane.createBucket('vault');
    await s3.send(new PutObjectCommand({ Bucket: 'vault', Key: 'tape.bin', Body: 'from the vault', StorageClass: 'GLACIER' }));
    standIn.archive('vault', 'tape.bin');
    const ui = new BrowserPage(app);
    await ui.openConnection(CONNECTION);
    await ui.goTo('s3://vault/');
    await ui.waitForFolder('s3://vault/');
    await ui.row('tape.bin').click();
    await app.getByTestId('download-button').click();

    const row = app.locator('[data-testid="transfer-row"][data-key="tape.bin"]');
    await expect(row).toHaveAttribute('data-state', 'failed');
    await expect(row.getByTestId('transfer-detail')).toContainText('is archived (GLACIER or DEEP_ARCHIVE) and not restored');
    await expect(row.getByTestId('transfer-retry')).toHaveCount(0);
    await row.getByTestId('transfer-restore').click();

    const ask = app.getByTestId('restore-download');
    await expect(ask).toContainText('Restore and download tape.bin');
    await ask.getByTestId('restore-download-tier').selectOption('Bulk');
    await ask.getByTestId('restore-download-days').fill('2');
    await ask.getByTestId('restore-download-confirm').click();
    await expect(ask).toHaveCount(0);

    await expect(row).toHaveAttribute('data-state', 'running');
    await expect(row.getByTestId('transfer-detail')).toContainText('waiting for the Bulk restore: checked at');
    await expect(row.getByTestId('transfer-detail')).toContainText('checking every 200 ms');
    expect(standIn.requests).toEqual([{ bucket: 'vault', key: 'tape.bin', days: 2, tier: 'Bulk' }]);
    await ui.screenshot('archived-download-waiting');

    standIn.finish('vault', 'tape.bin', new Date(Date.now() + 2 * 86_400_000));
    await expect(row).toHaveAttribute('data-state', 'done');
    expect(await readFile(path.join(downloadDir, 'tape.bin'), 'utf8')).toBe('from the vault');
  } finally {
    standIn.remove();
    s3.destroy();
    await rm(downloadDir, { recursive: true, force: true });
  }
});
