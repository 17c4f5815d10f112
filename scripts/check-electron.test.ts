import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkElectron, type ElectronCheckInput, electronDirOf, isExecutable, readText } from './check-electron';

const project = '/work/app';
const electronDir = join(project, 'node_modules', 'electron');

/** A fake file system: `files` maps a path to its text; executables are listed apart. */
function input(over: Partial<ElectronCheckInput> & { files?: Record<string, string>; executables?: string[] } = {}): ElectronCheckInput {
  const { files = {}, executables = [], ...rest } = over;
  return {
    projectDir: project,
    env: {},
    nodeVersion: 'v22.12.0',
    electronDir,
    isExecutable: (file) => executables.includes(file),
    readText: (file) => files[file],
    ...rest,
  };
}

describe('checkElectron', () => {
  it('finds the binary electron’s installer recorded in path.txt', () => {
    const binary = join(electronDir, 'dist', 'electron');
    expect(checkElectron(input({ files: { [join(electronDir, 'path.txt')]: 'electron' }, executables: [binary] }))).toEqual({ ok: true, binary });
  });

  it('says the download never happened, why, and the two commands that fix it', () => {
    const result = checkElectron(input({ env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('the Electron binary is not installed');
    expect(result.message).toContain('node_modules/electron/path.txt is missing');
    expect(result.message).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD is set in this shell');
    expect(result.message).toContain('node node_modules/electron/install.js');
    expect(result.message).toContain('npm ci   (without ELECTRON_SKIP_BINARY_DOWNLOAD)');
    expect(result.message).not.toContain('needs Node');
    expect(result.message).not.toContain('uninstall');
  });

  it('names a recorded binary that is gone', () => {
    const result = checkElectron(input({ files: { [join(electronDir, 'path.txt')]: 'electron' } }));
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('node_modules/electron/dist/electron is missing or not executable') });
    expect(!result.ok && result.message).toContain('Usually npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1');
  });

  it('warns that the installer needs a newer Node than this one', () => {
    const result = checkElectron(input({ nodeVersion: 'v20.19.0' }));
    expect(!result.ok && result.message).toContain("Electron's installer needs Node >= 22.12; this is Node 20.19.0");
    expect(checkElectron(input({ nodeVersion: 'v24.1.0' }))).toMatchObject({ ok: false, message: expect.not.stringContaining('needs Node') });
  });

  it('asks for npm ci when the electron package itself is missing', () => {
    expect(checkElectron(input({ electronDir: undefined }))).toEqual({
      ok: false,
      message: 'The electron package is not installed (node_modules/electron is missing).\nFix: npm ci',
    });
  });

  it('honours ELECTRON_EXEC_PATH as electron-vite does', () => {
    expect(checkElectron(input({ env: { ELECTRON_EXEC_PATH: '/opt/electron/electron' }, executables: ['/opt/electron/electron'] }))).toEqual({
      ok: true,
      binary: '/opt/electron/electron',
    });
    expect(checkElectron(input({ env: { ELECTRON_EXEC_PATH: '/opt/nothing' } }))).toMatchObject({
      ok: false,
      message: expect.stringContaining('ELECTRON_EXEC_PATH is set to /opt/nothing'),
    });
  });
});

describe('on a real file system', () => {
  const dir = mkdtempSync(join(tmpdir(), 's3desk-check-electron-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts an executable binary and refuses one without the execute bit', () => {
    const electron = join(dir, 'node_modules', 'electron');
    mkdirSync(join(electron, 'dist'), { recursive: true });
    writeFileSync(join(electron, 'package.json'), '{"name":"electron"}');
    writeFileSync(join(electron, 'path.txt'), 'electron');
    writeFileSync(join(electron, 'dist', 'electron'), '#!/bin/sh\n');
    expect(electronDirOf(dir)).toBe(electron);
    const real = { projectDir: dir, env: {}, nodeVersion: process.version, electronDir: electron, isExecutable, readText };
    chmodSync(join(electron, 'dist', 'electron'), 0o644);
    expect(checkElectron(real).ok).toBe(false);
    chmodSync(join(electron, 'dist', 'electron'), 0o755);
    expect(checkElectron(real)).toEqual({ ok: true, binary: join(electron, 'dist', 'electron') });
  });
});
