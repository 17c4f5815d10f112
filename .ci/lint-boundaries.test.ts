/**
 * Lints small snippets under fake paths with the project's real eslint.config.js and asserts the process
 * boundary and layer rules fire (and stay quiet where the code is allowed), so a config edit cannot silently
 * disable them. The type-aware promise rules are checked the same way, on snippets placed at real files.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const BOUNDARY_RULES = ['no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals'];
const PROMISE_RULES = ['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises'];
let eslint: ESLint;
let typed: ESLint;

beforeAll(() => {
  // The fake paths belong to no tsconfig, so this instance lints them without type information.
  eslint = new ESLint({
    cwd: root,
    overrideConfigFile: `${root}/eslint.config.js`,
    overrideConfig: { files: ['**/*.{ts,tsx}'], languageOptions: { parserOptions: { projectService: false } }, rules: Object.fromEntries(PROMISE_RULES.map((r) => [r, 'off'])) },
  });
  typed = new ESLint({ cwd: root, overrideConfigFile: `${root}/eslint.config.js` });
});

/** The messages of `rules` (a rule id or its plugin prefix) for `code` placed at `path` (relative to the repo root). */
async function errorsOf(linter: ESLint, rules: string[], path: string, code: string): Promise<string[]> {
  const [result] = await linter.lintText(`${code}\nexport {};\n`, { filePath: `${root}/${path}` });
  if (!result) throw new Error('no lint result');
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`snippet did not parse: ${fatal[0]?.message}`);
  return result.messages
    .filter((m) => rules.some((r) => m.ruleId === r || (r.endsWith('/') && m.ruleId?.startsWith(r))))
    .map((m) => `${m.ruleId}: ${m.message}`);
}

const boundaryErrors = (path: string, code: string) => errorsOf(eslint, BOUNDARY_RULES, path, code);
const layerErrors = (path: string, code: string) => errorsOf(eslint, ['layers/'], path, code);
const promiseErrors = (path: string, code: string) => errorsOf(typed, PROMISE_RULES, path, code);

const violations: Array<[path: string, code: string]> = [
  // shared/: pure TypeScript
  ['shared/fake.ts', "import { app } from 'electron';"],
  ['shared/fake.ts', "import { readFile } from 'node:fs/promises';"],
  ['shared/fake.ts', "import { join } from 'path';"],
  ['shared/fake.ts', "import type { Readable } from 'stream';"],
  ['shared/fake.ts', "import { useState } from 'react';"],
  ['shared/fake.ts', "import { createRoot } from 'react-dom/client';"],
  ['shared/fake.ts', "import { create } from 'zustand';"],
  ['shared/fake.ts', "import { S3Client } from '@aws-sdk/client-s3';"],
  ['shared/fake.ts', "import { createCore } from '../main/core/create-core';"],
  ['shared/deep/fake.ts', "import { App } from '../../renderer/src/App';"],
  ['shared/fake.ts', "export { readFile } from 'fs';"],
  ['shared/fake.ts', "const fs = await import('node:fs');"],
  ['shared/fake.ts', "const e = require('electron');"],
  ['shared/fake.ts', 'const w = window.innerWidth;'],
  ['shared/fake.ts', "const el = document.getElementById('x');"],
  ['shared/fake.ts', 'const env = process.env;'],
  // renderer/: browser code behind the preload
  ['renderer/src/fake.ts', "import { ipcRenderer } from 'electron';"],
  ['renderer/src/features/browse/Fake.tsx', "import { readFileSync } from 'fs';"],
  ['renderer/src/lib/fake.ts', "import { tmpdir } from 'node:os';"],
  ['renderer/src/features/browse/fake.ts', "import { createCore } from '../../../../main/core/create-core';"],
  ['renderer/src/features/browse/fake.ts', "import type { CoreContext } from '../../../../main/ipc/context';"],
  ['renderer/src/fake.ts', "import { S3Client } from '@aws-sdk/client-s3';"],
  ['renderer/src/fake.ts', "const m = await import('electron');"],
  ['renderer/src/fake.ts', 'const cwd = process.cwd();'],
  // main/: electron only in the glue files, ipcMain / ipcRenderer each in exactly one
  ['main/s3/fake.ts', "import { app } from 'electron';"],
  ['main/ipc/channels/fake.ts', "import { dialog } from 'electron';"],
  ['main/cache/fake.ts', "const { shell } = await import('electron');"],
  ['main/ipc/fake.ts', "import { ipcMain } from 'electron';"],
  ['main/index.ts', "import { ipcMain } from 'electron';"],
  ['main/index.ts', "import * as electron from 'electron';"],
  ['main/electron/dialogs.ts', "import { ipcMain } from 'electron';"],
  ['main/electron/drag.ts', "import { ipcRenderer } from 'electron';"],
  ['main/preload.ts', "import { ipcMain } from 'electron';"],
  ['main/preload.ts', "import { readFileSync } from 'node:fs';"],
  ['main/ipc/register.ts', "import { ipcRenderer } from 'electron';"],
  ['main/ipc/register.ts', "import electron from 'electron'; electron.ipcRenderer.send('x');"],
  ['main/fake.ts', "import { App } from '../renderer/src/App';"],
];

