import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../main/core/create-core';
import { unwrap } from '../testkit/core-fixture';
import { startS3Server, TEST_CREDENTIALS, type TestS3Server } from '../testkit/s3-server';
import { crc32 } from './png';
import { DEMO_BIG_COUNT, DEMO_BIG_FOLDER, DEMO_BUCKETS, seedDemo } from './seed';

/** Check a PNG the way a decoder would: signature, chunk CRCs, IHDR, and the inflated pixel data's size. */
function checkPng(data: Buffer): { width: number; height: number } {
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('ascii', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    expect(data.readUInt32BE(offset + 8 + length)).toBe(crc32(data.subarray(offset + 4, offset + 8 + length)));
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9]]).toEqual([8, 2]);
    }
    if (type === 'IDAT') idat.push(body);
    types.push(type);
    offset += 12 + length;
  }
  expect(types[0]).toBe('IHDR');
  expect(types.at(-1)).toBe('IEND');
  expect(inflateSync(Buffer.concat(idat)).length).toBe((width * 3 + 1) * height);
  return { width, height };
}

let server: TestS3Server;
beforeAll(async () => {
  server = await startS3Server();
  seedDemo(server);
});
afterAll(() => server.close());

describe('the demo seed', () => {
  it('creates the promised buckets, visible over HTTP', async () => {
    const core = createCore();
    try {
      const { id } = unwrap(
        await core.handlers['connections:add']({ name: 'd', endpoint: server.url, region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS }),
      );
      const buckets = unwrap(await core.handlers['buckets:list']({ connectionId: id })).map((b) => b.name);
      expect([...buckets].sort()).toEqual(Object.values(DEMO_BUCKETS).sort());
      const page = unwrap(await core.handlers['objects:list']({ connectionId: id, bucket: DEMO_BUCKETS.big, prefix: DEMO_BIG_FOLDER }));
      expect(page.entries).toHaveLength(1000);
      expect(page.nextCursor).not.toBeNull();
    } finally {
      await core.dispose();
    }
  });

  it('has a 10,000-object folder', () => {
    const keys = server.keys(DEMO_BUCKETS.big, DEMO_BIG_FOLDER);
    expect(keys).toHaveLength(DEMO_BIG_COUNT);
    expect(DEMO_BIG_COUNT).toBe(10_000);
    expect(keys.every((k) => !k.slice(DEMO_BIG_FOLDER.length).includes('/'))).toBe(true);
  });

  it('has real PNG images', () => {
    const pngs = server.keys(DEMO_BUCKETS.photos).filter((k) => k.endsWith('.png'));
    expect(pngs.length).toBeGreaterThanOrEqual(10);
    for (const key of pngs) {
      const { width, height } = checkPng(server.store.getObject(DEMO_BUCKETS.photos, key).body);
      expect(width).toBeGreaterThan(0);
      expect(height).toBe(width);
    }
  });

  it('has nested folders, text, markdown and valid JSON, and keys with spaces and unicode', () => {
    const docs = server.keys(DEMO_BUCKETS.documents);
    expect(docs.some((k) => k.split('/').length >= 5)).toBe(true);
    expect(docs.filter((k) => k.endsWith('.md')).length).toBeGreaterThanOrEqual(3);
    expect(docs.some((k) => k.endsWith('.txt'))).toBe(true);
    const json = docs.filter((k) => k.endsWith('.json'));
    expect(json.length).toBeGreaterThanOrEqual(2);
    for (const key of json) expect(() => JSON.parse(server.store.getObject(DEMO_BUCKETS.documents, key).body.toString())).not.toThrow();
    expect(docs.some((k) => k.includes(' '))).toBe(true);
    expect(docs.some((k) => [...k].some((c) => c.codePointAt(0)! > 0x7f))).toBe(true);
    expect(docs.some((k) => k.endsWith('/'))).toBe(true);
  });
});
