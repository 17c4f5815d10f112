/**
 * Object properties through the UI (issue 15), on Ceph RGW only (fauxqs has no tagging, ACLs or storage
 * classes): one object's properties as the server has them, then a bulk edit of two objects — a metadata key
 * and a tag added, the storage class changed — reviewed with its exact requests and cost, run, and checked on
 * the server with the SDK directly. The requests the run sends are counted at the counting proxy and must be
 * exactly what the confirmation announced. RGW has no RestoreObject: the restore test uses the counting proxy's
 * plainly-labelled stand-in (testkit/aws-standins/restore-standin.ts) for the request and x-amz-restore.
 */
import { GetObjectTaggingCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { expect, test } from '../testkit/app-fixture';
import { installRestoreStandIn } from '../testkit/aws-standins/restore-standin';
import { directClient } from '../testkit/s3-lane';
import { BrowserPage } from './pages/browser-page';

const CONNECTION = 'Local fauxqs';

test.skip(({ laneName }) => laneName !== 'rgw', 'tags, ACLs and storage classes need Ceph RGW (fauxqs has none)');

test('edits metadata and tags of two objects and changes their storage class, as one confirmed plan', async ({ app, lane, s3Proxy }) => {
  const s3 = directClient(lane);
  await lane.createBucket('props');
  for (const name of ['a.txt', 'b.txt']) {
    await s3.send(
      new PutObjectCommand({ Bucket: 'props', Key: `p/${name}`, Body: `body of ${name}`, ContentType: 'text/plain', CacheControl: 'max-age=60', Metadata: { keep: name }, Tagging: 'old=1' }),
    );
  }
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo('s3://props/p/');
  await ui.waitForFolder('s3://props/p/');

  // One object, by its shortcut: what the server holds, section by section.
  await ui.row('p/a.txt').click();
  await app.keyboard.press('ControlOrMeta+Shift+P');
  const dialog = app.getByTestId('props-dialog');
  await expect(dialog.getByTestId('props-title')).toHaveText('Properties of a.txt');
  await expect(dialog.getByTestId('props-class')).toHaveText('STANDARD');
  await expect(dialog.getByTestId('props-public')).toHaveAttribute('data-public', 'false');
  await expect(dialog.getByTestId('props-header-contentType')).toHaveValue('text/plain');
  await expect(dialog.getByTestId('props-header-cacheControl')).toHaveValue('max-age=60');
  await expect(dialog.getByTestId('props-metadata-name')).toHaveValue('keep');
  await expect(dialog.getByTestId('props-tags-name')).toHaveValue('old');
  await expect(dialog.getByTestId('props-review')).toBeDisabled();
  await ui.screenshot('properties-one');
  await dialog.getByTestId('props-close').click();
  await expect(dialog).toHaveCount(0);

  // Two objects, from the context menu.
  await ui.selectRows('p/a.txt', 'p/b.txt');
  await ui.row('p/b.txt').click({ button: 'right' });
  await app.getByTestId('ops-menu-properties').click();
  await expect(dialog.getByTestId('props-title')).toHaveText('Properties of 2 items');
  await expect(dialog.getByTestId('props-many')).toBeVisible();

  await dialog.getByTestId('props-metadata-add').click();
  await dialog.getByTestId('props-metadata-name').fill('Reviewed By');
  await dialog.getByTestId('props-metadata-value').fill('ann');
  // Refused as typed, with the reason; nothing can be sent.
  await expect(dialog.getByTestId('props-problems')).toContainText('lower case');
  await expect(dialog.getByTestId('props-review')).toBeDisabled();
  await dialog.getByTestId('props-metadata-name').fill('reviewed-by');
  await expect(dialog.getByTestId('props-problems')).toHaveCount(0);
  await dialog.getByTestId('props-tags-add').click();
  await dialog.getByTestId('props-tags-name').fill('team');
  await dialog.getByTestId('props-tags-value').fill('blue');
  await dialog.getByTestId('props-storage-class').selectOption('STANDARD_IA');

  const beforePlan = s3Proxy.count();
  await dialog.getByTestId('props-review').click();
  await expect(dialog.getByTestId('props-plan-summary')).toContainText('Change 2 objects');
  await expect(dialog.getByTestId('props-plan-effects')).toContainText('Set metadata x-amz-meta-reviewed-by to "ann".');
  await expect(dialog.getByTestId('props-plan-effects')).toContainText('Change the storage class to STANDARD_IA.');
  await expect(dialog.getByTestId('props-plan-effects')).toContainText('Set tag team = "blue".');
  const requests = dialog.getByTestId('props-plan-requests');
  await expect(requests).toContainText('2 HeadObject');
  await expect(requests).toContainText('2 CopyObject');
  await expect(requests).toContainText('2 PutObjectTagging');
  await expect(dialog.getByTestId('ops-cost-table')).toContainText('prices as of');
  // The plan came from the listing the app already had: planning sent nothing to the server.
  expect(s3Proxy.count()).toBe(beforePlan);
  await ui.screenshot('properties-plan');

  s3Proxy.reset();
  await dialog.getByTestId('props-run').click();
  await expect(dialog.getByTestId('props-report')).toHaveAttribute('data-status', 'done');
  await expect(dialog.getByTestId('props-report-summary')).toHaveText('Done: 2 of 2 objects changed.');
  // Exactly what was announced (PutObjectAcl only where an ACL was more than private: none here).
  expect(s3Proxy.count('HeadObject')).toBe(2);
  expect(s3Proxy.count('CopyObject')).toBe(2);
  expect(s3Proxy.count('GetObjectTagging')).toBe(2);
  expect(s3Proxy.count('PutObjectTagging')).toBe(2);
  expect(s3Proxy.count('GetObjectAcl')).toBe(2);
  expect(s3Proxy.count('PutObjectAcl')).toBe(0);

  // The table re-listed through the one invalidation path and shows the new class.
  await expect(ui.row('p/a.txt').locator('.col-class')).toHaveText('STANDARD_IA');
  await expect(ui.row('p/b.txt').locator('.col-class')).toHaveText('STANDARD_IA');
  await dialog.getByTestId('props-done').click();

  // On the server: the change made, and everything else about each object kept.
  for (const name of ['a.txt', 'b.txt']) {
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'props', Key: `p/${name}` }));
    expect(head.StorageClass).toBe('STANDARD_IA');
    expect(head.Metadata).toEqual({ keep: name, 'reviewed-by': 'ann' });
    expect(head.ContentType).toBe('text/plain');
    expect(head.CacheControl).toBe('max-age=60');
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: 'props', Key: `p/${name}` }));
    expect(Object.fromEntries((tags.TagSet ?? []).map((t) => [t.Key, t.Value]))).toEqual({ old: '1', team: 'blue' });
    expect((await lane.body('props', `p/${name}`)).toString()).toBe(`body of ${name}`);
  }

  // Opened again on one object, the dialog shows the new state read afresh.
  await ui.row('p/a.txt').click();
  await app.keyboard.press('ControlOrMeta+Shift+P');
  await expect(dialog.getByTestId('props-class')).toHaveText('STANDARD_IA');
  await expect(dialog.getByTestId('props-metadata-name')).toHaveCount(2);
});

