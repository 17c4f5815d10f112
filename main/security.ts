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

/** Whether a URL is the app's own page (the built file, or the dev server while developing). */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const u = new URL(url);
    if (devServerUrl) return u.origin === new URL(devServerUrl).origin;
    return u.protocol === 'file:';
  } catch {
    return false;
  }
}
