import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoreFixture, startCoreFixture } from '../../testkit/core-fixture';
import { createMediaHandler, MediaTokens } from './media-protocol';

let f: CoreFixture;
const tokens = new MediaTokens();
let handle: (request: Request) => Promise<Response>;
/** 300 000 bytes where every byte differs from its neighbours, so an off-by-one shows. */
const BODY = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7 + (i >> 8)) & 0xff));
let url: string;

beforeAll(async () => {
  f = await startCoreFixture();
  await f.server.seed('media-bucket', [
    ['clip.bin', BODY],
    ['empty.bin', Buffer.alloc(0)],
  ]);
  // A small answer cap, so capping is exercised without a large object.
  handle = createMediaHandler({ tokens, clientFor: (c, b) => f.core.context.clientFor(c, b), maxAnswerBytes: 100_000 });
  url = tokens.add({ connectionId: f.connectionId, bucket: 'media-bucket', key: 'clip.bin', contentType: 'video/mp4' });
});
afterAll(() => f.close());

async function get(range: string | null, at = url) {
  f.proxy.reset();
  const response = await handle(new Request(at, range === null ? {} : { headers: { range } }));
  const bytes = Buffer.from(await response.arrayBuffer());
  return { response, bytes, gets: f.proxy.count('GetObject'), requests: f.proxy.count(), ranges: f.proxy.log.map((r) => r.range) };
}

describe('media protocol', () => {
  it.each([
    ['start', 'bytes=0-999', 0, 999],
    ['middle', 'bytes=123456-123999', 123456, 123999],
    ['end', 'bytes=299000-299999', 299000, 299999],
    ['an end past the object, clamped', 'bytes=299990-400000', 299990, 299999],
    ['open-ended near the end', 'bytes=250000-', 250000, 299999],
    ['a suffix', 'bytes=-500', 299500, 299999],
  ])('answers a range at the %s byte-exact with one ranged GET', async (_, range, start, end) => {
    const { response, bytes, gets, requests } = await get(range);
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${BODY.length}`);
    expect(response.headers.get('content-length')).toBe(String(end - start + 1));
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(bytes.equals(BODY.subarray(start, end + 1))).toBe(true);
    expect([gets, requests]).toEqual([1, 1]);
  });

  it('caps an open-ended range at the answer limit, and the next request continues where it ended', async () => {
    const first = await get('bytes=0-');
    expect(first.response.status).toBe(206);
    expect(first.response.headers.get('content-range')).toBe(`bytes 0-99999/${BODY.length}`);
    expect(first.bytes.equals(BODY.subarray(0, 100_000))).toBe(true);
    expect(first.ranges).toEqual(['bytes=0-99999']);
    const next = await get('bytes=100000-');
    expect(next.bytes.equals(BODY.subarray(100_000, 200_000))).toBe(true);
    expect(next.gets).toBe(1);
  });

  it('answers a request without Range with the first part as 206 when the object is larger than one answer', async () => {
    const { response, bytes, gets } = await get(null);
    expect(response.status).toBe(206);
    expect(bytes.equals(BODY.subarray(0, 100_000))).toBe(true);
    expect(gets).toBe(1);
  });

  it('answers 416 for a range past the end, after one GET the server refused', async () => {
    const { response, gets } = await get('bytes=300000-300010');
    expect(response.status).toBe(416);
    expect(gets).toBe(1);
  });

  it.each(['bytes=10-5', 'bytes=0-1,5-9', 'items=0-1', 'bytes=-0', 'bytes=-', 'bytes=abc'])('answers 416 for the malformed range %s without any request', async (range) => {
    const { response, requests } = await get(range);
    expect(response.status).toBe(416);
    expect(requests).toBe(0);
  });

  it('serves an empty object as an empty 200', async () => {
    const empty = tokens.add({ connectionId: f.connectionId, bucket: 'media-bucket', key: 'empty.bin' });
    const { response, bytes } = await get(null, empty);
    expect(response.status).toBe(200);
    expect(bytes.length).toBe(0);
  });

  it('answers 404 for an unknown token and for an object that is gone, never reaching S3 for the former', async () => {
    const unknown = await get('bytes=0-1', 's3desk-media://media/not-a-token');
    expect([unknown.response.status, unknown.requests]).toEqual([404, 0]);
    const gone = tokens.add({ connectionId: f.connectionId, bucket: 'media-bucket', key: 'missing.bin' });
    expect((await get('bytes=0-1', gone)).response.status).toBe(404);
  });

  it('shows a server error mid-way as a failed load', async () => {
    const remove = f.proxy.addRule((r) => (r.operation === 'GetObject' ? { kind: 'status', status: 500, code: 'InternalError' } : undefined));
    try {
      expect((await get('bytes=0-10')).response.status).toBe(502);
    } finally {
      remove();
    }
  });
});
