/**
 * The real app in the real Electron: launched with Playwright's _electron where an Electron binary is
 * installed (npm ci without ELECTRON_SKIP_BINARY_DOWNLOAD) and a display exists; skipped otherwise.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { API_METHODS, EVENT_SUBSCRIPTIONS } from '../shared/ipc';
import { PRELOAD_EXTRAS } from '../shared/transfers';

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

test('the app opens one hardened window whose page sees only the named API', async () => {
  test.skip('skip' in found, 'skip' in found ? found.skip : '');
  if (!('path' in found)) return;
  expect(existsSync(MAIN_ENTRY), `${MAIN_ENTRY} is missing: run \`npm run build\` first`).toBe(true);

  const app = await electron.launch({
    executablePath: found.path,
    // Chromium refuses to run as root with its OS sandbox; CI containers run as root. The renderer's
    // `sandbox: true` web preference (what this spec checks) is unaffected.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), MAIN_ENTRY],
  });
  try {
    const win = await app.firstWindow();
    await expect(win.getByTestId('app')).toBeVisible();

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
    expect(page.protocol).toBe('file:');

    // window.open is denied by the window-open handler (about:blank, so nothing is handed to the OS browser).
    expect(await win.evaluate(() => window.open('about:blank') === null)).toBe(true);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  } finally {
    await app.close();
  }
});
