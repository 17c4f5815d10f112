/**
 * Buckets through the UI (issue 15), on Ceph RGW (fauxqs lacks the bucket settings Bucket info reads): a bad
 * name is refused as typed, a bucket is created and opened, its info shows, and Delete bucket removes it once
 * confirmed. Each outcome is checked on the server with the SDK directly.
 */
import { HeadBucketCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import { expect, test } from '../testkit/app-fixture';
import { directClient } from '../testkit/s3-lane';
import { BrowserPage } from './pages/browser-page';

const CONNECTION = 'Local fauxqs';

test.skip(({ laneName }) => laneName !== 'rgw', 'bucket settings need Ceph RGW (fauxqs has none)');

test('creates a bucket (name checked as typed), shows its info, and deletes it once confirmed', async ({ app, lane, s3Proxy }) => {
  const s3 = directClient(lane);
  await lane.createBucket('start-here');
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo('s3://start-here/');
  await ui.waitForFolder('s3://start-here/');

  const background = async (item: string) => {
    await app.locator('.browser-content').click({ button: 'right', position: { x: 400, y: 300 } });
    await app.getByTestId(`ops-menu-${item}`).click();
  };
  await background('new-bucket');
  const form = app.getByTestId('bucket-new');
  await expect(form.getByTestId('bucket-new-region')).toHaveValue(lane.region);
  s3Proxy.reset();
  await form.getByTestId('bucket-new-name').fill('Made_By_UI');
  await expect(form.getByTestId('bucket-new-problem')).toContainText('lower-case');
  await expect(form.getByTestId('bucket-new-ok')).toBeDisabled();
  await form.getByTestId('bucket-new-name').fill('made-by-ui');
  await expect(form.getByTestId('bucket-new-problem')).toHaveCount(0);
  await form.getByTestId('bucket-new-ok').click();
  await ui.waitForFolder('s3://made-by-ui/');
  expect(s3Proxy.count('CreateBucket')).toBe(1);
  await s3.send(new HeadBucketCommand({ Bucket: 'made-by-ui' }));

  await background('bucket-info');
  const info = app.getByTestId('bucket-info');
  await expect(info.getByTestId('bucket-region')).toHaveText(lane.region);
  await expect(info.getByTestId('bucket-versioning')).toHaveText('Never enabled');
  await expect(info.getByTestId('bucket-encryption')).toHaveText('None');
  await ui.screenshot('bucket-info');
  await info.getByTestId('bucket-delete').click();
  await expect(info.getByTestId('bucket-delete-confirm')).toContainText('only if it holds nothing');
  expect(s3Proxy.count('DeleteBucket')).toBe(0);
  await info.getByTestId('bucket-delete-ok').click();
  await expect(info).toHaveCount(0);
  await expect(ui.bucket('made-by-ui')).toHaveCount(0);
  await expect(ui.bucket('start-here')).toBeVisible();
  expect(s3Proxy.count('DeleteBucket')).toBe(1);
  const names = ((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name);
  expect(names).not.toContain('made-by-ui');
});
