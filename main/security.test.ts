import { describe, expect, it } from 'vitest';
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

  it('forbids plugins, base rewriting, form posts and framing', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });
});

const packagedPage = 'file:///opt/app/out/renderer/index.html';

describe('isAppUrl', () => {
  const packaged = 'file:///opt/S3%20Desk/resources/app.asar/out/renderer/index.html';

  it('accepts exactly the bundled index.html when there is no dev server', () => {
    expect(isAppUrl(packaged, packaged)).toBe(true);
    expect(isAppUrl(`${packaged}#/browse`, packaged)).toBe(true);
    expect(isAppUrl('file:///opt/S3 Desk/resources/app.asar/out/renderer/index.html', packaged)).toBe(true);
    expect(isAppUrl('file:///home/user/Downloads/evil.html', packaged)).toBe(false);
    expect(isAppUrl('file:///opt/S3%20Desk/resources/app.asar/out/renderer/other.html', packaged)).toBe(false);
    expect(isAppUrl('https://example.com/', packaged)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', packaged)).toBe(false);
    expect(isAppUrl('data:text/html,<script>alert(1)</script>', packaged)).toBe(false);
    expect(isAppUrl('javascript:alert(1)', packaged)).toBe(false);
  });

  it('folds the case of a Windows drive letter only', () => {
    const win = 'file:///C:/Program%20Files/S3%20Desk/resources/app.asar/out/renderer/index.html';
    expect(isAppUrl('file:///c:/Program%20Files/S3%20Desk/resources/app.asar/out/renderer/index.html', win)).toBe(true);
    expect(isAppUrl('file:///C:/program%20files/S3%20Desk/resources/app.asar/out/renderer/index.html', win)).toBe(false);
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
    expect(isAppUrl('', packagedPage)).toBe(false);
    expect(isAppUrl('not a url', packagedPage)).toBe(false);
  });
});
