import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../security';
import { APP_PAGE_URL, createAppProtocolHandler, resolveAppFile } from './app-protocol';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 's3desk-app-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><script type="module" src="./assets/index.js"></script>');
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log("app");');
  writeFileSync(join(root, 'assets', 'index.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'notes.md'), '# not served');
  // What must never load: a script beside the app folder, and one reached through a symlink inside it.
  mkdirSync(join(base, 'elsewhere'));
  writeFileSync(join(base, 'elsewhere', 'evil.js'), 'alert("evil");');
  writeFileSync(join(base, 'renderer-evil.js'), 'alert("evil");');
  symlinkSync(join(base, 'elsewhere'), join(root, 'linked'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => createAppProtocolHandler(root)(new Request(url, { method }));

describe('resolveAppFile', () => {
  it('maps the page and its assets to files inside the folder, with their MIME types', () => {
    expect(resolveAppFile(APP_PAGE_URL, root)).toEqual({ ok: true, file: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveAppFile('app://s3desk/', root)).toMatchObject({ ok: true, file: join(root, 'index.html') });
    expect(resolveAppFile('app://s3desk/assets/index.js?v=1#x', root)).toEqual({
      ok: true,
      file: join(root, 'assets', 'index.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppFile('app://s3desk/assets/index.css', root)).toMatchObject({ ok: true, contentType: 'text/css; charset=utf-8' });
    expect(resolveAppFile('app://s3desk/assets/my%20file.png', root)).toMatchObject({ ok: true, file: join(root, 'assets', 'my file.png') });
  });

  it.each([
    'app://s3desk/../../etc/passwd',
    'app://s3desk/%2e%2e/%2e%2e/etc/passwd',
    'app://s3desk/%2E%2E/renderer-evil.js',
    'app://s3desk/..%2frenderer-evil.js',
    'app://s3desk/..%2Frenderer-evil.js',
    'app://s3desk/..%5crenderer-evil.js',
    'app://s3desk/assets/..%5c..%5crenderer-evil.js',
    'app://s3desk/assets/%00.js',
    'app://s3desk/C:%5CWindows%5Cevil.js',
    'app://s3desk/C:/evil.js',
    'app://s3desk/assets//index.js',
    'app://s3desk/assets/%zz.js',
  ])('never maps %s to a file outside the folder', (url) => {
    // The URL parser folds `..` and `%2e%2e` segments at the root, so some of these become a (missing) file
    // inside the folder; none may name a path outside it.
    const result = resolveAppFile(url, root);
    if (result.ok) expect(result.file.startsWith(`${root}/`)).toBe(true);
    expect(result.ok && [join(base, 'renderer-evil.js'), '/etc/passwd'].includes(result.file)).toBe(false);
  });

  it('refuses encoded separators, empty segments and bad escapes outright', () => {
    for (const url of ['app://s3desk/..%2frenderer-evil.js', 'app://s3desk/..%5cx.js', 'app://s3desk/a//b.js', 'app://s3desk/%zz.js', 'app://s3desk/a%00.js'])
      expect(resolveAppFile(url, root)).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses other schemes, hosts, credentials and ports', () => {
    for (const url of [
      'file:///etc/passwd',
      'file:///tmp/renderer-evil.js',
      'app://evil/index.html',
      'app://user@s3desk/index.html',
      'app://s3desk:8080/index.html',
      'https://s3desk/index.html',
      's3desk-drag://object/?c=1',
      'not a url',
    ])
      expect(resolveAppFile(url, root)).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses file types the renderer never emits', () => {
    expect(resolveAppFile('app://s3desk/assets/notes.md', root)).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppFile('app://s3desk/assets', root)).toMatchObject({ ok: false, status: 404 });
  });
});

describe('createAppProtocolHandler', () => {
  it('serves the page with the CSP, nosniff and its MIME type', async () => {
    const response = await get(APP_PAGE_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('./assets/index.js');
  });

  it('serves a script with a JavaScript type (module scripts need one) and HEAD without a body', async () => {
    const script = await get('app://s3desk/assets/index.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("app");');
    const head = await get('app://s3desk/assets/index.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('console.log("app");'.length));
    expect(await head.text()).toBe('');
  });

  it.each([
    'app://s3desk/../renderer-evil.js',
    'app://s3desk/%2e%2e/renderer-evil.js',
    'app://s3desk/%2e%2e/elsewhere/evil.js',
    'app://s3desk/..%2felsewhere%2fevil.js',
    'app://s3desk/linked/evil.js',
    'app://s3desk/missing.js',
    'file://BASE/elsewhere/evil.js',
  ])('never answers a script outside the folder: %s', async (url) => {
    const response = await get(url.replace('BASE', base));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain('evil');
  });

  it('answers only GET and HEAD', async () => {
    expect((await get(APP_PAGE_URL, 'POST')).status).toBe(405);
    expect((await get(APP_PAGE_URL, 'PUT')).status).toBe(405);
  });
});
