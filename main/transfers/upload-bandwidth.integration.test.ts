/**
 * The upload bandwidth limit on the lib-storage path (multipart uploads without a journal, as headless callers
 * and streamed sources run them): the file's reads wait for the shared token bucket, so the parts leave at the
 * limit. The lower bound is what a limit guarantees and cannot be met by a busy machine; the upper one is loose
 * (the ±10% figure is the bench's, measured on a quiet machine).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';

const MiB = 1024 * 1024;

describe('upload bandwidth limit, lib-storage multipart path', () => {
  let f: CoreFixture;
  let dir: string;
  beforeAll(async () => {
    // No user-data folder: no journal, so a file above one part goes through lib-storage's Upload.
    f = await startCoreFixture({ transfers: { upload: { partSize: 5 * MiB, partConcurrency: 4 }, throttleMs: 10 } });
    dir = await mkdtemp(path.join(os.tmpdir(), 's3desk-upload-bw-'));
    await f.server.createBucket('paced');
  }, 60_000);
  afterAll(async () => {
    await f?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('holds a 20 MiB multipart upload to 8 MiB/s, then lifts the limit for the next one', { timeout: 60_000 }, async () => {
    const body = randomBytes(20 * MiB);
    const src = path.join(dir, 'big.bin');
    await writeFile(src, body);
    const rate = 8 * MiB;
    expect(unwrap(await f.core.handlers['transfers:bandwidth']({ upload: rate }))).toEqual({ download: null, upload: rate });
    f.proxy.reset();
    const started = performance.now();
    unwrap(await f.core.handlers['transfers:upload']({ ...ref(f), prefix: 'a/', paths: [src], conflict: 'overwrite' }));
    await f.core.transfers.queue.whenIdle();
    const limitedMs = performance.now() - started;
    expect(f.core.transfers.list().items.map((i) => i.state)).toEqual(['done']);
    expect(f.proxy.count('CreateMultipartUpload')).toBe(1);
    expect(f.proxy.count('UploadPart')).toBe(4);
    expect((await f.server.body('paced', 'a/big.bin')).equals(body)).toBe(true);
    const idealMs = (body.length / rate) * 1000;
    // The bucket grants at most a 50 ms burst ahead of the rate.
    expect(limitedMs).toBeGreaterThanOrEqual(idealMs * 0.9);
    expect(limitedMs).toBeLessThan(idealMs * 2);

    unwrap(await f.core.handlers['transfers:bandwidth']({ upload: null }));
    const again = performance.now();
    unwrap(await f.core.handlers['transfers:upload']({ ...ref(f), prefix: 'b/', paths: [src], conflict: 'overwrite' }));
    await f.core.transfers.queue.whenIdle();
    expect(performance.now() - again).toBeLessThan(limitedMs);
    expect((await f.server.body('paced', 'b/big.bin')).equals(body)).toBe(true);
  });
});

const ref = (f: CoreFixture) => ({ connectionId: f.connectionId, bucket: 'paced' });
