import { describe, expect, it } from 'vitest';
import { downloadUrlData, dragFileName, dragStreamUrl, parseDragStreamUrl } from './drag-stream';

const HOSTILE_KEYS = [
  'plain.bin',
  'a/b/c d.txt',
  '../../etc/passwd',
  '..',
  'a/./b/../c',
  '%2E%2E/%2F',
  'q?x=1&k=evil#frag',
  'ünïcødé/名前.txt',
  'emoji 🎉.png',
  'colon:in:name',
  'back\\slash',
  'a+b=c',
];

describe('drag-stream addresses', () => {
  it.each(HOSTILE_KEYS)('round-trips the key %j exactly', (key) => {
    const ref = { connectionId: 'conn-1', bucket: 'my.bucket-1', key };
    expect(parseDragStreamUrl(dragStreamUrl(ref))).toEqual(ref);
  });

  it.each(HOSTILE_KEYS)('survives URL parsing as a standard scheme would (no path normalization): %j', (key) => {
    const ref = { connectionId: 'c', bucket: 'b', key };
    // Chromium canonicalizes a standard scheme's address like http's before the handler sees it (dot segments,
    // host case, escapes); WHATWG URL does that for http, so parse it as http and put the scheme back.
    const asHttp = dragStreamUrl(ref).replace(/^s3desk-drag:/, 'http:');
    const canonical = new URL(asHttp).href.replace(/^http:/, 's3desk-drag:');
    expect(parseDragStreamUrl(canonical)).toEqual(ref);
  });

  it('refuses addresses the app did not make', () => {
    expect(parseDragStreamUrl('https://example.com/?c=a&b=b&k=k')).toBeNull();
    expect(parseDragStreamUrl('s3desk-drag://object/?c=a&b=b')).toBeNull();
    expect(parseDragStreamUrl('s3desk-drag://object/?c=a&b=b&k=k&k=again')).toBeNull();
    expect(parseDragStreamUrl('s3desk-drag://object/?c=a&b=b&k=')).toBeNull();
    expect(parseDragStreamUrl('s3desk-drag://object/?c=a&b=b&k=%E0%A4%A')).toBeNull();
    expect(parseDragStreamUrl('s3desk-drag://object/?c=a&b=b&k=k&x=1')).toBeNull();
    expect(parseDragStreamUrl('s3desk-drag://other/?c=a&b=b&k=k')).toBeNull();
  });
});

describe('dragFileName', () => {
  it('is the last key segment', () => {
    expect(dragFileName('photos/2024/beach.jpg')).toBe('beach.jpg');
  });
  it('never carries a separator, a colon (it would end the name in DownloadURL) or a control character', () => {
    expect(dragFileName('a/b:c\\d\u0000e')).toBe('b_c_d_e');
  });
  it('names keys without a usable last segment "download"', () => {
    expect(dragFileName('x/..')).toBe('download');
    expect(dragFileName('.')).toBe('download');
    expect(dragFileName('///')).toBe('download');
  });
});

describe('downloadUrlData', () => {
  it('is "mime:name:address", with the name ending at the second colon', () => {
    const ref = { connectionId: 'c1', bucket: 'b', key: 'dir/re:port.pdf' };
    const data = downloadUrlData(ref);
    const first = data.indexOf(':');
    const second = data.indexOf(':', first + 1);
    expect(data.slice(0, first)).toBe('application/octet-stream');
    expect(data.slice(first + 1, second)).toBe('re_port.pdf');
    expect(parseDragStreamUrl(data.slice(second + 1))).toEqual(ref);
  });
});