const allowed: Array<[path: string, code: string]> = [
  ['shared/fake.ts', "import type { Result } from './errors'; import { z } from 'zod'; void z;"],
  ['renderer/src/features/browse/fake.ts', "import type { RendererApi } from '../../../../shared/ipc'; import { useState } from 'react'; void useState; window.scrollTo(0, 0);"],
  ['renderer/src/main.tsx', "import { App } from './App'; void App;"],
  ['main/s3/fake.ts', "import { join } from 'node:path'; import { S3Client } from '@aws-sdk/client-s3'; import type { Result } from '../../shared/errors'; void join; void S3Client;"],
  ['main/index.ts', "import { app, BrowserWindow, session, shell } from 'electron'; void app; void BrowserWindow; void session; void shell;"],
  ['main/electron/dialogs.ts', "import { dialog, safeStorage } from 'electron'; void dialog; void safeStorage;"],
  ['main/ipc/register.ts', "import { ipcMain } from 'electron'; void ipcMain;"],
  ['main/preload.ts', "import { contextBridge, ipcRenderer } from 'electron'; void contextBridge; void ipcRenderer;"],
];

const layerViolations: Array<[path: string, code: string]> = [
  // domain folders (existing and future) never import the IPC transport
  ['main/s3/fake.ts', "import { requestSchemas } from '../ipc/schemas';"],
  ['main/cache/fake.ts', "import type { Envelope } from '../ipc/envelope';"],
  ['main/transfers/deep/fake.ts', "export { wrapChannels } from '../../ipc/envelope';"],
  ['main/operations/fake.ts', "const m = await import('../ipc/channels/operations');"],
  ['main/connections/fake.test.ts', "import { connectionChannels } from '../ipc/channels/connections';"],
  ['main/core/context.ts', "import type { Channels } from '../ipc/channels/browse';"],
  ['main/core/to-app-error.ts', "import { wrapChannels } from '../ipc';"],
  ['main/sync/fake.ts', "import { browseChannels } from '../ipc/channels/browse';"],
  ['main/fake.ts', "import { registerIpc } from './ipc/register';"],
  // renderer features meet only through index.ts
  ['renderer/src/features/operations/fake.ts', "import { createBrowserStore } from '../browser/browser-store';"],
  ['renderer/src/features/operations/fake.ts', "import type { BrowserStore } from '../browser/index.ts/../selectors';"],
  ['renderer/src/features/connections/Fake.tsx', "export { FileTable } from '../browser/FileTable';"],
  ['renderer/src/features/search/fake.ts', "const m = await import('../transfers/wiring');"],
  ['renderer/src/features/browser/fake.test.ts', "import { createTransfersStore } from '../transfers/transfers-store';"],
  ['renderer/src/App.tsx', "import { BrowserView } from './features/browser/BrowserView';"],
  ['testkit/renderer/fake.ts', "import type { BrowserApi } from '../../renderer/src/features/browser/browser-store';"],
  // lib/ and ui/ import no feature at all
  ['renderer/src/lib/fake.ts', "import { createSelectors } from '../features/browser';"],
  ['renderer/src/ui/Fake.tsx', "import type { TransfersWiring } from '../features/transfers/wiring';"],
  // production never imports the test kit
  ['main/s3/fake.ts', "import { startS3Server } from '../../testkit/s3-server';"],
  ['main/index.ts', "import { coreFixture } from '../testkit/core-fixture';"],
  ['shared/fake.ts', "import type { FakeSecretBox } from '../testkit/fake-secret-box';"],
  ['renderer/src/features/browser/fake.ts', "import { fakeBrowserApi } from '../../../../testkit/renderer/fake-browser-api';"],
  ['renderer/src/lib/fake.ts', "const kit = await import('../../../testkit/renderer/fake-browser-api');"],
  ['scripts/fake.ts', "import { startS3Server } from '../testkit/s3-server';"],
];

