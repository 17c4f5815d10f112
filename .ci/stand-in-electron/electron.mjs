// A recording stand-in for Electron's main-process API. Every export is a proxy: property reads give more
// proxies, calls are recorded and return proxies, so main's start-up code runs to its end without a real app
// (app.whenReady() never resolves: nothing after 'ready' runs). At exit it prints one STAND-IN line (JSON).
import { performance } from 'node:perf_hooks';
import process from 'node:process';

const calls = [];
const schemes = [];
let importedAtMs;

function stand(path) {
  const fn = function () {};
  return new Proxy(fn, {
    get(_target, key) {
      if (typeof key === 'symbol') return undefined;
      if (key === 'then') return undefined; // not a promise: await/then must not treat it as one
      if (key === 'isPackaged') return true;
      if (key === 'platform') return process.platform;
      return stand(`${path}.${key}`);
    },
    apply(_target, _this, args) {
      importedAtMs ??= performance.now();
      calls.push(path);
      if (path === 'electron.protocol.registerSchemesAsPrivileged') for (const s of args[0] ?? []) schemes.push(s.scheme);
      if (path === 'electron.app.whenReady') return { then: () => undefined, catch: () => undefined };
      return stand(`${path}()`);
    },
    construct() {
      calls.push(`new ${path}`);
      return stand(`new ${path}`);
    },
  });
}

process.on('exit', () => {
  process.stdout.write(`STAND-IN ${JSON.stringify({ calls, schemes, importedAtMs })}\n`);
});

const names = [
  'app', 'autoUpdater', 'BaseWindow', 'BrowserView', 'BrowserWindow', 'clipboard', 'contentTracing', 'crashReporter',
  'desktopCapturer', 'dialog', 'globalShortcut', 'inAppPurchase', 'ipcMain', 'Menu', 'MenuItem', 'MessageChannelMain',
  'nativeImage', 'nativeTheme', 'net', 'netLog', 'Notification', 'powerMonitor', 'powerSaveBlocker', 'protocol',
  'pushNotifications', 'safeStorage', 'screen', 'session', 'shell', 'systemPreferences', 'TouchBar', 'Tray',
  'utilityProcess', 'webContents', 'WebContentsView', 'webFrameMain',
];
const api = Object.fromEntries(names.map((n) => [n, stand(`electron.${n}`)]));
export default api;
export const {
  app, autoUpdater, BaseWindow, BrowserView, BrowserWindow, clipboard, contentTracing, crashReporter,
  desktopCapturer, dialog, globalShortcut, inAppPurchase, ipcMain, Menu, MenuItem, MessageChannelMain,
  nativeImage, nativeTheme, net, netLog, Notification, powerMonitor, powerSaveBlocker, protocol,
  pushNotifications, safeStorage, screen, session, shell, systemPreferences, TouchBar, Tray,
  utilityProcess, webContents, WebContentsView, webFrameMain,
} = api;
