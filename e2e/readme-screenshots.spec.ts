/**
 * The README's screenshot set: the folder view in light, in dark and in a narrow 800×600 window, and the start
 * screen in light. Every run writes them to e2e/artifacts/screenshots/; with S3DESK_UPDATE_README_SCREENSHOT=1
 * they also replace the committed copies in e2e/screenshots/ (so ordinary runs leave the checkout clean).
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../testkit/app-fixture';
import { BrowserPage, README_SCREENSHOT_DIR } from './pages/browser-page';

const CONNECTION = 'Local fauxqs';
const UPDATE = Boolean(process.env['S3DESK_UPDATE_README_SCREENSHOT']);

async function shoot(ui: BrowserPage, name: string): Promise<void> {
  await ui.screenshot(name, UPDATE ? join(README_SCREENSHOT_DIR, `${name}.png`) : undefined);
}

/** A photo folder with a few subfolders and files of several types, four rows selected, Info open. */
async function openFolder(app: Page, seed: (bucket: string, objects: Iterable<[string, string | Buffer]>) => Promise<void>): Promise<BrowserPage> {
  await seed('photos', [
    ['2026/albums/.keep', ''],
    ['2026/raw/.keep', ''],
    ['2026/exports/.keep', ''],
    ['2026/captions.csv', 'file,caption\n'],
    ['2026/notes.md', '# Notes\n'],
    ['2026/trip.mp4', Buffer.alloc(180_000)],
    ['2026/backup.zip', Buffer.alloc(64_000)],
    ...Array.from({ length: 40 }, (_, i): [string, Buffer] => [`2026/IMG_${String(4100 + i)}.jpg`, Buffer.alloc(1000 + ((i * 7919) % 90_000))]),
  ]);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo('s3://photos/2026/');
  await ui.waitForFolder('s3://photos/2026/');
  await ui.row('2026/IMG_4106.jpg').click();
  await app.keyboard.press('ControlOrMeta+i');
  await expect(app.getByTestId('info-panel')).toBeVisible();
  await ui.row('2026/IMG_4103.jpg').click({ modifiers: ['Shift'] });
  await expect(app.getByTestId('status-selected')).toContainText('4 selected');
  return ui;
}

test('screenshot: the start screen, light', async ({ app }) => {
  await app.emulateMedia({ colorScheme: 'light' });
  const ui = new BrowserPage(app);
  await expect(app.getByTestId('start-screen')).toBeVisible();
  await shoot(ui, 'start-light');
});

for (const shot of [
  { name: 'folder-light', scheme: 'light', size: null },
  { name: 'folder-dark', scheme: 'dark', size: null },
  { name: 'folder-narrow', scheme: 'light', size: { width: 800, height: 600 } },
] as const) {
  test(`screenshot: the folder view, ${shot.name.replace('folder-', '')}`, async ({ app, lane }) => {
    await app.emulateMedia({ colorScheme: shot.scheme });
    if (shot.size) await app.setViewportSize(shot.size);
    const ui = await openFolder(app, (bucket, objects) => lane.seed(bucket, objects));
    await shoot(ui, shot.name);
  });
}
