/** The preview channels end to end through the core's handlers (validation, envelopes, the media handler). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';

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
