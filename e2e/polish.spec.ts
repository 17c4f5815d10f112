/**
 * The everyday polish points over the real core and fauxqs: toasts (a success fades by itself, a failure stays
 * in the activity list with its reason), the drop highlight, the empty-folder hint, delete confirmations that
 * name the items, folder sizes shown as "—", and Upload disabled with a reason where nothing can be uploaded.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../testkit/app-fixture';
import { BrowserPage } from './pages/browser-page';

const CONNECTION = 'Local fauxqs';

async function openAt(app: Page, address: string): Promise<BrowserPage> {
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo(address);
  await ui.waitForFolder(address);
  return ui;
}

test('a delete names the items; its success toast fades by itself and a failure stays in the activity list', async ({ app, s3, s3Proxy }) => {
  s3.seed('ops', [
    ['projects/a.txt', '12345'],
    ['projects/b/c.txt', '123'],
    ['one.txt', '1'],
    ['two.txt', '22'],
    ['locked.txt', 'x'],
  ]);
  const ui = await openAt(app, 's3://ops/');
  await ui.row('projects/').click();
  await expect(ui.row('projects/').getByTestId('row-size')).toHaveText('—');
  await expect(app.getByTestId('status-selected')).toHaveText('1 selected (—)');
  await ui.row('one.txt').click({ modifiers: ['ControlOrMeta'] });
  await ui.row('two.txt').click({ modifiers: ['ControlOrMeta'] });
  await app.keyboard.press('Delete');
  await expect(app.getByTestId('ops-confirm-title')).toHaveText('Delete “projects” and 2 other items (4 objects, 11 B)?');
  await app.getByTestId('ops-confirm-ok').click();
  const toast = app.getByTestId('ops-run');
  await expect(toast).toHaveAttribute('data-status', 'done');
  // Nobody dismisses it: it goes by itself (SUCCESS_TOAST_MS, 4 s), and stays listed as a result.
  await expect(toast).toHaveCount(0, { timeout: 10_000 });

  s3Proxy.addRule((w) => {
    if (w.operation === 'DeleteObjects') return { kind: 'delete-errors', fails: (key) => key === 'locked.txt', code: 'AccessDenied' };
    if (w.operation === 'DeleteObject') return { kind: 'status', status: 403, code: 'AccessDenied', message: 'Access Denied' };
    return undefined;
  });
  await ui.row('locked.txt').click();
  await app.keyboard.press('Delete');
  await expect(app.getByTestId('ops-confirm-title')).toHaveText('Delete “locked.txt” (1 object, 1 B)?');
  await app.getByTestId('ops-confirm-ok').click();
  await expect(toast).toHaveAttribute('data-status', /failed|partial/);
  await expect(app.getByTestId('activity-badge')).toHaveText('1');
  await toast.getByTestId('ops-run-dismiss').click();
  await expect(toast).toHaveCount(0);

  await app.getByTestId('activity-button').click();
  const panel = app.getByTestId('activity-panel');
  await expect(panel).toBeVisible();
  const entries = panel.getByTestId('activity-entry');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toHaveAttribute('data-outcome', 'failure');
  await expect(entries.nth(0)).toContainText('locked.txt: ');
  await expect(entries.nth(1)).toHaveAttribute('data-outcome', 'success');
  await expect(entries.nth(1)).toContainText('4 of 4 done');
  await expect(app.getByTestId('activity-badge')).toHaveCount(0);
  await app.keyboard.press('Escape');
  await expect(panel).toBeHidden();
});

test('a file drag highlights the folder row or the table and says where it uploads', async ({ app, s3 }) => {
  s3.seed('inbox', [['photos/a.jpg', 'x'], ['notes.txt', 'n']]);
  const ui = await openAt(app, 's3://inbox/');
  const dataTransfer = await app.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['hi'], 'dropped.txt', { type: 'text/plain' }));
    return dt;
  });
  await ui.row('photos/').dispatchEvent('dragover', { dataTransfer });
  await expect(app.getByTestId('drop-banner')).toHaveText('Drop to upload to s3://inbox/photos/');
  await expect(ui.row('photos/')).toHaveAttribute('data-drop-target', '');
  await ui.row('notes.txt').dispatchEvent('dragover', { dataTransfer });
  await expect(app.getByTestId('drop-banner')).toHaveText('Drop to upload to s3://inbox/');
  await expect(ui.row('photos/')).not.toHaveAttribute('data-drop-target', '');
  await ui.tableBody.dispatchEvent('dragleave', { dataTransfer });
  await expect(app.getByTestId('drop-banner')).toHaveCount(0);
});

test('an empty folder offers Upload; a bucket that does not exist disables it with a reason', async ({ app, s3 }) => {
  s3.seed('inbox', [['empty/', '']]);
  const ui = await openAt(app, 's3://inbox/empty/');
  await expect(app.getByTestId('empty-hint')).toHaveText('Drop files here to upload them, or');
  await expect(app.getByTestId('empty-upload')).toBeEnabled();
  await expect(app.getByTestId('upload-files-button')).toBeEnabled();

  await ui.goTo('s3://no-such-bucket-here/');
  await expect(ui.errorState).toBeVisible();
  await expect(app.getByTestId('upload-files-button')).toBeDisabled();
  await app.getByTestId('upload-files-button').hover();
  await expect(app.getByTestId('tooltip-upload-files')).toContainText('could not be opened');
});

test('Info calculates a folder’s size with one recursive listing and shows its request count', async ({ app, s3, s3Proxy }) => {
  const objects: Array<[string, string]> = [['big/', '']];
  for (let i = 0; i < 1_500; i++) objects.push([`big/${i % 3 === 0 ? 'deep/' : ''}f${i}.txt`, 'x'.repeat(i % 7)]);
  s3.seed('sizes', objects);
  const bytes = objects.reduce((sum, [, body]) => sum + body.length, 0);
  const ui = await openAt(app, 's3://sizes/');
  await ui.row('big/').click();
  await app.keyboard.press('ControlOrMeta+i');
  const info = app.getByTestId('info-panel');
  await expect(info).toBeVisible();
  s3Proxy.reset();
  await info.getByTestId('info-calculate-size').click();
  await expect(info.getByTestId('info-folder-objects')).toHaveText('1,500 objects');
  await expect(info.getByTestId('info-folder-bytes')).toContainText(`(${bytes.toLocaleString('en-US')} bytes)`);
  // 1,500 keys plus the marker: two pages of ListObjectsV2, counted on the wire and shown as the cost.
  expect(s3Proxy.count('ListObjectsV2')).toBe(2);
  await expect(info.getByTestId('info-folder-requests')).toHaveText('2 list requests');
});
