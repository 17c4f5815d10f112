/**
 * The real app in the real Electron: launched with Playwright's _electron where an Electron binary is
 * installed (npm ci without ELECTRON_SKIP_BINARY_DOWNLOAD) and a display exists; skipped otherwise.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, type ElectronApplication, expect, type Page, test } from '@playwright/test';
import { DEMO_CONNECTION_ENV } from '../main/demo-connection';
import { API_METHODS, type ConnectionInput, EVENT_SUBSCRIPTIONS } from '../shared/ipc';
import { dragStreamUrl } from '../shared/drag-stream';
import { PRELOAD_EXTRAS } from '../shared/transfers';
import { folderSnapshot, installDragRecorder, recordedDrags, sha256 } from '../testkit/electron-drag-recorder';
import { BrowserPage } from './pages/browser-page';
import { startS3Server, TEST_CREDENTIALS } from '../testkit/s3-server';

const MAIN_ENTRY = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'index.js');

/** The Electron executable, or why this machine cannot run it. */
function findElectron(): { readonly path: string } | { readonly skip: string } {
  let path: string;
  try {
    // The electron package exports the binary's path and throws when the binary was never downloaded.
    path = createRequire(import.meta.url)('electron') as string;
  } catch {
    return { skip: 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); the Chromium harness specs cover the renderer' };
  }
  if (!existsSync(path)) return { skip: `Electron binary missing at ${path}` };
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    return { skip: 'no display for Electron (run under xvfb-run to include this spec)' };
  }
  return { path };
}

const found = findElectron();

interface RunningApp {
  readonly app: ElectronApplication;
  readonly window: Page;
  /** Quit the app (its will-quit cleanup runs to the end: Playwright waits for the process to exit) and remove
   *  the launch's userData folder. */
  close(): Promise<void>;
}

/** The test process's environment as Playwright's `env` option takes it (it replaces, not extends). */
function inheritedEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
}

/**
 * Launch the built app (out/main) with its own temporary userData folder. Electron honours an absolute
 * `--user-data-dir=…` (its startup sets app.getPath('userData') from it before the app's code runs), so parallel
 * launches and a developer's own S3 Desk never share the settings file or the single-instance lock (which is per
 * userData folder: two launches on the default one would make the second quit at once).
 */
async function launchApp(executablePath: string, env: Readonly<Record<string, string>> = {}): Promise<RunningApp> {
  expect(existsSync(MAIN_ENTRY), `${MAIN_ENTRY} is missing: run \`npm run build\` first`).toBe(true);
  const userDataDir = resolve(await mkdtemp(join(os.tmpdir(), 's3desk-e2e-userdata-')));
  const app = await electron
    .launch({
      executablePath,
      // Chromium refuses to run as root with its OS sandbox; CI containers run as root. The renderer's
      // `sandbox: true` web preference (what the first test checks) is unaffected.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), `--user-data-dir=${userDataDir}`, MAIN_ENTRY],
      env: { ...inheritedEnv(), ...env },
    })
    .catch(async (error: unknown) => {
      await rm(userDataDir, { recursive: true, force: true });
      throw error;
    });
  const close = async () => {
    try {
      await app.close();
    } finally {
      await rm(userDataDir, { recursive: true, force: true });
    }
  };
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('app')).toBeVisible();
    // The isolation is real (compared by realpath: a temp folder may sit behind a symlink, e.g. macOS's /var).
    const userData = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'));
    expect(realpathSync(userData)).toBe(realpathSync(userDataDir));
    // The window is created hidden and shown on ready-to-show; input goes to a shown window, as a user's does.
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible() ?? false)).toBe(true);
    return { app, window, close };
  } catch (error) {
    await close();
    throw error;
  }
}

