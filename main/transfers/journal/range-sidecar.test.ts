import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { mkdtemp, open, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import xxhash from 'xxhash-wasm';
import { RangeSidecar } from './range-sidecar';

let dir: string;
let part: string;
const data = randomBytes(4 * 1000);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const slice = (i: number) => data.subarray(i * 1000, i * 1000 + 1000);
let h64: (bytes: Uint8Array) => string;
const range = (i: number) => ({ start: i * 1000, end: i * 1000 + 999, xxh64: h64(slice(i)) });

beforeAll(async () => {
  const api = await xxhash();
  h64 = (bytes) => api.h64Raw(bytes).toString(16).padStart(16, '0');
});

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 's3desk-sidecar-test-'));
  part = path.join(dir, 'x.part');
  await writeFile(part, data);
  const { sidecar } = await RangeSidecar.load(part, '"e1"', data.length);
  for (const i of [0, 1, 3]) sidecar.record(range(i));
  await sidecar.flush();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('RangeSidecar', () => {
  it('keeps the recorded ranges whose bytes still match', async () => {
    const { sidecar, rejected } = await RangeSidecar.load(part, '"e1"', data.length);
    expect(rejected).toBe(0);
    expect([0, 1000, 2000, 3000].map((s) => sidecar.verified(s) !== undefined)).toEqual([true, true, false, true]);
    expect(sidecar.verifiedBytes).toBe(3000);
  });

  it('rejects a range whose bytes were changed, and ranges cut off by a truncation', async () => {
    const fh = await open(part, 'r+');
    await fh.write(Buffer.from('tampered'), 0, 8, 1500);
    await fh.close();
    let loaded = await RangeSidecar.load(part, '"e1"', data.length);
    expect(loaded.rejected).toBe(1);
    expect(loaded.sidecar.verified(1000)).toBeUndefined();
    expect(loaded.sidecar.verified(0)).toBeDefined();
    await truncate(part, 3500);
    loaded = await RangeSidecar.load(part, '"e1"', data.length);
    expect(loaded.sidecar.verified(3000)).toBeUndefined();
    expect(loaded.sidecar.verifiedBytes).toBe(1000);
  });

  it('keeps nothing for another ETag or size, a damaged sidecar, or none', async () => {
    expect((await RangeSidecar.load(part, '"e2"', data.length)).sidecar.verifiedBytes).toBe(0);
    expect((await RangeSidecar.load(part, '"e1"', data.length + 1)).sidecar.verifiedBytes).toBe(0);
    await writeFile(`${part}.ranges`, '{"version":1,');
    expect((await RangeSidecar.load(part, '"e1"', data.length)).sidecar.verifiedBytes).toBe(0);
    const { sidecar } = await RangeSidecar.load(path.join(dir, 'none.part'), '"e1"', 10);
    expect(sidecar.verifiedBytes).toBe(0);
    await sidecar.remove();
  });

  it.each([
    ['1 (SHA-256 per range)', 1, (i: number) => ({ start: i * 1000, end: i * 1000 + 999, sha256: sha(slice(i)) })],
    ['2 (CRC-32 per range)', 2, (i: number) => ({ start: i * 1000, end: i * 1000 + 999, crc32: crc32(slice(i)) })],
  ] as const)('still checks a version %s sidecar and keeps its good ranges with an XXH64', async (_name, version, legacy) => {
    await writeFile(`${part}.ranges`, JSON.stringify({ version, etag: '"e1"', size: data.length, ranges: [0, 2, 3].map((i) => legacy(i)) }));
    const fh = await open(part, 'r+');
    await fh.write(Buffer.from('tampered'), 0, 8, 2500);
    await fh.close();
    const { sidecar, rejected } = await RangeSidecar.load(part, '"e1"', data.length);
    expect(rejected).toBe(1);
    expect(sidecar.verified(0)).toEqual(range(0));
    expect(sidecar.verified(2000)).toBeUndefined();
    expect(sidecar.verified(3000)).toEqual(range(3));
    sidecar.record(range(1));
    await sidecar.flush();
    expect(JSON.parse(await readFile(`${part}.ranges`, 'utf8'))).toMatchObject({ version: 3, ranges: [range(0), range(3), range(1)] });
    expect((await RangeSidecar.load(part, '"e1"', data.length)).sidecar.verifiedBytes).toBe(3000);
  });
});
