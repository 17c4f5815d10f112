import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { MAX_PRESIGN_SECONDS } from '../../shared/operations';
import { currentLane } from '../../testkit/s3-lane';

let f: CoreFixture;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  f = await startCoreFixture({ operations: { preview: { textBytes: 64 * 1024, imageMaxBytes: 100_000 } } });
  const long = Array.from({ length: 20_000 }, (_, i) => `line ${i} ünïcødé\n`).join('');
  await f.server.seed('pv-bucket', [
    ['notes/short.txt', 'hello world\n'],
    ['notes/long.log', long],
    ['notes/empty.txt', ''],
    ['bin/blob.bin', Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10])],
    ['img/dot.png', PNG],
    ['img/large.png', Buffer.concat([PNG.subarray(0, 16), Buffer.alloc(150_000, 7)])],
    ['img/bigger-than-range.png', Buffer.concat([PNG, Buffer.alloc(80_000, 1)])],
    ['share/a b+c#?.txt', 'shared body'],
  ]);
});
afterAll(() => f.close());
afterEach(() => f.proxy.clearRules());

const preview = (key: string) => f.core.handlers['operations:preview']({ connectionId: f.connectionId, bucket: 'pv-bucket', key });

describe('preview', () => {
  it('reads a short text file with one Range GET and no HEAD', async () => {
    f.proxy.reset();
    expect(unwrap(await preview('notes/short.txt'))).toMatchObject({ kind: 'text', text: 'hello world\n', truncated: false, size: 12 });
    expect(f.proxy.count('GetObject')).toBe(1);
    expect(f.proxy.count()).toBe(1);
  });

  it('reads only the first 64 KiB of a long text file and says it is truncated', async () => {
    f.proxy.reset();
    const p = unwrap(await preview('notes/long.log'));
    if (p.kind !== 'text') throw new Error(`expected text, got ${p.kind}`);
    expect(p.truncated).toBe(true);
    expect(p.size).toBe((await f.server.body('pv-bucket', 'notes/long.log')).length);
    expect(Buffer.byteLength(p.text)).toBeLessThanOrEqual(64 * 1024);
    expect(Buffer.byteLength(p.text)).toBeGreaterThan(64 * 1024 - 4);
    expect(p.text.startsWith('line 0 ünïcødé\nline 1')).toBe(true);
    expect(f.proxy.count()).toBe(1);
  });

  it('previews an empty file as empty text', async () => {
    expect(unwrap(await preview('notes/empty.txt'))).toMatchObject({ kind: 'text', text: '', size: 0 });
  });

  it('refuses binary content', async () => {
    expect(unwrap(await preview('bin/blob.bin'))).toMatchObject({ kind: 'none', reason: 'binary', size: 7 });
  });

  it('returns a small image as a data URL with the sniffed type', async () => {
    const p = unwrap(await preview('img/dot.png'));
    expect(p).toMatchObject({ kind: 'image', contentType: 'image/png', size: PNG.length });
    if (p.kind === 'image') expect(Buffer.from(p.dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64').equals(PNG)).toBe(true);
  });

  it('fetches the rest of an image larger than the first range with one more Range GET', async () => {
    f.proxy.reset();
    const p = unwrap(await preview('img/bigger-than-range.png'));
    expect(p).toMatchObject({ kind: 'image', size: PNG.length + 80_000 });
    if (p.kind === 'image') expect(Buffer.from(p.dataUrl.split(',')[1] ?? '', 'base64').length).toBe(PNG.length + 80_000);
    expect(f.proxy.count('GetObject')).toBe(2);
  });

  it('refuses an image over the size limit after one Range GET', async () => {
    f.proxy.reset();
    expect(unwrap(await preview('img/large.png'))).toMatchObject({ kind: 'none', reason: 'too-large' });
    expect(f.proxy.count()).toBe(1);
  });

  it('answers NoSuchKey for a missing object', async () => {
    const r = await preview('notes/missing.txt');
    expect(r.ok ? 'ok' : r.error.code).toBe('NoSuchKey');
  });
});

describe('share', () => {
  const share = (kind: 's3-uri' | 'object-url' | 'presigned', expiresInSeconds?: number) =>
    f.core.handlers['operations:share']({ connectionId: f.connectionId, bucket: 'pv-bucket', key: 'share/a b+c#?.txt', kind, expiresInSeconds });

  it('gives the s3:// URI and a path-style object URL that really addresses the object', async () => {
    expect(unwrap(await share('s3-uri')).text).toBe('s3://pv-bucket/share/a b+c#?.txt');
    const url = unwrap(await share('object-url')).text;
    expect(url).toBe(`${f.proxy.url}/pv-bucket/share/a%20b%2Bc%23%3F.txt`);
    f.proxy.reset();
    const res = await fetch(url);
    expect(f.proxy.log[0]?.key).toBe('share/a b+c#?.txt');
    // fauxqs serves anonymous reads; on a real server the object is private (and on RGW the bucket lives in the
    // test's own tenant), so there the unsigned GET is refused and only the addressed key can be checked.
    if (currentLane() === 'fauxqs') expect(await res.text()).toBe('shared body');
    else expect(res.ok).toBe(false);
  });

  it('presigns a GET valid up to 7 days without sending a request, and the URL fetches the object', async () => {
    f.proxy.reset();
    const counted = unwrap(await f.core.handlers['cache:stats']({})).requests['GetObject'] ?? 0;
    const link = unwrap(await share('presigned', MAX_PRESIGN_SECONDS));
    expect(f.proxy.count()).toBe(0);
    // The app's own request counter (status bar) does not count the signing either.
    expect(unwrap(await f.core.handlers['cache:stats']({})).requests['GetObject'] ?? 0).toBe(counted);
    const url = new URL(link.text);
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(MAX_PRESIGN_SECONDS));
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(link.expiresAt).toBeGreaterThan(Date.now() + (MAX_PRESIGN_SECONDS - 60) * 1000);
    expect(await (await fetch(link.text)).text()).toBe('shared body');
  });

  it('refuses an expiry over 7 days or under 1 second', async () => {
    for (const s of [MAX_PRESIGN_SECONDS + 1, 0, 1.5]) {
      const r = await share('presigned', s);
      expect(r.ok ? 'ok' : r.error.code).toBe('InvalidInput');
    }
  });
});
