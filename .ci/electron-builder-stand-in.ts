/**
 * Packaging without an Electron binary (none can be downloaded here): a stand-in Electron distribution for
 * electron-builder's `electronDist`, a Linux `--dir` build of the real electron-builder.yml against it, and a
 * run of the packaged main process in Node under a stand-in `electron` module that records what main asks of it.
 *
 * The stand-in holds what electron-builder touches in an unpacked Linux Electron: the `electron` executable
 * (renamed to linux.executableName, then its fuse wire is flipped: so it carries Electron's fuse sentinel and a
 * wire in Electron 41's default states), `resources/` (app.asar goes there) and the license files.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** @electron/fuses' marker; the wire follows it: version (1), length, then one '0'/'1' per fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * Electron's defaults, in @electron/fuses' FuseV1Options order: RunAsNode on, CookieEncryption off,
 * NodeOptions on, NodeCliInspect on, EmbeddedAsarIntegrity off, OnlyLoadAppFromAsar off,
 * BrowserProcessSpecificV8Snapshot off, GrantFileProtocolExtraPrivileges on.
 */
export const DEFAULT_FUSE_WIRE = '10110001';

export function makeStandInElectron(): string {
  const dist = mkdtempSync(join(tmpdir(), 's3desk-electron-stand-in-'));
  mkdirSync(join(dist, 'resources'));
  mkdirSync(join(dist, 'locales'));
  writeFileSync(join(dist, 'locales', 'en-US.pak'), '');
  writeFileSync(join(dist, 'LICENSE'), 'stand-in\n');
  writeFileSync(join(dist, 'LICENSES.chromium.html'), 'stand-in\n');
  const wire = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "Electron stand-in: not a real binary" >&2\nexit 1\n# ', 'latin1'),
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, DEFAULT_FUSE_WIRE.length]),
    Buffer.from(`${DEFAULT_FUSE_WIRE}\n`, 'latin1'),
  ]);
  writeFileSync(join(dist, 'electron'), wire, { mode: 0o755 });
  return dist;
}

/** The fuse wire ('0'/'1' per fuse) in a binary that carries the sentinel. */
export function fuseWireOf(binary: Buffer): string {
  const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
  if (at < FUSE_SENTINEL.length) throw new Error('no fuse sentinel');
  const length = binary[at + 1] ?? 0;
  return binary.toString('latin1', at + 2, at + 2 + length);
}

interface BuilderModule {
  build(options: Record<string, unknown>): Promise<string[]>;
  Platform: { LINUX: { createTarget(types: string[], ...archs: number[]): unknown } };
  Arch: { x64: number };
}
/** What electron-builder hands afterPack; `packager` is its LinuxPackager. */
export interface PackContext {
  appOutDir: string;
  packager: unknown;
}

/** Runs electron-builder for Linux (`dir` target) with the project's config and the stand-in Electron. */
export async function packLinuxDir(projectDir: string, electronDist: string, outputDir: string): Promise<PackContext> {
  const { build, Platform, Arch } = require('electron-builder') as BuilderModule;
  let context: PackContext | undefined;
  await build({
    projectDir,
    targets: Platform.LINUX.createTarget(['dir'], Arch.x64),
    publish: 'never',
    config: {
      electronDist,
      directories: { output: outputDir },
      afterPack: (ctx: PackContext) => {
        context = ctx;
      },
    },
  });
  if (!context) throw new Error('electron-builder finished without packing');
  return context;
}

/** What the packaged main did at start under the stand-in `electron`, and how long its imports took. */
export interface StandInRun {
  status: number | null;
  stderr: string;
  /** `electron.<module>.<method>` for every call main made, in order. */
  calls: string[];
  /** Privileged schemes main registered (protocol.registerSchemesAsPrivileged). */
  schemes: string[];
  /** ms from process start to main's first call into Electron (= its whole import closure evaluated). */
  importedAtMs: number;
}

/** Runs `mainFile` in plain Node with `electron` resolved to a recording stand-in (see stand-in-electron.mjs). */
export function runMainUnderStandIn(mainFile: string): StandInRun {
  const hooks = pathToFileURL(join(import.meta.dirname, 'stand-in-electron', 'register.mjs')).href;
  const result = spawnSync(process.execPath, ['--import', hooks, mainFile], { encoding: 'utf8', timeout: 60_000 });
  const line = result.stdout.split('\n').find((l) => l.startsWith('STAND-IN '));
  const report = line ? (JSON.parse(line.slice('STAND-IN '.length)) as Omit<StandInRun, 'status' | 'stderr'>) : undefined;
  return { status: result.status, stderr: result.stderr, calls: report?.calls ?? [], schemes: report?.schemes ?? [], importedAtMs: report?.importedAtMs ?? NaN };
}
