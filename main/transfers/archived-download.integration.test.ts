/**
 * Downloading an archived object (issue 15), on the RGW lane. RGW 16 serves a GLACIER object's bytes and has
 * no RestoreObject, so AWS's refusal (403 InvalidObjectState), the restore and x-amz-restore come from the
 * counting proxy's plainly-labelled stand-in (testkit/aws-standins/restore-standin.ts). Tested: the download
 * fails saying the object is archived; "Restore and download" sends one RestoreObject, polls HeadObject at the
 * stated interval with the wait shown in the item's note, downloads once restored; cancel ends the wait.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ARCHIVED_NOTE, type TransferItem } from '../../shared/transfers';
import { installRestoreStandIn, type RestoreStandIn } from '../../testkit/aws-standins/restore-standin';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { currentLane, directClient } from '../../testkit/s3-lane';

describe.skipIf(currentLane() === 'fauxqs')('downloading an archived object (RGW + RestoreObject stand-in)', () => {
  let f: CoreFixture;
  let direct: S3Client;
  let standIn: RestoreStandIn;
  let dest: string;
  const bucket = 'archived-dl';
  const item = (key: string) => f.core.transfers.list().items.find((i) => i.key === key) as TransferItem | undefined;

  beforeAll(async () => {
    dest = await mkdtemp(path.join(os.tmpdir(), 's3desk-archived-'));
    f = await startCoreFixture({ transfers: { restorePollMs: 40, throttleMs: 10 } });
    direct = directClient(f.server);
    await f.server.createBucket(bucket);
    standIn = installRestoreStandIn(f.proxy);
  });

  afterAll(async () => {
    standIn?.remove();
    direct?.destroy();
    await f?.close();
    await rm(dest, { recursive: true, force: true });
  });

  async function archivedObject(key: string, body: string) {
    await direct.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, StorageClass: 'GLACIER' }));
    standIn.archive(bucket, key);
    unwrap(await f.core.handlers['transfers:download']({ connectionId: f.connectionId, bucket, items: [{ key, kind: 'object' }], destination: dest, conflict: 'overwrite' }));
    await f.core.transfers.queue.whenIdle();
    return item(key)!;
  }

  it('says the object is archived, then restores, waits at the stated interval and downloads', async () => {
    const failed = await archivedObject('tape.bin', 'bytes from the vault');
    expect(failed).toMatchObject({ state: 'failed', note: ARCHIVED_NOTE, error: { code: 'Conflict' } });
    expect(failed.error?.message).toMatch(/archived \(GLACIER or DEEP_ARCHIVE\) and not restored/);
    await expect(readFile(path.join(dest, 'tape.bin'))).rejects.toThrow();

    f.proxy.reset();
    expect(unwrap(await f.core.handlers['transfers:restore-download']({ ids: [failed.id], restore: { days: 1, tier: 'Bulk' } }))).toEqual({ count: 1 });
    // Waiting: the note states the interval; HeadObject goes out once per interval, nothing per byte.
    await vi.waitFor(() => expect(f.proxy.count('HeadObject')).toBeGreaterThanOrEqual(3), { timeout: 20_000, interval: 10 });
    expect(item('tape.bin')).toMatchObject({ state: 'running' });
    expect(item('tape.bin')?.note).toMatch(/^waiting for the Bulk restore: checked at \d\d:\d\d, checking every 40 ms$/);
    expect(standIn.requests).toEqual([{ bucket, key: 'tape.bin', days: 1, tier: 'Bulk' }]);
    expect(f.proxy.count('GetObject')).toBe(0);

    standIn.finish(bucket, 'tape.bin', new Date(Date.now() + 86_400_000));
    await f.core.transfers.queue.whenIdle();
    expect(item('tape.bin')).toMatchObject({ state: 'done', note: null });
    expect(await readFile(path.join(dest, 'tape.bin'), 'utf8')).toBe('bytes from the vault');
  });

  it('cancel ends the wait; only archived failures are offered a restore', async () => {
    const failed = await archivedObject('deep.bin', 'deep bytes');
    unwrap(await f.core.handlers['transfers:restore-download']({ ids: [failed.id], restore: { days: 2, tier: 'Standard' } }));
    await vi.waitFor(() => expect(item('deep.bin')?.note ?? '').toMatch(/^waiting for the Standard restore/), { timeout: 20_000, interval: 10 });
    expect(unwrap(await f.core.handlers['transfers:cancel']({ ids: [failed.id] }))).toEqual({ count: 1 });
    await f.core.transfers.queue.whenIdle();
    expect(item('deep.bin')?.state).toBe('cancelled');
    await expect(readFile(path.join(dest, 'deep.bin'))).rejects.toThrow();

    // A done item (tape.bin) is no archived failure: nothing to restore.
    expect(unwrap(await f.core.handlers['transfers:restore-download']({ ids: [item('tape.bin')!.id], restore: { days: 1, tier: 'Bulk' } }))).toEqual({ count: 0 });
  });
});
