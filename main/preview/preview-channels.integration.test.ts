/** The preview channels end to end through the core's handlers (validation, envelopes, the media handler, older versions). */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { currentLane, directClient } from '../../testkit/s3-lane';

let f: CoreFixture;
const BODY = Buffer.from(Array.from({ length: 5000 }, (_, i) => i & 0xff));

beforeAll(async () => {
  f = await startCoreFixture();
  await f.server.seed('ch-bucket', [['song.mp3', BODY]]);
});
afterAll(() => f.close());

describe('preview channels', () => {
  it('opens a media address that streams through the core handler, and closes it', async () => {
    const { url } = unwrap(await f.core.handlers['preview:media-open']({ connectionId: f.connectionId, bucket: 'ch-bucket', key: 'song.mp3', contentType: 'audio/mpeg' }));
    expect(url).toMatch(/^s3desk-media:\/\/media\/[0-9a-f-]{36}$/);
    expect(url).not.toContain('song');
    const handle = f.core.previews.mediaHandler();
    const answer = await handle(new Request(url, { headers: { range: 'bytes=100-199' } }));
    expect(answer.status).toBe(206);
    expect(Buffer.from(await answer.arrayBuffer()).equals(BODY.subarray(100, 200))).toBe(true);
    expect(unwrap(await f.core.handlers['preview:media-close']({ url }))).toEqual({ closed: true });
    expect((await handle(new Request(url, { headers: { range: 'bytes=0-1' } }))).status).toBe(404);
  });

  it('refuses a media type that is not audio or video, and an unknown connection, with closed codes', async () => {
    const html = await f.core.handlers['preview:media-open']({ connectionId: f.connectionId, bucket: 'ch-bucket', key: 'song.mp3', contentType: 'text/html' });
    expect(html.ok ? null : html.error.code).toBe('InvalidInput');
    const nobody = await f.core.handlers['preview:zip']({ connectionId: 'nope', bucket: 'ch-bucket', key: 'a.zip' });
    expect(nobody.ok ? null : nobody.error.code).toBe('NoSuchConnection');
  });

  it('answers a missing object with NoSuchKey', async () => {
    const missing = await f.core.handlers['preview:parquet']({ connectionId: f.connectionId, bucket: 'ch-bucket', key: 'gone.parquet' });
    expect(missing.ok ? null : missing.error.code).toBe('NoSuchKey');
  });
});

describe.skipIf(currentLane() === 'fauxqs')('previews of an older version (RGW; fauxqs has no versioning)', () => {
  it('text, whole bytes and media read the version asked for, by its id on every GET', { timeout: 120_000 }, async () => {
    const bucket = 'ch-versions';
    const direct = directClient(f.server);
    try {
      await f.server.createBucket(bucket);
      unwrap(await f.core.handlers['versions:set-state']({ connectionId: f.connectionId, bucket, enabled: true }));
      const old = await direct.send(new PutObjectCommand({ Bucket: bucket, Key: 'notes.txt', Body: 'the old words' }));
      await direct.send(new PutObjectCommand({ Bucket: bucket, Key: 'notes.txt', Body: 'the new words, longer' }));
      const versionId = old.VersionId!;
      const at = { connectionId: f.connectionId, bucket, key: 'notes.txt' };
      f.proxy.reset();

      const text = unwrap(await f.core.handlers['preview:text']({ ...at, versionId, offset: 0 }));
      expect(text.kind === 'text' ? text.text : text).toBe('the old words');
      const whole = unwrap(await f.core.handlers['preview:bytes']({ ...at, versionId }));
      expect(whole.kind === 'bytes' ? Buffer.from(whole.base64, 'base64').toString() : whole).toBe('the old words');
      const { url } = unwrap(await f.core.handlers['preview:media-open']({ ...at, versionId, contentType: 'audio/mpeg' }));
      const answer = await f.core.previews.mediaHandler()(new Request(url, { headers: { range: 'bytes=4-6' } }));
      expect(Buffer.from(await answer.arrayBuffer()).toString()).toBe('old');
      const gets = f.proxy.log.filter((r) => r.operation === 'GetObject');
      expect(gets.length).toBeGreaterThanOrEqual(3);
      expect(gets.every((r) => r.query.get('versionId') === versionId)).toBe(true);

      // Without an id: the current version, as before.
      const current = unwrap(await f.core.handlers['preview:text']({ ...at, offset: 0 }));
      expect(current.kind === 'text' ? current.text : current).toBe('the new words, longer');
      const bad = await f.core.handlers['preview:text']({ ...at, versionId: 'no\u0001such', offset: 0 });
      expect(bad.ok ? null : bad.error.code).toBe('InvalidInput');
    } finally {
      direct.destroy();
    }
  });
});
