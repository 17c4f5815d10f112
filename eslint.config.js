// ESLint flat config. Besides ordinary hygiene it enforces the process boundaries mechanically:
//   shared/   pure TypeScript: no Electron, no Node, no DOM, no React, nothing from main/ or renderer/
//   renderer/ browser code: no Electron, no Node, nothing from main/ (types come from shared/)
//   main/     Node code; `electron` only in the few glue files, ipcMain only in main/ipc/register.ts,
//             ipcRenderer only in main/preload.ts
// and the layers (local rules in .eslint/):
//   main/     only main/core/create-core.ts and the glue import main/ipc/ (transport)
//   renderer/ features import each other only through their index.ts; lib/ and ui/ import no feature
//   all       production code never imports testkit/
// It is type-aware (projectService over the three tsconfigs): unhandled promises are errors.
// .ci/lint-boundaries.test.ts lints snippets against this file so the rules cannot silently rot.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';
import { layersPlugin } from './.eslint/plugin.js';

const nodeBuiltins = [...new Set(builtinModules.flatMap((m) => (m.startsWith('_') ? [] : [m])))];
const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** `fs`, `fs/promises`, `node:fs`, `node:test`, ... */
const NODE_RE = `^(node:.*|(${nodeBuiltins.map(escapeRegex).join('|')})(/.*)?)$`;
const ELECTRON_RE = '^electron(/.*)?$';
/** Relative paths that climb to the top-level main/ or renderer/ folder (or bare "main/..."). */
const MAIN_RE = '^((\\.\\./)+|\\./)?main(/|$)';
const RENDERER_RE = '^((\\.\\./)+|\\./)?renderer(/|$)';
const UI_RE = '^(react|react-dom|zustand|@tanstack/react-[^/]+)(/.*)?$';
/** The renderer and shared code never talk to S3 directly: that is main's job (and the CSP forbids it anyway). */
const S3_RE = '^(@aws-sdk/.*|lru-cache|fauxqs)(/.*)?$';

const ban = (regex, message) => ({ regex, message });
const banNode = (where) => ban(NODE_RE, `${where} must not use Node built-ins.`);
const banElectron = (where) => ban(ELECTRON_RE, `${where} must not import electron: keep Electron in main's glue files.`);