test('the app opens one hardened window whose page sees only the named API', async () => {
  test.skip('skip' in found, 'skip' in found ? found.skip : '');
  if (!('path' in found)) return;

  const { app, window: win, close } = await launchApp(found.path);
  try {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const windows = BrowserWindow.getAllWindows();
      // Electron's own (undocumented, untyped) accessor for the preferences a WebContents was created with.
      const contents = windows[0]?.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> | null };
      if (typeof contents?.getLastWebPreferences !== 'function') throw new Error('webContents.getLastWebPreferences is gone: update this spec');
      const p = contents.getLastWebPreferences();
      return {
        windows: windows.length,
        contextIsolation: p?.contextIsolation,
        sandbox: p?.sandbox,
        nodeIntegration: p?.nodeIntegration,
        nodeIntegrationInWorker: p?.nodeIntegrationInWorker,
        webSecurity: p?.webSecurity,
      };
    });
    expect(prefs).toEqual({
      windows: 1,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
    });

    const page = await win.evaluate(() => {
      const scope = window as unknown as Record<string, unknown>;
      const api = scope['s3desk'] as Record<string, unknown>;
      return {
        keys: Object.keys(api).sort(),
        kinds: [...new Set(Object.values(api).map((v) => typeof v))],
        node: [typeof scope['require'], typeof scope['process'], typeof scope['ipcRenderer']],
        protocol: location.protocol,
      };
    });
    expect(page.keys).toEqual([...Object.keys(API_METHODS), ...Object.keys(EVENT_SUBSCRIPTIONS), ...PRELOAD_EXTRAS].sort());
    expect(page.keys).not.toContain('invoke');
    expect(page.kinds).toEqual(['function']);
    expect(page.node).toEqual(['undefined', 'undefined', 'undefined']);
    expect(page.protocol).toBe('app:');

    // window.open is denied by the window-open handler (about:blank, so nothing is handed to the OS browser).
    expect(await win.evaluate(() => window.open('about:blank') === null)).toBe(true);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  } finally {
    await close();
  }
});

test('a drag out of the real window hands webContents.startDrag complete, verified files and nothing else', async () => {
  test.skip('skip' in found, 'skip' in found ? found.skip : '');
  if (!('path' in found)) return;

  const bucket = 'drag-out';
  const objects: Array<[key: string, body: Buffer]> = [
    // Random bytes, so a truncated, shifted or mixed-up copy shows in the sha256; past the download engine's
    // 16 MiB part size, so staging in the real app takes the parallel ranged-GET path (a full part and a tail).
    ['big.bin', randomBytes(17 * 1024 * 1024 + 17)],
    ['album/cover.jpg', randomBytes(64 * 1024 + 3)],
    ['album/2024/notes.txt', Buffer.from('in a sub-folder')],
    ['left-out.txt', Buffer.from('not selected, so not staged')],
  ];
  const seeded = new Map(objects);
  const shaOf = (key: string) => sha256(seeded.get(key)!);
  // The stage folder must hold exactly the selection: the file, and the folder with its structure.
  const expected: Record<string, string> = {
    'album/': 'dir',
    'album/2024/': 'dir',
    'album/2024/notes.txt': shaOf('album/2024/notes.txt'),
    'album/cover.jpg': shaOf('album/cover.jpg'),
    'big.bin': shaOf('big.bin'),
  };

  const server = await startS3Server();
  try {
    server.seed(bucket, objects);
    const connection: ConnectionInput = {
      name: 'Electron e2e (fauxqs)',
      endpoint: server.url,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: TEST_CREDENTIALS,
    };
    // An unpackaged build adds this connection on startup (main/demo-connection.ts), session-only.
    const { app, window, close } = await launchApp(found.path, { [DEMO_CONNECTION_ENV]: JSON.stringify(connection) });
    let stageDir = '';
    try {
      // The OS drag is replaced by a recorder that snapshots the handed folder inside the call: what it records
      // existed at the moment of the handover.
      await app.evaluate(installDragRecorder);

      const ui = new BrowserPage(window);
      await ui.openConnection(connection.name);
      await ui.bucket(bucket).click();
      await ui.waitForFolder(`s3://${bucket}/`);
      await ui.selectRows('big.bin', 'album/');
      expect((await ui.selectedKeys()).sort()).toEqual(['album/', 'big.bin']);
      await ui.dragRowOut('big.bin');

      await expect.poll(async () => (await app.evaluate(recordedDrags)).length).toBe(1);
      const [drag] = await app.evaluate(recordedDrags);
      expect(drag!.error).toBeUndefined();
      expect(drag!.iconEmpty).toBe(false); // macOS refuses a drag without an image
      expect(drag!.file).toBe(drag!.files[0]);
      // The top-level names of the selection, side by side in one fresh stage folder.
      expect(drag!.files.map((f) => basename(f)).sort()).toEqual(['album', 'big.bin']);
      const folders = Object.keys(drag!.atHandover);
      expect(folders).toHaveLength(1);
      stageDir = folders[0]!;
      // At the handover: every byte of every file, the sub-folder structure, and no part file or other leftover.
      expect(drag!.atHandover[stageDir]).toEqual(expected);
      // And in this process, reading the disk itself (the files outlive the drag by a grace period).
      expect(await folderSnapshot(stageDir)).toEqual(expected);
    } finally {
      await close();
    }
    // Quitting removes staged files (main/index.ts disposes the core on will-quit; close() waits for the exit).
    expect(existsSync(stageDir)).toBe(false);
  } finally {
    await server.close();
  }
});

