/**
 * Parquet preview against a real server, files written in the test with hyparquet-writer. The big file is
 * ~200 MB of incompressible values: the preview must read its footer and the first pages only.
 */
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaneServer } from '../../testkit/s3-lane';
import { type CoreFixture, startCoreFixture } from '../../testkit/core-fixture';
import { previewParquet } from './parquet-preview';

let f: CoreFixture;
const BUCKET = 'pq-bucket';
const BIG_ROWS = 17_000_000;

/** fauxqs refuses single PUTs over ~11 MiB: upload in 8 MiB parts (its body limit applies to parts too), straight to the server (not counted). */
async function putMultipart(server: LaneServer, key: string, body: Buffer): Promise<void> {
  const s3 = new S3Client({ endpoint: server.url, region: server.region, forcePathStyle: true, credentials: { ...server.credentials } });
  try {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
    const parts = [];
    const partSize = 8 * 1024 * 1024;
    for (let at = 0, n = 1; at < body.length; at += partSize, n++) {
      const out = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: n, Body: body.subarray(at, at + partSize) }));
      parts.push({ PartNumber: n, ETag: out.ETag });
    }
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId, MultipartUpload: { Parts: parts } }));
  } finally {
    s3.destroy();
  }
}

/** A deterministic pseudo-random double per row (xorshift), so the test can recompute any row's value. */
function valueAt(i: number): number {
  let x = (i + 1) * 2654435761;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return (x >>> 0) / 7 + i;
}

const small = Buffer.from(
  parquetWriteBuffer({
    columnData: [
      { name: 'id', data: Int32Array.from({ length: 1000 }, (_, i) => i), type: 'INT32', nullable: false },
      { name: 'name', data: Array.from({ length: 1000 }, (_, i) => (i % 10 === 3 ? null : `name ${i} ünï`)), type: 'STRING' },
      { name: 'big', data: BigInt64Array.from({ length: 1000 }, (_, i) => BigInt(i) * 10_000_000_000n), type: 'INT64' },
    ],
    rowGroupSize: 400,
  }),
);

beforeAll(async () => {
  f = await startCoreFixture();
  await f.server.seed(BUCKET, [
    ['small.parquet', small],
    ['truncated.parquet', small.subarray(0, small.length - 100)],
    ['garbage.parquet', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(5000, 0xab), Buffer.from([0xff, 0xff, 0xff, 0x7f]), Buffer.from('PAR1')])],
    ['empty.parquet', Buffer.alloc(0)],
  ]);
  const ids = new Int32Array(BIG_ROWS);
  const values = new Float64Array(BIG_ROWS);
  for (let i = 0; i < BIG_ROWS; i++) {
    ids[i] = i;
    values[i] = valueAt(i);
  }
  // 512 KiB pages (writers default to 1 MiB): the first rows live in one page per column either way.
  const big = parquetWriteBuffer({
    columnData: [
      { name: 'id', data: ids, type: 'INT32', nullable: false },
      { name: 'value', data: values, type: 'DOUBLE', nullable: false },
    ],
    codec: 'UNCOMPRESSED',
    rowGroupSize: 4_000_000,
    pageSize: 512 * 1024,
  });
  await putMultipart(f.server, 'big.parquet', Buffer.from(big));
}, 300_000);
afterAll(() => f.close());

const preview = (key: string) =>
  previewParquet({ client: f.core.context.clientFor(f.connectionId, BUCKET), bucket: BUCKET, key }, new AbortController().signal);

describe('Parquet preview', () => {
  it('reads a 200 MB file with under 2 MB on the wire and shows its schema, row groups and first rows', async () => {
    f.proxy.reset();
    const p = await preview('big.parquet');
    if (p.kind !== 'parquet') throw new Error(p.message);
    expect(p.size).toBeGreaterThan(200_000_000);
    expect(p.rowCount).toBe(BIG_ROWS);
    expect(p.columns).toEqual([
      { name: 'id', type: 'INT32', optional: false },
      { name: 'value', type: 'DOUBLE', optional: false },
    ]);
    expect(p.rowGroupCount).toBe(5);
    expect(p.rowGroups.map((g) => g.rows)).toEqual([4_000_000, 4_000_000, 4_000_000, 4_000_000, 1_000_000]);
    expect(p.header).toEqual(['id', 'value']);
    expect(p.rows).toHaveLength(100);
    expect(p.rows[0]).toEqual(['0', String(valueAt(0))]);
    expect(p.rows[99]).toEqual(['99', String(valueAt(99))]);
    expect(p.rowsProblem).toBeNull();
    const wireBytes = f.proxy.log.reduce((sum, r) => sum + r.bytesOut, 0);
    expect(wireBytes).toBeLessThan(2_000_000);
    expect(f.proxy.log.every((r) => r.operation === 'GetObject' && r.range !== undefined)).toBe(true);
    // What the pane states is what the wire carried.
    expect(p.cost).toEqual({ requests: f.proxy.count(), bytes: wireBytes });
  }, 120_000);

  it('shows typed values, nulls and 64-bit integers exactly', async () => {
    const p = await preview('small.parquet');
    if (p.kind !== 'parquet') throw new Error(p.message);
    expect(p.rowCount).toBe(1000);
    expect(p.rowGroups.map((g) => g.rows)).toEqual([400, 400, 200]);
    expect(p.columns.map((c) => c.type)).toEqual(['INT32', 'BYTE_ARRAY / UTF8', 'INT64']);
    expect(p.rows).toHaveLength(100);
    expect(p.rows[2]).toEqual(['2', 'name 2 ünï', '20000000000']);
    expect(p.rows[3]).toEqual(['3', null, '30000000000']);
  });

  it.each([
    ['truncated.parquet', /PAR1/],
    ['garbage.parquet', /footer/],
    ['empty.parquet', /empty/],
  ])('says %s is unreadable instead of failing', async (key, message) => {
    const p = await preview(key);
    expect(p.kind).toBe('unreadable');
    if (p.kind === 'unreadable') expect(p.message).toMatch(message);
  });
});
