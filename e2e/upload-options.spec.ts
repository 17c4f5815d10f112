/**
 * "Upload with options…" through the UI (issue 15), on Ceph RGW only (fauxqs keeps no tags or storage
 * classes): files picked in the (fake) native picker, their class, metadata and tags chosen in the form (bad
 * input refused as typed), kept as the connection's defaults; then a plain "Upload files…" uses those
 * defaults. Every object is read back on the server with the SDK directly (HeadObject, GetObjectTagging).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetObjectTaggingCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { expect, test } from '../testkit/app-fixture';
import { directClient } from '../testkit/s3-lane';
import { BrowserPage } from './pages/browser-page';

const CONNECTION = 'Local fauxqs';
/** What the fake native picker answers next. */
let nextPick: string[] = [];

test.skip(({ laneName }) => laneName !== 'rgw', 'tags and storage classes need Ceph RGW (fauxqs has none)');
test.use({
  coreOptions: {
    transfers: {
      dialogs: {
        pickFolder: async () => null,
        pickUploadPaths: async () => nextPick,
        notify: () => {},
      },
    },
  },
});

test('uploads with a class, metadata and tags chosen in the form; saved defaults apply to the next upload', async ({ app, lane }) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 's3desk-e2e-upopts-'));
  const s3 = directClient(lane);
  try {
    await writeFile(path.join(dir, 'notes.txt'), 'some notes');
    await writeFile(path.join(dir, 'chart.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await writeFile(path.join(dir, 'later.json'), '{}');
    await lane.createBucket('upopts');
    await lane.seed('upopts', [['in/.keep', '']]);
    const ui = new BrowserPage(app);
    /** The folder's background menu: a right-click below the last row (the table's box is read each time:
     *  the transfers panel takes room once it opens). */
    const backgroundMenu = async () => {
      const list = (await ui.tableBody.boundingBox())!;
      await app.mouse.click(list.x + list.width / 2, list.y + list.height - 10, { button: 'right' });
    };
    await ui.openConnection(CONNECTION);
    await ui.goTo('s3://upopts/in/');
    await ui.waitForFolder('s3://upopts/in/');

    // From the folder's background menu, as a user finds it.
    nextPick = [path.join(dir, 'notes.txt'), path.join(dir, 'chart.png')];
    await backgroundMenu();
    await app.getByTestId('ops-menu-upload-with-options').click();
    const dialog = app.getByTestId('upload-options');
    await expect(dialog).toContainText('Upload 2 files with options');
    await expect(dialog.getByTestId('upopts-files')).toHaveText('notes.txtchart.png');
    await expect(dialog.getByTestId('upopts-target')).toHaveText('s3://upopts/in/');

    await dialog.getByTestId('upopts-class').selectOption('STANDARD_IA');
    await dialog.getByTestId('upopts-metadata-add').click();
    await dialog.getByTestId('upopts-metadata-name').fill('Owner');
    await dialog.getByTestId('upopts-metadata-value').fill('ana');
    // Refused as typed, with the reason; Upload stays off.
    await expect(dialog.getByTestId('upopts-problems')).toContainText('lower case');
    await expect(dialog.getByTestId('upopts-upload')).toBeDisabled();
    await dialog.getByTestId('upopts-metadata-name').fill('owner');
    await expect(dialog.getByTestId('upopts-problems')).toHaveCount(0);
    await dialog.getByTestId('upopts-tags-add').click();
    await dialog.getByTestId('upopts-tags-name').fill('team');
    await dialog.getByTestId('upopts-tags-value').fill('blue');
    await dialog.getByTestId('upopts-save-defaults').check();
    await ui.screenshot('upload-options');
    await dialog.getByTestId('upopts-upload').click();
    await expect(dialog).toHaveCount(0);

    // The table re-lists through the one invalidation path and shows the class chosen.
    await expect(ui.row('in/notes.txt').locator('.col-class')).toHaveText('STANDARD_IA');
    await expect(ui.row('in/chart.png').locator('.col-class')).toHaveText('STANDARD_IA');
    const onServer = async (key: string) => {
      const head = await s3.send(new HeadObjectCommand({ Bucket: 'upopts', Key: key }));
      const tags = (await s3.send(new GetObjectTaggingCommand({ Bucket: 'upopts', Key: key }))).TagSet ?? [];
      return { storageClass: head.StorageClass, contentType: head.ContentType, metadata: head.Metadata, tags: tags.map((t) => `${t.Key}=${t.Value}`) };
    };
    expect(await onServer('in/notes.txt')).toEqual({ storageClass: 'STANDARD_IA', contentType: 'text/plain', metadata: { owner: 'ana' }, tags: ['team=blue'] });
    expect(await onServer('in/chart.png')).toEqual({ storageClass: 'STANDARD_IA', contentType: 'image/png', metadata: { owner: 'ana' }, tags: ['team=blue'] });

    // A plain upload now uses the connection's defaults.
    nextPick = [path.join(dir, 'later.json')];
    await app.getByTestId('upload-files-button').click();
    await expect(ui.row('in/later.json').locator('.col-class')).toHaveText('STANDARD_IA');
    expect(await onServer('in/later.json')).toEqual({ storageClass: 'STANDARD_IA', contentType: 'application/json', metadata: { owner: 'ana' }, tags: ['team=blue'] });

    // The next form opens on those defaults.
    nextPick = [path.join(dir, 'notes.txt')];
    await backgroundMenu();
    await app.getByTestId('ops-menu-upload-with-options').click();
    await expect(dialog.getByTestId('upopts-class')).toHaveValue('STANDARD_IA');
    await expect(dialog.getByTestId('upopts-tags-name')).toHaveValue('team');
    await dialog.getByTestId('upopts-cancel').click();
    await expect(dialog).toHaveCount(0);
  } finally {
    s3.destroy();
    await rm(dir, { recursive: true, force: true });
  }
});