const layerAllowed: Array<[path: string, code: string]> = [
  ['main/core/create-core.ts', "import { browseChannels } from '../ipc/channels/browse'; import { wrapChannels } from '../ipc/envelope'; void browseChannels; void wrapChannels;"],
  ['main/ipc/channels/fake.ts', "import { requestSchemas } from '../schemas'; void requestSchemas;"],
  ['main/ipc/register.ts', "import type { Handlers } from './envelope';"],
  ['main/index.ts', "import { registerIpc } from './ipc/register'; void registerIpc;"],
  ['main/demo-connection.ts', "import { requestSchemas } from './ipc/schemas'; void requestSchemas;"],
  ['main/s3/fake.ts', "import type { CoreContext } from '../core/context'; import { ipcName } from '../ipc-lite/name'; void ipcName;"],
  ['renderer/src/features/operations/fake.ts', "import { createSelectors, type BrowserStore } from '../browser'; import { x } from './commands'; void createSelectors; void x;"],
  ['renderer/src/features/operations/fake.ts', "import { y } from '../browser/index'; import { z } from '../operations/menu-items'; void y; void z;"],
  ['renderer/src/App.tsx', "import { BrowserView } from './features/browser'; void BrowserView;"],
  ['renderer/src/main.tsx', "import './features/browser/browser.css';"],
  ['renderer/src/lib/fake.ts', "import { formatBytes } from './format'; import { Modal } from '../ui/Modal'; void formatBytes; void Modal;"],
  ['testkit/renderer/fake.ts', "import type { BrowserApi } from '../../renderer/src/features/browser';"],
  ['main/s3/fake.test.ts', "import { startS3Server } from '../../testkit/s3-server'; void startS3Server;"],
  ['renderer/src/features/browser/fake.test.ts', "import { fakeBrowserApi } from '../../../../testkit/renderer/fake-browser-api'; void fakeBrowserApi;"],
  ['e2e/fake.spec.ts', "import { startS3Server } from '../testkit/s3-server'; void startS3Server;"],
  ['bench/fake.ts', "import { startS3Server } from '../testkit/s3-server'; void startS3Server;"],
  ['demo/fake.ts', "import { startS3Server } from '../testkit/s3-server'; void startS3Server;"],
  ['.ci/fake.ts', "import { startS3Server } from '../testkit/s3-server'; void startS3Server;"],
  ['playwright.config.ts', "import { chromiumPath } from './testkit/chromium'; void chromiumPath;"],
];

/** Snippets placed at real files (the type checker needs a tsconfig that includes the path). */
const promiseViolations: Array<[path: string, code: string]> = [
  ['shared/fire-and-forget.ts', 'async function work(): Promise<void> {}\nwork();'],
  ['shared/fire-and-forget.ts', 'async function work(): Promise<void> {}\nexport function f(): void { work().then(() => {}); }'],
  ['main/core/context.ts', 'declare const core: { dispose(): Promise<void> };\nexport function after(): void { core.dispose(); }'],
  ['main/core/context.ts', 'declare const ok: Promise<boolean>;\nexport const f = () => (ok ? 1 : 2);'],
  ['main/core/context.ts', "declare function on(event: string, listener: () => void): void;\non('quit', async () => {});"],
  ['renderer/src/App.tsx', 'declare const items: number[];\nitems.forEach(async () => {});'],
];

const promiseAllowed: Array<[path: string, code: string]> = [
  ['shared/fire-and-forget.ts', 'async function work(): Promise<void> {}\nexport async function f(): Promise<void> { await work(); }'],
  ['shared/fire-and-forget.ts', 'async function work(): Promise<void> {}\nexport function f(): Promise<void> { return work(); }'],
  ['shared/fire-and-forget.ts', 'async function work(): Promise<void> {}\nexport function f(): void { work().catch(() => {}); }'],
  ['main/core/context.ts', "import { fireAndForget } from '../../shared/fire-and-forget';\ndeclare const core: { dispose(): Promise<void> };\nfireAndForget(core.dispose(), 'quit');"],
  ['main/core/context.ts', 'declare const safe: Promise<void>;\nvoid safe;'],
];

describe('process boundaries in eslint.config.js', () => {
  it.each(violations)('reports %s: %s', async (path, code) => {
    expect(await boundaryErrors(path, code)).not.toEqual([]);
  });

  it.each(allowed)('allows %s: %s', async (path, code) => {
    expect(await boundaryErrors(path, code)).toEqual([]);
  });
});

describe('layers in eslint.config.js (.eslint/ rules)', () => {
  it.each(layerViolations)('reports %s: %s', async (path, code) => {
    expect(await layerErrors(path, code)).not.toEqual([]);
  });

  it.each(layerAllowed)('allows %s: %s', async (path, code) => {
    expect(await layerErrors(path, code)).toEqual([]);
  });
});

describe('type-aware promise rules in eslint.config.js', () => {
  it.each(promiseViolations)('reports %s: %s', async (path, code) => {
    expect(await promiseErrors(path, code)).not.toEqual([]);
  });

  it.each(promiseAllowed)('allows %s: %s', async (path, code) => {
    expect(await promiseErrors(path, code)).toEqual([]);
  });
});
