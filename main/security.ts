/** Security policy for the app window, kept free of Electron imports so it can be unit-tested. */
import { MEDIA_SCHEME } from '../shared/preview';

/** The renderer loads only its own bundle; it talks to S3 through main, never directly. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  // Audio/video previews stream from main's media scheme (one ranged GET per Range request), nothing else.
  `media-src ${MEDIA_SCHEME}:`,
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * Whether a URL is the app's own page: the dev server's origin while developing, otherwise exactly the page on
 * the app protocol (app://s3desk/index.html, query and hash aside), so nothing else can navigate in or call IPC.
 * Compared by scheme, host and path, never by `origin`: Node's URL gives every non-http(s) scheme the origin
 * "null", which data: and file: addresses share.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const u = new URL(url);
    const app = new URL(appUrl);
    if (app.protocol !== 'http:' && app.protocol !== 'https:')
      return u.protocol === app.protocol && u.host === app.host && u.pathname === app.pathname && !u.username && !u.password;
    return u.origin === app.origin;
  } catch {
    return false;
  }
}