/** Dynamic import()/require() of what no-restricted-imports forbids statically. */
const dynamicBans = (regexes, message) =>
  regexes
    // esquery ends a regex at the first "/", even an escaped one.
    .map((re) => re.replace(/\\?\//g, '\\u002F'))
    .flatMap((re) => [
      { selector: `ImportExpression[source.value=/${re}/]`, message },
      { selector: `CallExpression[callee.name='require'][arguments.0.value=/${re}/]`, message },
    ]);
const noRequire = { selector: "CallExpression[callee.name='require']", message: 'Use ES imports, not require().' };

const DOM_GLOBALS = ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'HTMLElement', 'Element', 'Event', 'CustomEvent', 'requestAnimationFrame', 'fetch', 'XMLHttpRequest', 'alert'];
const NODE_GLOBALS = ['process', 'Buffer', 'global', 'require', 'module', '__dirname', '__filename', 'setImmediate'];
const restrictGlobals = (names, why) => names.map((name) => ({ name, message: `${name} ${why}` }));

/** The files of main/ that may import electron at all. */
const ELECTRON_GLUE = ['main/index.ts', 'main/preload.ts', 'main/ipc/register.ts', 'main/electron/**/*.ts'];

export default defineConfig(
  {
    ignores: ['node_modules/', 'out/', 'dist/', '.tsbuild/', 'e2e/artifacts/', 'test-results/', 'playwright-report/', 'test-reports/', '.vite/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // ── type-aware: a promise is awaited, returned, or handed to fireAndForget (shared/fire-and-forget.ts) ──
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `void p` stays allowed (ignoreVoid) for promises that cannot reject, such as store actions built on
      // lib/call.ts; anything that can reject goes through fireAndForget so the error is reported.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },

  // ── Node-side code: main, tests, tooling ──
  {
    files: ['main/**/*.ts', 'e2e/**/*.ts', 'testkit/**/*.ts', 'demo/**/*.ts', 'bench/**/*.ts', '.ci/**/*.ts', '*.config.{js,ts}', 'eslint.config.js', '.eslint/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },

  // ── shared/: pure TypeScript ──
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            banElectron('shared/'),
            banNode('shared/ (it runs in main and renderer alike)'),
            ban(UI_RE, 'shared/ must stay free of React and other UI libraries.'),
            ban(S3_RE, 'shared/ must not depend on S3 or cache libraries; that belongs in main/.'),
            ban(MAIN_RE, 'shared/ must not import from main/.'),
            ban(RENDERER_RE, 'shared/ must not import from renderer/.'),
          ],
        },
      ],
      'no-restricted-syntax': ['error', ...dynamicBans([ELECTRON_RE, NODE_RE], 'shared/ must not load electron or Node modules.'), noRequire],
      'no-restricted-globals': [
        'error',
        ...restrictGlobals(DOM_GLOBALS, 'is a DOM global: shared/ must run without a browser.'),
        ...restrictGlobals(NODE_GLOBALS, 'is a Node global: shared/ must run without Node.'),
      ],
    },
  },

  // ── renderer/: browser code behind the preload ──
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            banElectron('The renderer'),
            banNode('The renderer (it is sandboxed; ask main through window.s3desk)'),
            ban(S3_RE, 'The renderer never talks to S3 itself; call main through the preload API.'),
            ban(MAIN_RE, 'The renderer must not import from main/; contract types live in shared/.'),
          ],
        },
      ],
      'no-restricted-syntax': ['error', ...dynamicBans([ELECTRON_RE, NODE_RE], 'The renderer must not load electron or Node modules.'), noRequire],
      'no-restricted-globals': ['error', ...restrictGlobals(NODE_GLOBALS, 'is a Node global: the renderer has no Node.')],
    },
  },

  // ── main/: headless modules may not touch electron at all ──
  {
    files: ['main/**/*.ts'],
    ignores: ELECTRON_GLUE,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ban(ELECTRON_RE, 'Only main/index.ts, main/preload.ts, main/ipc/register.ts and main/electron/** may import electron; keep this module headless so tests can run it.'),
            ban(RENDERER_RE, 'main/ must not import from renderer/.'),
          ],
        },
      ],
      'no-restricted-syntax': ['error', ...dynamicBans([ELECTRON_RE], 'Only the Electron glue files may load electron.')],
    },
  },
  // ── main/: the Electron glue; each may import only its part of electron ──
  ...[
    { files: ['main/index.ts', 'main/electron/**/*.ts'], banned: ['ipcMain', 'ipcRenderer'] },
    { files: ['main/ipc/register.ts'], banned: ['ipcRenderer'] },
    { files: ['main/preload.ts'], banned: ['ipcMain'], preload: true },
  ].map(({ files, banned, preload }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: banned,
              message: 'ipcMain belongs only in main/ipc/register.ts and ipcRenderer only in main/preload.ts.',
            },
          ],
          patterns: [
            ban(RENDERER_RE, 'main/ must not import from renderer/.'),
            // A sandboxed preload gets no Node modules at run time.
            ...(preload ? [banNode('The sandboxed preload')] : []),
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...dynamicBans([ELECTRON_RE], 'Import electron statically so the boundary rules can see it.'),
        // Namespace access like `electron.ipcMain` would slip past importNames.
        ...banned.map((name) => ({ selector: `MemberExpression[property.name='${name}']`, message: `${name} is not allowed in this file.` })),
      ],
    },
  })),

  // ── layers (rules in .eslint/; they resolve each relative import, so any depth and any new folder count) ──
  {
    files: ['**/*.{ts,tsx,js}'],
    plugins: { layers: layersPlugin },
  },
  // main/ipc/ is transport (envelope, schemas, channel tables): only the composition root and the Electron
  // glue reach into it. Everything else under main/, including feature folders not yet written, is domain.
  {
    files: ['main/**/*.ts'],
    ignores: [
      'main/ipc/**',
      'main/core/create-core.ts',
      'main/index.ts',
      'main/preload.ts',
      // Validates the demo connection from the environment with the very schema of `connections:add`: it is
      // an input boundary like IPC (only main/index.ts calls it), and a copy of the schema could drift.
      'main/demo-connection.ts',
    ],
    rules: {
      'layers/domain-not-ipc': [
        'error',
        { folders: ['main/ipc'], message: 'domain code must not import the IPC transport; only main/core/create-core.ts wires channels (shared types live in main/core/ or shared/).' },
      ],
    },
  },
  // Renderer features meet only through each other's index.ts; lib/ and ui/ sit below every feature.
  {
    files: ['**/*.{ts,tsx}'],
    rules: { 'layers/feature-public-surface': ['error', { featuresDir: 'renderer/src/features' }] },
  },
  {
    files: ['renderer/src/lib/**/*.{ts,tsx}', 'renderer/src/ui/**/*.{ts,tsx}'],
    rules: {
      'layers/shared-ui-not-features': [
        'error',
        { folders: ['renderer/src/features'], message: 'renderer/src/lib/ and renderer/src/ui/ sit below the features and must not import them.' },
      ],
    },
  },
  // The test kit (test servers, proxies, fakes) never ships: production code must not import it.
  {
    files: ['**/*.{ts,tsx,js}'],
    // playwright.config.ts and vitest.config.ts are test tooling: they take the Chromium path, flags and the RGW check from the kit.
    ignores: ['testkit/**', 'e2e/**', 'bench/**', 'demo/**', '.ci/**', '**/*.test.{ts,tsx}', 'playwright.config.ts', 'vitest.config.ts'],
    rules: {
      'layers/production-not-testkit': [
        'error',
        { folders: ['testkit'], message: 'production code must not import the test kit; only tests, e2e, bench, the demo and CI may.' },
      ],
    },
  },

  // ── tests and tooling ──
  {
    files: ['**/*.test.{ts,tsx}', 'e2e/**/*.ts', 'testkit/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Playwright fixtures without dependencies are written `async ({}, use) => …`.
      'no-empty-pattern': 'off',
    },
  },
);
