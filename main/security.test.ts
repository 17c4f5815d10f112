import { describe, expect, it } from 'vitest';
import { MEDIA_SCHEME } from '../shared/preview';
import { CONTENT_SECURITY_POLICY, isAppUrl } from './security';

/** The CSP as directive → sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('CONTENT_SECURITY_POLICY', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('denies everything by default', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
  });

  it('runs only the bundled scripts: no eval, no inline scripts, no remote hosts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
    expect(csp.get('script-src')).toEqual(["'self'"]);
  });

  it('lets the page connect to nothing but itself (S3 is reached through main)', () => {
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    for (const sources of csp.values()) expect(sources.some((s) => /^(https?:|\*|wss?:)/.test(s))).toBe(false);
  });

  it('admits no other origin or scheme: under app://s3desk/ "self" is the app’s own files only', () => {
    for (const [name, sources] of csp) {
      const schemes = sources.filter((s) => /^[a-z][a-z0-9+.-]*:/i.test(s));
      // data:/blob: images only (previews, icons), the media scheme for media only; never file:, app: or
      // another host for anything.
      const allowed = (s: string) => (name === 'img-src' && (s === 'data:' || s === 'blob:')) || (name === 'media-src' && s === `${MEDIA_SCHEME}:`);
      expect(schemes.filter((s) => !allowed(s)), name).toEqual([]);
      expect(sources.filter((s) => s.includes('*') || s.includes('.')), name).toEqual([]);
    }
  });

  it('forbids plugins, base rewriting, form posts and framing', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });
});

const packaged = 'app://s3desk/index.html';

describe('isAppUrl', () => {
  it('accepts exactly the page on the app protocol when there is no dev server', () => {
    expect(isAppUrl(packaged, packaged)).toBe(true);
    expect(isAppUrl(`${packaged}#/browse`, packaged)).toBe(true);
    expect(isAppUrl(`${packaged}?x=1`, packaged)).toBe(true);
    expect(isAppUrl('app://s3desk/other.html', packaged)).toBe(false);
    expect(isAppUrl('app://s3desk/assets/index.js', packaged)).toBe(false);
    expect(isAppUrl('app://evil/index.html', packaged)).toBe(false);
    expect(isAppUrl('app://user:pw@s3desk/index.html', packaged)).toBe(false);
    expect(isAppUrl('s3desk-drag://s3desk/index.html', packaged)).toBe(false);
  });

  it('rejects local files and opaque origins, which Node gives the same "null" origin as app:', () => {
    expect(new URL(packaged).origin).toBe(new URL('data:text/html,x').origin);
    expect(isAppUrl('file:///opt/S3%20Desk/resources/app.asar/out/renderer/index.html', packaged)).toBe(false);
    expect(isAppUrl('file:///home/user/Downloads/index.html', packaged)).toBe(false);
    expect(isAppUrl('data:text/html,<script>alert(1)</script>', packaged)).toBe(false);
    expect(isAppUrl('javascript:alert(1)', packaged)).toBe(false);
    expect(isAppUrl('about:blank', packaged)).toBe(false);
    expect(isAppUrl('https://example.com/index.html', packaged)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', packaged)).toBe(false);
  });

  it('accepts exactly the dev server origin while developing', () => {
    const dev = 'http://localhost:5173';
    expect(isAppUrl('http://localhost:5173/index.html#/x', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isAppUrl('http://localhost.evil.com:5173/', dev)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', dev)).toBe(false);
  });

  it('rejects what is not a URL', () => {
    expect(isAppUrl('', packaged)).toBe(false);
    expect(isAppUrl('not a url', packaged)).toBe(false);
  });
});
