/** Security policy for the app window, kept free of Electron imports so it can be unit-tested. */

/** The renderer loads only its own bundle; it talks to S3 through main, never directly. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** A file path from a file: URL, with a Windows drive letter's case folded (Chromium and Node may differ). */
function filePath(u: URL): string {
  return decodeURIComponent(u.pathname).replace(/^\/([A-Za-z]):/, (_m, d: string) => `/${d.toLowerCase()}:`);
}

/**
 * Whether a URL is the app's own page: the dev server's origin while developing, otherwise exactly the bundled
 * index.html (query and hash aside), so no other local file can navigate in or call IPC.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const u = new URL(url);
    const app = new URL(appUrl);
    if (app.protocol === 'file:') return u.protocol === 'file:' && u.host === app.host && filePath(u) === filePath(app);
    return u.origin === app.origin;
  } catch {
    return false;
  }
}
