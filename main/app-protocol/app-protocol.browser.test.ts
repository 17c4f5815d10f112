/**
 * The app protocol's promise checked in a real browser: a page served by createAppProtocolHandler, with the
 * app's CSP, runs its own script and nothing else — not a file:// script, not one from another origin, not one
 * reached by climbing out of the folder or through a symlink. Chromium here cannot load a custom scheme, so the
 * handler sits behind a 127.0.0.1 HTTP adapter (http://127.0.0.1:port/x is answered as app://s3desk/x); the
 * page's 'self' is then that origin, as it is app://s3desk in the app.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from '../../testkit/chromium';
import { APP_HOST, APP_SCHEME, createAppProtocolHandler } from './app-protocol';

let base: string;
let browser: Browser;
const servers: Server[] = [];

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** HTTP in, the app handler's Request/Response out; the raw path goes through untouched. */
function serveApp(root: string): Server {
  const handler = createAppProtocolHandler(root);
  return createServer((req, res) => {
    void handler(new Request(`${APP_SCHEME}://${APP_HOST}${req.url ?? '/'}`, { method: req.method ?? 'GET' })).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
}

const EVIL = 'window.ran.push("evil");';

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 's3desk-app-protocol-browser-'));
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  mkdirSync(join(base, 'elsewhere'));
  writeFileSync(join(base, 'elsewhere', 'evil.js'), EVIL);
  writeFileSync(join(base, 'evil.js'), EVIL);
  symlinkSync(join(base, 'elsewhere'), join(root, 'linked'));
  const other = await listen(createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(EVIL)));
  writeFileSync(join(root, 'assets', 'boot.js'), 'window.ran = []; window.blocked = []; document.addEventListener("securitypolicyviolation", (e) => window.blocked.push(e.blockedURI));');
  writeFileSync(join(root, 'assets', 'index.js'), 'window.ran.push("app");');
  const attempts = [
    `file://${join(base, 'evil.js')}`,
    `file://${join(base, 'elsewhere', 'evil.js')}`,
    `${other}/evil.js`,
    '/../evil.js',
    '/%2e%2e/evil.js',
    '/%2e%2e/elsewhere/evil.js',
    '/..%2fevil.js',
    '/assets/..%5c..%5cevil.js',
    '/linked/evil.js',
  ];
  writeFileSync(
    join(root, 'index.html'),
    [
      '<!doctype html><html><head>',
      '<script src="/assets/boot.js"></script>',
      ...attempts.map((src) => `<script src="${src}"></script>`),
      '<script type="module" src="/assets/index.js"></script>',
      '</head><body></body></html>',
    ].join('\n'),
  );
  browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) server.close();
  rmSync(base, { recursive: true, force: true });
});

describe('a page on the app protocol, in Chromium', () => {
  it('runs its own scripts and none from outside its folder or origin', async () => {
    const url = await listen(serveApp(join(base, 'renderer')));
    const page = await browser.newPage();
    try {
      await page.goto(`${url}/index.html`);
      await page.waitForFunction(() => (globalThis as unknown as { ran: string[] }).ran.includes('app'));
      const result = await page.evaluate(() => {
        const w = globalThis as unknown as { ran: string[]; blocked: string[] };
        return { ran: w.ran, blocked: w.blocked };
      });
      expect(result.ran).toEqual(['app']);
      // The CSP stopped the other origin's script; Chromium refuses file:// subresources to a non-file page before
      // the CSP is asked (as it does under app:// with the file-privileges fuse off); the handler refused the rest.
      expect(result.blocked).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/evil\.js$/)]);
    } finally {
      await page.close();
    }
  });

  it('loads the built renderer: its module bundle (crossorigin) and stylesheet pass the handler and the CSP', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    if (!existsSync(join(root, 'out/renderer/index.html'))) execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
    const url = await listen(serveApp(join(root, 'out/renderer')));
    const page = await browser.newPage();
    try {
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.text().includes('404')) problems.push(m.text());
      });
      // No preload here, so the bundle's first act is to say the API is missing: proof that it loaded and ran.
      const ran = page.waitForEvent('pageerror');
      await page.goto(`${url}/index.html`);
      expect((await ran).message).toContain('S3 Desk API is missing');
      // (a string: this file is type-checked without the DOM library)
      const styled = await page.evaluate('[...document.styleSheets].some((sheet) => sheet.cssRules.length > 0)');
      expect(styled).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
