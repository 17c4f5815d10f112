/**
 * `npm run package` as CI can run it: electron-builder builds the real electron-builder.yml for Linux (`dir`
 * target) against a stand-in Electron distribution (no binary can be downloaded here), far enough to catch
 * metadata and file-list errors. Then the app.asar is unpacked and checked: it holds exactly the production
 * build (out/ and package.json, nothing else), every import in the packaged main resolves, and the packaged
 * main runs its start-up under a recording stand-in `electron`. Needs out/ (built here if missing).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FUSE_WIRE, fuseWireOf, makeStandInElectron, type PackContext, packLinuxDir, runMainUnderStandIn } from './electron-builder-stand-in';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { extractAll(file: string, dest: string): void };

/**
 * Every module a bundled file loads: static imports and re-exports, import(), and require() (the CommonJS
 * preload, and CommonJS code inside the ESM main). Read from the syntax tree, so a specifier inside a string or
 * comment is not one; a non-literal import()/require() is reported as '<computed>'.
 */
function importsOf(file: string, source: string): string[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const found: string[] = [];
  const literal = (node: ts.Node | undefined) => (node && ts.isStringLiteralLike(node) ? node.text : '<computed>');
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) found.push(literal(node.moduleSpecifier));
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && /^(__)?require$/.test(callee.text)))
        found.push(literal(node.arguments[0]));
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const temp: string[] = [];
let context: PackContext;
let appOutDir: string;
let unpacked: string;
let asarFiles: string[];

/** Files under `dir`, relative to `base`, with forward slashes. */
function filesUnder(dir: string, base: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(base, join(e.parentPath, e.name)).split(sep).join('/'));
}

beforeAll(async () => {
  if (!existsSync(join(root, 'out/main/index.js'))) execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  const dist = makeStandInElectron();
  const output = mkdtempSync(join(tmpdir(), 's3desk-package-'));
  unpacked = mkdtempSync(join(tmpdir(), 's3desk-asar-'));
  temp.push(dist, output, unpacked);
  context = await packLinuxDir(root, dist, output);
  appOutDir = context.appOutDir;
  const archive = join(appOutDir, 'resources', 'app.asar');
  asar.extractAll(archive, unpacked);
  asarFiles = filesUnder(unpacked, unpacked).sort();
}, 120_000);

afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

describe('electron-builder for Linux against a stand-in Electron', () => {
  it('packs the app with the executable name and flips the hardening fuses', () => {
    expect(existsSync(join(appOutDir, 'resources', 'app.asar'))).toBe(true);
    const wire = fuseWireOf(readFileSync(join(appOutDir, 's3-desk')));
    expect(wire).not.toBe(DEFAULT_FUSE_WIRE);
    // FuseV1Options order: RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, EmbeddedAsarIntegrity,
    // OnlyLoadAppFromAsar, BrowserProcessSpecificV8Snapshot (left at its default), GrantFileProtocolExtraPrivileges.
    expect(wire).toBe('01001100');
  });

  it('passes the deb target’s metadata checks (homepage, maintainer with email)', async () => {
    const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper.js') as {
      LinuxTargetHelper: new (packager: unknown) => unknown;
    };
    const { default: FpmTarget } = require('app-builder-lib/out/targets/FpmTarget.js') as {
      default: new (name: string, packager: unknown, helper: unknown, outDir: string) => { checkOptions(): Promise<Record<string, string>> };
    };
    const deb = new FpmTarget('deb', context.packager, new LinuxTargetHelper(context.packager), dirname(appOutDir));
    await expect(deb.checkOptions()).resolves.toMatchObject({
      name: 's3-desk',
      maintainer: 'S3 Desk contributors <maintainers@s3desk.dev>',
      url: 'https://s3desk.dev',
    });
  });

  it('writes a .desktop entry named after desktopName, whose WM class matches it, with every icon size', async () => {
    const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper.js') as {
      LinuxTargetHelper: new (packager: unknown) => {
        getDesktopFileName(): string;
        computeDesktopEntry(options: unknown): Promise<string>;
        readonly icons: Promise<{ file: string; size: number }[]>;
      };
    };
    const packager = context.packager as { platformSpecificBuildOptions: unknown };
    const helper = new LinuxTargetHelper(context.packager);
    expect(helper.getDesktopFileName()).toBe('s3-desk');
    const entry = await helper.computeDesktopEntry(packager.platformSpecificBuildOptions);
    expect(entry).toMatch(/^StartupWMClass=s3-desk$/m);
    expect(entry).toMatch(/^Icon=s3-desk$/m);
    expect(entry).toMatch(/^Name=S3 Desk$/m);
    const icons = await helper.icons;
    expect(icons.map((i) => i.size).sort((a, b) => a - b)).toEqual([16, 24, 32, 48, 64, 128, 256, 512]);
    for (const icon of icons) expect(resolve(icon.file)).toBe(join(root, 'build', 'icons', `${icon.size}x${icon.size}.png`));
  });
});

describe('the packaged app.asar', () => {
  it('holds exactly the built app and package.json: no dependencies, sources, tests, tooling or maps', () => {
    const built = filesUnder(join(root, 'out'), root);
    expect(asarFiles).toEqual(['package.json', ...built].sort());
    expect(asarFiles.filter((f) => /\.(ts|tsx|map)$|(^|\/)node_modules\//.test(f))).toEqual([]);
    expect(asarFiles.filter((f) => /^(main|renderer|shared|testkit|e2e|bench|demo|build|scripts|\.ci)\//.test(f))).toEqual([]);
  });

  it('ships a package.json without scripts, pointing at the bundled main', () => {
    const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: 's3-desk', main: './out/main/index.js', type: 'module', desktopName: 's3-desk.desktop' });
    expect(manifest['scripts']).toBeUndefined();
  });

  it('every import in the packaged main is a Node built-in, electron, or a file inside the asar', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const unresolved: string[] = [];
    let relativeImports = 0;
    for (const file of asarFiles.filter((f) => /^out\/(main|preload)\/.*\.(c?js|mjs)$/.test(f))) {
      const specifiers = importsOf(file, readFileSync(join(unpacked, file), 'utf8'));
      for (const specifier of specifiers) {
        if (specifier === 'electron' || builtins.has(specifier)) continue;
        else if (specifier.startsWith('.')) {
          relativeImports += 1;
          if (!existsSync(join(unpacked, dirname(file), specifier))) unresolved.push(`${file}: ${specifier}`);
        } else unresolved.push(`${file}: ${specifier}`);
      }
    }
    expect(unresolved).toEqual([]);
    // The bundle splits lazily loaded SDK parts into chunks; the check must have seen those imports.
    expect(relativeImports).toBeGreaterThan(0);
  });

  it('runs the packaged main’s start-up in Node under a stand-in electron: imports resolve, schemes register', () => {
    const run = runMainUnderStandIn(join(unpacked, 'out', 'main', 'index.js'));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.calls.slice(0, 3)).toEqual([
      'electron.protocol.registerSchemesAsPrivileged',
      'electron.app.requestSingleInstanceLock',
      'electron.app.on',
    ]);
    expect(run.calls).toContain('electron.app.whenReady');
    // Electron takes one registerSchemesAsPrivileged call: every scheme (app, drag-out, media preview) must be in it.
    expect(run.calls.filter((c) => c === 'electron.protocol.registerSchemesAsPrivileged')).toHaveLength(1);
    expect(run.schemes).toEqual(['app', 's3desk-drag', 's3desk-media']);
  });
});
