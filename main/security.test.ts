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

describe('isAppUrl', () => {
  it('accepts the packaged app page only as a file: URL when there is no dev server', () => {
    expect(isAppUrl('file:///opt/S3%20Desk/resources/app.asar/out/renderer/index.html', undefined)).toBe(true);
    expect(isAppUrl('https://example.com/', undefined)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', undefined)).toBe(false);
    expect(isAppUrl('data:text/html,<script>alert(1)</script>', undefined)).toBe(false);
    expect(isAppUrl('javascript:alert(1)', undefined)).toBe(false);
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
    expect(isAppUrl('', undefined)).toBe(false);
    expect(isAppUrl('not a url', undefined)).toBe(false);
  });
});
