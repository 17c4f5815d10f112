/**
 * Lints small snippets under fake paths with the project's real eslint.config.js and asserts the process
 * boundary rules fire (and stay quiet where the code is allowed), so a config edit cannot silently disable them.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: `${root}/eslint.config.js` });
});

/** The boundary rules that fired for `code` placed at `path` (relative to the repo root). */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: `${root}/${path}` });
  if (!result) throw new Error('no lint result');
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`snippet did not parse: ${fatal[0]?.message}`);
  return result.messages
    .filter((m) => ['no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals'].includes(m.ruleId ?? ''))
    .map((m) => `${m.ruleId}: ${m.message}`);
}

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

describe('process boundaries in eslint.config.js', () => {
  it.each(violations)('reports %s: %s', async (path, code) => {
    expect(await boundaryErrors(path, code)).not.toEqual([]);
  });

  it.each(allowed)('allows %s: %s', async (path, code) => {
    expect(await boundaryErrors(path, code)).toEqual([]);
  });
});
