/**
 * Electron entry: single-instance lock, one hardened window, IPC wiring. Everything else lives in headless
 * modules (main/core/create-core.ts and below) that tests run without Electron.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { app, BrowserWindow, session, shell } from 'electron';
import type { CommandId } from '../shared/commands';
import { ok } from '../shared/errors';
import { fireAndForget } from '../shared/fire-and-forget';
import { APP_PAGE_URL, createAppProtocolHandler } from './app-protocol/app-protocol';
import { addDemoConnection } from './demo-connection';
import { windowIcon } from './electron/app-icon';
import { registerPrivilegedSchemes, serveAppFiles } from './electron/app-protocol';
import { electronDesktop } from './electron/desktop';
import { electronDialogs } from './electron/dialogs';
import { electronDrag } from './electron/drag';
import { dragStreamThreshold, serveDragStreams } from './electron/drag-protocol';
import { serveMedia } from './electron/media-protocol';
import { installAppMenu } from './electron/menu';
import { openInBrowser } from './electron/open-url';
import { safeStorageSecretBox } from './electron/safe-storage';
import { createCore } from './core/create-core';
import { registerIpc, webContentsSink } from './ipc/register';
import { createDragStreamHandler } from './transfers/drag-stream';
import { sweepStaleTempDirs } from './transfers/temp-sweep';
import { CONTENT_SECURITY_POLICY, isAppUrl } from './security';

const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
/** Served as app://s3desk/ (see main/app-protocol/). */
const rendererDir = join(import.meta.dirname, '../renderer');
/** The only page allowed to load in the window and to call IPC. */
const appUrl = devServerUrl ?? APP_PAGE_URL;
let mainWindow: BrowserWindow | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'S3 Desk',
    icon: windowIcon(process.platform),
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click (auxclick) on a link would ask for a new window; the open handler denies it anyway.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  // No new windows and no navigation away from the app; http(s) links open in the user's browser.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) fireAndForget(shell.openExternal(url), 'open link');
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  fireAndForget(win.loadURL(appUrl), 'load window');
  return win;
}

// Schemes must be registered before 'ready'.
registerPrivilegedSchemes();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  fireAndForget(app.whenReady().then(() => {
    // Clicks arrive before the core exists only in theory (the menu is up before the window); drop those.
    const menuClicks: { to?: (id: CommandId) => void } = {};
    const menu = installAppMenu(devServerUrl !== undefined, (id) => menuClicks.to?.(id));
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
      callback(permission === 'clipboard-sanitized-write' || permission === 'notifications'),
    );
    const desktop = electronDesktop();
    const core = createCore({
      events: webContentsSink(() => mainWindow?.webContents),
      transfers: {
        dialogs: electronDialogs(() => mainWindow),
        drag: electronDrag(() => mainWindow?.webContents),
        desktop,
        dragStreamAboveBytes: dragStreamThreshold(process.platform),
      },
      userDataDir: app.getPath('userData'),
      downloadsDir: app.getPath('downloads'),
      secretBox: safeStorageSecretBox(),
      openUrl: openInBrowser,
      menu,
      openEdit: { port: desktop },
    });
    menuClicks.to = (id) => core.menu.command(id);
    // `npm run demo` only: a development build connects to the demo's local S3 server. Session-only (the
    // registry, not the settings file): the demo server's port changes every run and must not pile up there.
    if (!app.isPackaged)
      fireAndForget(addDemoConnection(process.env, async (input) => ok(core.context.connections.add(input)), console.warn), 'demo connection');
    serveDragStreams(session.defaultSession, createDragStreamHandler(core.transfers));
    serveMedia(session.defaultSession, core.previews.mediaHandler());
    serveAppFiles(session.defaultSession, createAppProtocolHandler(rendererDir));
    // Temp files (staged drags, streamed uploads) of an S3 Desk that crashed: its quit cleanup never ran.
    void sweepStaleTempDirs(tmpdir()).catch((error: unknown) => console.warn('temp sweep:', error));
    registerIpc(core.handlers, (event) => event.senderFrame !== null && isAppUrl(event.senderFrame.url, appUrl));
    mainWindow = createWindow();
    mainWindow.on('closed', () => (mainWindow = undefined));
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
    });
    // Cancel transfers and delete temp files (staged drags, streamed uploads) before exiting.
    let disposed = false;
    app.on('will-quit', (event) => {
      if (disposed) return;
      event.preventDefault();
      // Bounded: a stalled transfer must not keep the app from quitting.
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000));
      fireAndForget(Promise.race([core.dispose(), timeout]).finally(() => {
        disposed = true;
        app.quit();
      }), 'dispose on quit');
    });
  }), 'startup');

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
