/**
 * The renderer's own origin: `app://s3desk/…` serves the built renderer folder (out/renderer) and nothing else.
 * Under file:// the page's 'self' was every local file (a script from any folder could load), and ES module
 * bundles needed Electron's extra file-protocol privileges; a standard, secure custom scheme has a real origin,
 * so `script-src 'self'` means exactly these files and the GrantFileProtocolExtraPrivileges fuse can go off.
 *
 * Plain Node over the fetch API's Request/Response, so tests call it directly; main/electron/app-protocol.ts only
 * registers it with Electron.
 */
import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../security';

export const APP_SCHEME = 'app';
export const APP_HOST = 's3desk';
/** The one page the window loads (and the only one allowed to navigate in or call IPC). */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Only what the renderer build emits; anything else is refused rather than guessed. */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export type AppFile = { ok: true; file: string; contentType: string } | { ok: false; status: 400 | 404; reason: string };

const refuse = (status: 400 | 404, reason: string): AppFile => ({ ok: false, status, reason });

/**
 * Maps an app:// address to a file inside `rootDir`, without touching the disk. Refused: other schemes or hosts,
 * any segment that is empty, `.` or `..` (also percent-encoded: the URL parser folds `%2e%2e` into `..`, which
 * then climbs to the root and lands on a path that is checked below), encoded separators (`%2f`, `%5c`), NUL,
 * and extensions the renderer never emits.
 */
export function resolveAppFile(url: string, rootDir: string): AppFile {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return refuse(400, 'not a URL');
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username || u.password || u.port) return refuse(400, 'not an address of this app');
  const raw = u.pathname === '/' ? '/index.html' : u.pathname;
  if (/%(2f|5c|00)|\\/i.test(raw)) return refuse(400, 'encoded separators are not allowed');
  let segments: string[];
  try {
    segments = raw.slice(1).split('/').map(decodeURIComponent);
  } catch {
    return refuse(400, 'malformed percent-encoding');
  }
  // ':' too: on Windows `C:` in a segment would make path.resolve jump to another drive.
  if (segments.some((s) => s === '' || s === '.' || s === '..' || /[\0/\\:]/.test(s)))
    return refuse(400, 'not a plain path');
  const root = resolve(rootDir);
  const file = resolve(root, ...segments);
  const inside = relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return refuse(404, 'outside the app');
  const contentType = MIME_TYPES[extname(file).toLowerCase()];
  if (!contentType) return refuse(404, 'not a file type of this app');
  return { ok: true, file, contentType };
}

export type AppProtocolHandler = (request: Request) => Promise<Response>;

/** Headers on every answer: the page's CSP comes with the document itself, not only from the meta tag. */
function baseHeaders(): Record<string, string> {
  return { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' };
}

function failure(status: number, reason: string): Response {
  return new Response(reason, { status, headers: { ...baseHeaders(), 'content-type': 'text/plain; charset=utf-8' } });
}

/** Serves `rootDir` under app://s3desk/. A symlink inside the folder that points out of it is refused too. */
export function createAppProtocolHandler(rootDir: string): AppProtocolHandler {
  const realRoot = realpath(resolve(rootDir)).catch(() => resolve(rootDir));
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return failure(405, `${request.method} is not supported`);
    const target = resolveAppFile(request.url, rootDir);
    if (!target.ok) return failure(target.status, target.reason);
    let body: Buffer;
    try {
      const real = await realpath(target.file);
      if (!real.startsWith((await realRoot) + sep)) return failure(404, 'outside the app');
      body = await readFile(real);
    } catch {
      return failure(404, 'no such file');
    }
    const headers = { ...baseHeaders(), 'content-type': target.contentType, 'content-length': String(body.length) };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
