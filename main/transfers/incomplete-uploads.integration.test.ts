import { CreateMultipartUploadCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';

const MiB = 1024 * 1024;
let f: CoreFixture;

beforeAll(async () => {
  f = await startCoreFixture();
  await f.server.createBucket('mpu');
}, 60_000);
afterAll(async () => {
  await f.close();
});

async function begin(key: string, parts: number[]): Promise<string> {
  const client = f.core.context.clientFor(f.connectionId, 'mpu');
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: 'mpu', Key: key }));
  for (const [i, size] of parts.entries()) await client.send(new UploadPartCommand({ Bucket: 'mpu', Key: key, UploadId, PartNumber: i + 1, Body: Buffer.alloc(size, i) }));
  return UploadId!;
}

describe('incomplete multipart uploads', () => {
  it('lists them with parts and bytes, and aborts one, then all, as plans', async () => {
    const a = await begin('a/big.bin', [5 * MiB, 1 * MiB]);
    const b = await begin('b.bin', [2 * MiB]);
    await begin('c.bin', []);
    f.proxy.reset();
    const h = f.core.handlers;
    const listed = unwrap(await h['transfers:incomplete-uploads']({ connectionId: f.connectionId, bucket: 'mpu' }));
    expect(listed.map((u) => [u.key, u.uploadId, u.parts, u.bytes])).toEqual([
      ['a/big.bin', a, 2, 6 * MiB],
      ['b.bin', b, 1, 2 * MiB],
      ['c.bin', expect.any(String), 0, 0],
    ]);
    expect(listed[0]!.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(listed[0]!.initiator).toBeTruthy();
    // One listing page, one ListParts per upload: counted on the wire.
    expect(f.proxy.count('ListMultipartUploads')).toBe(1);
    expect(f.proxy.count('ListParts')).toBe(3);

    const one = unwrap(await h['transfers:abort-uploads-plan']({ connectionId: f.connectionId, bucket: 'mpu', uploads: [{ key: 'a/big.bin', uploadId: a }] }));
    expect(one).toMatchObject({ count: 1, bytes: 6 * MiB });
    f.proxy.reset();
    expect(unwrap(await h['transfers:abort-uploads-run']({ planId: one.planId }))).toEqual({ aborted: 1, failed: [] });
    expect(f.proxy.count('AbortMultipartUpload')).toBe(1);
    // A plan runs once.
    expect((await h['transfers:abort-uploads-run']({ planId: one.planId })).ok).toBe(false);

    const all = unwrap(await h['transfers:abort-uploads-plan']({ connectionId: f.connectionId, bucket: 'mpu' }));
    expect(all).toMatchObject({ count: 2, bytes: 2 * MiB });
    expect(unwrap(await h['transfers:abort-uploads-run']({ planId: all.planId })).aborted).toBe(2);
    expect(unwrap(await h['transfers:incomplete-uploads']({ connectionId: f.connectionId, bucket: 'mpu' }))).toEqual([]);
  });
});
