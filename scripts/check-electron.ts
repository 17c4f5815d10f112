/**
 * Runs before `npm start` and `npm run dev` (prestart/predev): is there an Electron binary to start? Without one,
 * electron-vite only says "Error: Electron uninstall". This says what is missing, why it usually is, and the
 * command that fixes it. It looks where electron-vite looks: ELECTRON_EXEC_PATH, else the path electron's own
 * installer wrote to node_modules/electron/path.txt, under node_modules/electron/dist.
 */
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

export interface ElectronCheckInput {
  projectDir: string;
  env: Readonly<Record<string, string | undefined>>;
  nodeVersion: string;
  /** The electron package folder, or undefined when `electron` does not resolve at all. */
  electronDir: string | undefined;
  isExecutable(file: string): boolean;
  readText(file: string): string | undefined;
}

export type ElectronCheck = { ok: true; binary: string } | { ok: false; message: string };

/** @electron/get, which electron's installer uses, declares Node >= 22.12. */
const INSTALLER_NODE = [22, 12] as const;

function nodeAtLeast(version: string, [major, minor]: readonly [number, number]): boolean {
  const [a = 0, b = 0] = version.replace(/^v/, '').split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

export function checkElectron(input: ElectronCheckInput): ElectronCheck {
  const { env, projectDir } = input;
  const shown = (file: string) => relative(projectDir, file) || file;
  const override = env['ELECTRON_EXEC_PATH'];
  if (override) {
    if (input.isExecutable(override)) return { ok: true, binary: override };
    return { ok: false, message: `ELECTRON_EXEC_PATH is set to ${override}, but no executable is there.\nFix: point it at an Electron binary, or unset it to use node_modules/electron.` };
  }
  if (!input.electronDir)
    return { ok: false, message: 'The electron package is not installed (node_modules/electron is missing).\nFix: npm ci' };
  const pathFile = join(input.electronDir, 'path.txt');
  const recorded = input.readText(pathFile)?.trim();
  const binary = recorded ? join(input.electronDir, 'dist', recorded) : undefined;
  if (binary && input.isExecutable(binary)) return { ok: true, binary };

  const what = binary
    ? `${shown(binary)} is missing or not executable`
    : `${shown(pathFile)} is missing, so Electron's binary was never downloaded into ${shown(join(input.electronDir, 'dist'))}`;
  const why = env['ELECTRON_SKIP_BINARY_DOWNLOAD']
    ? 'ELECTRON_SKIP_BINARY_DOWNLOAD is set in this shell, so npm skipped the download.'
    : 'Usually npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1 (the offline set-up), or the download failed.';
  const installer = `node ${shown(join(input.electronDir, 'install.js'))}`;
  const oldNode = nodeAtLeast(input.nodeVersion, INSTALLER_NODE)
    ? ''
    : `\n(Electron's installer needs Node >= ${INSTALLER_NODE.join('.')}; this is Node ${input.nodeVersion.replace(/^v/, '')}.)`;
  return {
    ok: false,
    message: [
      `S3 Desk cannot start: the Electron binary is not installed (${what}).`,
      why,
      `Fix (needs network access): ${installer}`,
      `   or: npm ci   (without ELECTRON_SKIP_BINARY_DOWNLOAD)${oldNode}`,
      'Without the binary, npm test, npm run build and npm run demo (which then serves S3 only) still work.',
    ].join('\n'),
  };
}

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function readText(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** The project's own node_modules/electron when there (paths then read as in the README), else what Node resolves. */
export function electronDirOf(projectDir: string): string | undefined {
  const local = join(projectDir, 'node_modules', 'electron');
  if (existsSync(join(local, 'package.json'))) return local;
  try {
    return dirname(createRequire(join(projectDir, 'package.json')).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const projectDir = process.cwd();
  const result = checkElectron({
    projectDir,
    env: process.env,
    nodeVersion: process.version,
    electronDir: electronDirOf(projectDir),
    isExecutable,
    readText,
  });
  if (!result.ok) {
    console.error(result.message);
    process.exit(1);
  }
}