test('requests an archive restore and shows its state in Properties and Info (RestoreObject stand-in)', async ({ app, lane, s3Proxy }) => {
  const s3 = directClient(lane);
  await lane.createBucket('cold');
  await s3.send(new PutObjectCommand({ Bucket: 'cold', Key: 'tape.bin', Body: 'old bytes', StorageClass: 'GLACIER' }));
  const standIn = installRestoreStandIn(s3Proxy);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo('s3://cold/');
  await ui.waitForFolder('s3://cold/');

  await ui.row('tape.bin').click();
  await app.keyboard.press('ControlOrMeta+Shift+P');
  const dialog = app.getByTestId('props-dialog');
  await expect(dialog.getByTestId('props-class')).toHaveText('GLACIER');
  await expect(dialog.getByTestId('props-restore')).toHaveAttribute('data-state', 'none');
  await dialog.getByTestId('props-restore-tier').selectOption('Bulk');
  await dialog.getByTestId('props-restore-days').fill('2');
  await dialog.getByTestId('props-review').click();
  await expect(dialog.getByTestId('props-plan-requests')).toHaveText('Requests: 1 RestoreObject.');
  await expect(dialog.getByTestId('ops-cost')).toContainText('Bulk restore of 1 GLACIER objects');
  await dialog.getByTestId('props-run').click();
  await expect(dialog.getByTestId('props-report')).toHaveAttribute('data-status', 'done');
  expect(standIn.requests).toEqual([{ bucket: 'cold', key: 'tape.bin', days: 2, tier: 'Bulk' }]);
  await dialog.getByTestId('props-done').click();
  // The table re-listed (the restore went through the one invalidation path) and says so beside the class:
  // the listing asked for RestoreStatus, which the stand-in answers as AWS does. No HeadObject per row.
  await expect(ui.row('tape.bin').getByTestId('row-restore')).toHaveAttribute('data-state', 'in-progress');
  await expect(ui.row('tape.bin').locator('.col-class')).toHaveText('GLACIERrestoring…');

  // Info reads the state from x-amz-restore (main dropped the cached head when the restore was sent).
  await app.keyboard.press('ControlOrMeta+I');
  await expect(app.getByTestId('info-restore')).toHaveText('Restoring…');

  standIn.finish('cold', 'tape.bin', new Date(Date.UTC(2030, 0, 2)));
  await app.getByTestId('info-properties').click();
  await expect(dialog.getByTestId('props-restore')).toHaveAttribute('data-state', 'in-progress');
  await dialog.getByTestId('props-close').click();
  // Held in main's cache until asked afresh: "Read again" goes to the server and says until when.
  await app.getByTestId('info-properties').click();
  await dialog.getByTestId('props-reload').click();
  await expect(dialog.getByTestId('props-restore')).toHaveAttribute('data-state', 'available');
  await expect(dialog.getByTestId('props-restore')).toContainText('Available until');
  await dialog.getByTestId('props-close').click();
  s3Proxy.reset();
  await app.getByTestId('nav-refresh').click();
  await expect(ui.row('tape.bin').getByTestId('row-restore')).toHaveAttribute('data-state', 'available');
  await expect(ui.row('tape.bin').getByTestId('row-restore')).toContainText('restored until');
  expect(s3Proxy.count('HeadObject')).toBe(0);
  standIn.remove();
});

