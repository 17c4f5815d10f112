/**
 * An upload quit midway, resumed from the page after a restart, on fauxqs and Ceph RGW: a core on a user-data
 * folder uploads a 20 MiB file in 5 MiB parts (RGW's smallest allowed part) while parts 3 and 4 wait on the
 * wire, and is quit (disposed) with two parts up; a new core on the same folder serves the page, whose notice
 * offers the upload, and Resume all completes it: the same multipart upload (no new CreateMultipartUpload, one
 * ListParts), at most the two missing parts sent, the object's bytes equal to the file's.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../main/core/create-core';
import { SHARED_TEST_SECRET_BOX } from '../main/transfers/journal/shared-test-secret-box';
import { expect, test as base } from '../testkit/app-fixture';
import { unwrap } from '../testkit/core-fixture';
import { BrowserPage } from './pages/browser-page';

const MiB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const SIZE = 20 * MiB;
const TUNING = { upload: { partSize: 5 * MiB, partConcurrency: 2 }, throttleMs: 50 };

interface Restart {
  readonly body: Buffer;
  readonly source: string;
}

const test = base.extend<{ restart: Restart }>({
  restart: async ({}, use) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 's3desk-e2e-resume-up-'));
    const body = randomBytes(SIZE);
    await writeFile(path.join(dir, 'master.mov'), body);
    await use({ body, source: path.join(dir, 'master.mov') });
    await rm(dir, { recursive: true, force: true });
  },
  core: async ({ lane, s3Proxy, bridgeEvents, restart }, use) => {
    const userDataDir = await mkdtemp(path.join(os.tmpdir(), 's3desk-e2e-userdata-'));
    await lane.seed('media', [['readme.txt', 'hello']]);
    const before = createCore({ userDataDir, secretBox: SHARED_TEST_SECRET_BOX, transfers: TUNING });
    const connectionId = unwrap(
      await before.handlers['connections:add']({ name: 'Before restart', endpoint: s3Proxy.url, region: lane.region, forcePathStyle: true, credentials: { ...lane.credentials } }),
    ).id;
    // Parts 3 and 4 wait on the wire, so the quit lands with exactly two parts up.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const unhold = s3Proxy.addRule((r) => (r.operation === 'UploadPart' && Number(r.query.get('partNumber')) >= 3 ? { kind: 'hold', until: held } : undefined));
    unwrap(await before.handlers['transfers:upload']({ connectionId, bucket: 'media', prefix: '', paths: [restart.source], conflict: 'overwrite' }));
    await expect.poll(() => before.transfers.list().totals.bytesTransferred).toBeGreaterThanOrEqual(10 * MiB);
    await before.dispose();
    release();
    unhold();
    s3Proxy.reset();
    const after = createCore({ userDataDir, secretBox: SHARED_TEST_SECRET_BOX, transfers: TUNING, events: bridgeEvents.sink });
    await use(after);
    await after.dispose();
    await rm(userDataDir, { recursive: true, force: true });
  },
});

test('an upload quit midway is offered at the next start and resumes from the panel with its parts', async ({ app, lane, s3Proxy, restart }) => {
  const ui = new BrowserPage(app);
  await ui.openConnection('Local fauxqs');
  await ui.goTo('s3://media/');
  await expect(app.getByTestId('unfinished-summary')).toContainText('1 transfer did not finish last time (master.mov)');
  await app.getByTestId('unfinished-resume-all').click();
  await expect(app.getByTestId('unfinished-notice')).toBeHidden();
  await expect(app.getByTestId('transfer-row').filter({ hasText: 'master.mov' })).toHaveAttribute('data-state', 'done');
  expect(sha(await lane.body('media', 'master.mov'))).toBe(sha(restart.body));
  // The same multipart upload went on: its parts listed once, at most the two missing ones sent.
  expect(s3Proxy.count('CreateMultipartUpload')).toBe(0);
  expect(s3Proxy.count('ListParts')).toBe(1);
  expect(s3Proxy.count('UploadPart')).toBeLessThanOrEqual(2);
  expect(s3Proxy.count('CompleteMultipartUpload')).toBe(1);
});