test('the app protocol behind DownloadURL drag-outs serves a listed object complete, on every OS', async () => {
  test.skip('skip' in found, 'skip' in found ? found.skip : '');
  if (!('path' in found)) return;

  const bucket = 'drag-stream';
  const body = randomBytes(3 * 1024 * 1024 + 7);
  const server = await startS3Server();
  try {
    server.seed(bucket, [['video/clip.mp4', body]]);
    const connection: ConnectionInput = {
      name: 'Electron e2e DownloadURL (fauxqs)',
      endpoint: server.url,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: TEST_CREDENTIALS,
    };
    const { app, window, close } = await launchApp(found.path, { [DEMO_CONNECTION_ENV]: JSON.stringify(connection) });
    try {
      const ui = new BrowserPage(window);
      await ui.openConnection(connection.name);
      await ui.bucket(bucket).click();
      await ui.waitForFolder(`s3://${bucket}/`);
      await ui.row('video/').dblclick();
      await ui.waitForFolder(`s3://${bucket}/video/`);

      // Which drags stream is main's per-OS choice: only Windows and macOS Chromium turn DownloadURL into a file.
      const options = await window.evaluate(() => (window as unknown as { s3desk: { dragOptions(r: object): Promise<unknown> } }).s3desk.dragOptions({}));
      const streams = process.platform === 'win32' || process.platform === 'darwin';
      expect(options).toEqual({ ok: true, value: { streamAboveBytes: streams ? 64 * 1024 * 1024 : null, stageLimitBytes: 512 * 1024 * 1024 } });

      // What Chromium requests after a drop, through the session's own network stack and the registered scheme.
      const connections = await window.evaluate(() =>
        (window as unknown as { s3desk: { listConnections(r: object): Promise<{ ok: boolean; value: Array<{ id: string; name: string }> }> } }).s3desk.listConnections({}),
      );
      const connectionId = connections.value.find((c) => c.name === connection.name)!.id;
      const address = dragStreamUrl({ connectionId, bucket, key: 'video/clip.mp4' });
      const fetched = await app.evaluate(async ({ session }, url) => {
        const response = await session.defaultSession.fetch(url);
        return { status: response.status, body: Buffer.from(await response.arrayBuffer()).toString('base64') };
      }, address);
      expect(fetched.status).toBe(200);
      expect(sha256(Buffer.from(fetched.body, 'base64'))).toBe(sha256(body));
      // The fetch ran as a transfer the panel shows.
      await expect(window.locator('[data-testid="transfer-row"][data-state="done"]')).toHaveCount(1);
    } finally {
      await close();
    }
  } finally {
    await server.close();
  }
});