test("changes a folder's storage class through its plan: counted, priced, exactly what was announced", async ({ app, lane, s3Proxy }) => {
  const s3 = directClient(lane);
  await lane.createBucket('tiers');
  for (const key of ['logs/a.log', 'logs/b.log', 'logs/2026/c.log']) {
    await s3.send(new PutObjectCommand({ Bucket: 'tiers', Key: key, Body: `body of ${key}`, ContentType: 'text/plain', Metadata: { src: 'app' } }));
  }
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo('s3://tiers/');
  await ui.waitForFolder('s3://tiers/');

  await ui.row('logs/').click();
  await app.keyboard.press('ControlOrMeta+Shift+P');
  const dialog = app.getByTestId('props-dialog');
  await expect(dialog.getByTestId('props-many')).toBeVisible();
  await dialog.getByTestId('props-storage-class').selectOption('STANDARD_IA');
  await dialog.getByTestId('props-review').click();
  // The plan walked the folder (nested objects included) and says what it will send before it sends it.
  await expect(dialog.getByTestId('props-plan-summary')).toContainText('Change 3 objects');
  await expect(dialog.getByTestId('props-plan-effects')).toContainText('Change the storage class to STANDARD_IA.');
  // "Requests: 3 GetObjectTagging, 3 HeadObject, …; and where needed at most 3 PutObjectTagging, …."
  const announced = (await dialog.getByTestId('props-plan-requests').innerText()).replace(/^Requests: |\.$/g, '');
  const [firm = '', maybe = ''] = announced.split('; and where needed at most ');
  const counts = (text: string): Record<string, number> => Object.fromEntries(text.split(', ').filter(Boolean).map((part) => [part.split(' ')[1], Number(part.split(' ')[0])]));
  const planned = counts(firm);
  const atMost = counts(maybe);
  expect(planned).toMatchObject({ HeadObject: 3, CopyObject: 3 });
  await expect(dialog.getByTestId('ops-cost-table')).toContainText('prices as of');

  s3Proxy.reset();
  await dialog.getByTestId('props-run').click();
  await expect(dialog.getByTestId('props-report')).toHaveAttribute('data-status', 'done');
  await expect(dialog.getByTestId('props-report-summary')).toHaveText('Done: 3 of 3 objects changed.');
  for (const [op, n] of Object.entries(planned)) expect(s3Proxy.count(op), op).toBe(n);
  for (const [op, n] of Object.entries(atMost)) expect(s3Proxy.count(op), op).toBeLessThanOrEqual(n);
  // Nothing beyond what was announced (the re-listing after the write aside).
  const listed = s3Proxy.count('ListObjectsV2');
  expect(s3Proxy.count() - listed).toBe(Object.keys({ ...planned, ...atMost }).reduce((sum, op) => sum + s3Proxy.count(op), 0));
  await dialog.getByTestId('props-done').click();

  for (const key of ['logs/a.log', 'logs/b.log', 'logs/2026/c.log']) {
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'tiers', Key: key }));
    expect(head.StorageClass).toBe('STANDARD_IA');
    expect(head.Metadata).toEqual({ src: 'app' });
    expect(head.ContentType).toBe('text/plain');
    expect((await lane.body('tiers', key)).toString()).toBe(`body of ${key}`);
  }
  await ui.goTo('s3://tiers/logs/');
  await ui.waitForFolder('s3://tiers/logs/');
  await expect(ui.row('logs/a.log').locator('.col-class')).toHaveText('STANDARD_IA');
});
