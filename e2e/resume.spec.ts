/**
 * Transfers that survive a restart, in real Chromium over the real core: a core on a user-data folder is quit
 * (disposed) mid-download, a new core on the same folder serves the page, the page's notice offers the
 * unfinished download, and Resume all completes it from what the first core kept (sha256 equal, only the
 * missing ranges fetched, counted at the proxy). On fauxqs and Ceph RGW.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../main/core/create-core';
import { SHARED_TEST_SECRET_BOX } from '../main/transfers/journal/shared-test-secret-box';
import { expect, test as base } from '../testkit/app-fixture';
import { unwrap } from '../testkit/core-fixture';
import { BrowserPage } from './pages/browser-page';

const MiB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const SIZE = 24 * MiB;
const QUIT_AT = 12 * MiB;
const TUNING = { download: { partSize: 4 * MiB, partConcurrency: 2, maxRetries: 2, retryBaseMs: 5 }, throttleMs: 50 };

interface Restart {
  readonly body: Buffer;
  readonly destination: string;
}

const test = base.extend<{ restart: Restart }>({
  restart: async ({}, use) => {
    await use({ body: randomBytes(SIZE), destination: await mkdtemp(path.join(os.tmpdir(), 's3desk-e2e-resume-')) });
  },
  // The page's core is the one after the restart; before it, another core on the same folder ran and quit.
  core: async ({ lane, s3Proxy, bridgeEvents, restart }, use) => {
    const userDataDir = await mkdtemp(path.join(os.tmpdir(), 's3desk-e2e-userdata-'));
    await lane.seed('media', [['film.bin', restart.body]]);
    const before = createCore({ userDataDir, secretBox: SHARED_TEST_SECRET_BOX, transfers: TUNING });
    const connectionId = unwrap(
      await before.handlers['connections:add']({ name: 'Before restart', endpoint: s3Proxy.url, region: lane.region, forcePathStyle: true, credentials: { ...lane.credentials } }),
    ).id;
    // Ranges past the quit point wait on the wire, so the quit lands mid-download.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const unhold = s3Proxy.addRule((r) => (r.operation === 'GetObject' && Number(/^bytes=(\d+)/.exec(r.range ?? '')?.[1] ?? 0) >= QUIT_AT ? { kind: 'hold', until: held } : undefined));
    unwrap(await before.handlers['transfers:download']({ connectionId, bucket: 'media', items: [{ key: 'film.bin', kind: 'object' }], destination: restart.destination, conflict: 'overwrite' }));
    await expect.poll(() => before.transfers.list().totals.bytesTransferred).toBeGreaterThanOrEqual(QUIT_AT);
    await before.dispose();
    release();
    unhold();
    s3Proxy.reset();
    const after = createCore({ userDataDir, secretBox: SHARED_TEST_SECRET_BOX, transfers: TUNING, events: bridgeEvents.sink });
    await use(after);
    await after.dispose();
    await rm(userDataDir, { recursive: true, force: true });
    await rm(restart.destination, { recursive: true, force: true });
  },
});

test('a download quit midway is offered at the next start and resumes from the panel', async ({ app, s3Proxy, restart }) => {
  // The transfer dock lives in the browser view: open the bucket, as the user would.
  const ui = new BrowserPage(app);
  await ui.openConnection('Local fauxqs');
  await ui.goTo('s3://media/');
  const notice = app.getByTestId('unfinished-notice');
  await expect(notice).toBeVisible();
  await expect(app.getByTestId('unfinished-summary')).toContainText('1 transfer did not finish last time (film.bin)');
  await expect(app.getByTestId('unfinished-summary')).toContainText('12 MB already done is kept');
  await app.getByTestId('unfinished-resume-all').click();
  await expect(notice).toBeHidden();
  const row = app.getByTestId('transfer-row').filter({ hasText: 'film.bin' });
  await expect(row).toHaveAttribute('data-state', 'done');
  expect(sha(await readFile(path.join(restart.destination, 'film.bin')))).toBe(sha(restart.body));
  // Only the half that was not kept went over the wire again.
  const fetched = s3Proxy.log
    .filter((r) => r.operation === 'GetObject')
    .reduce((n, r) => {
      const m = /^bytes=(\d+)-(\d+)$/.exec(r.range ?? '');
      return n + (m ? Number(m[2]) - Number(m[1]) + 1 : 0);
    }, 0);
  expect(fetched).toBe(SIZE - QUIT_AT);
});
