/**
 * An archived object's restore state in the folder listing (issue 15), on the RGW lane. The listing asks for
 * RestoreStatus (OptionalObjectAttributes), which AWS answers and RGW 16 ignores; RGW has no RestoreObject
 * either, so the restore and the <RestoreStatus> / x-amz-restore it leads to come from the counting proxy's
 * plainly-labelled stand-in (testkit/aws-standins/restore-standin.ts). Where a listing carries no status, the
 * state comes from a HeadObject already cached, never from a HeadObject per listed object.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectEntry } from '../../shared/types';
import { installRestoreStandIn } from '../../testkit/aws-standins/restore-standin';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { currentLane, directClient } from '../../testkit/s3-lane';

describe.skipIf(currentLane() === 'fauxqs')('restore state in the listing (RGW + RestoreObject stand-in)', () => {
  let f: CoreFixture;
  let direct: S3Client;
  const bucket = 'restore-table';
  const ref = () => ({ connectionId: f.connectionId, bucket });

  const put = (key: string, storageClass?: 'GLACIER') => direct.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'x', ...(storageClass ? { StorageClass: storageClass } : {}) }));
  const list = async (prefix: string, refresh = false) => {
    const page = unwrap(await f.core.handlers['objects:list']({ ...ref(), prefix, refresh }));
    return Object.fromEntries(page.entries.filter((e): e is ObjectEntry => e.kind === 'object').map((e) => [e.name, e.restore ?? null]));
  };
  async function restore(key: string) {
    const plan = unwrap(await f.core.handlers['properties:plan']({ ...ref(), keys: [key], edit: { restore: { days: 2, tier: 'Bulk' } } }));
    expect(unwrap(await f.core.handlers['properties:run']({ planId: plan.planId })).status).toBe('done');
  }

  beforeAll(async () => {
    f = await startCoreFixture();
    direct = directClient(f.server);
    await f.server.createBucket(bucket);
  });

  afterAll(async () => {
    direct?.destroy();
    await f?.close();
  });

  it('shows in progress, then available until, from the listing itself: no HeadObject', async () => {
    const standIn = installRestoreStandIn(f.proxy);
    try {
      await put('a/cold.bin', 'GLACIER');
      await put('a/other.bin', 'GLACIER');
      await put('a/warm.txt');
      f.proxy.reset();
      expect(await list('a/')).toEqual({ 'cold.bin': null, 'other.bin': null, 'warm.txt': null });
      // Every browse listing asks for the status (AWS answers it; RGW 16 ignores the header).
      expect(f.proxy.log.filter((r) => r.operation === 'ListObjectsV2').map((r) => r.headers['x-amz-optional-object-attributes'])).toEqual(['RestoreStatus']);

      await restore('a/cold.bin');
      f.proxy.reset();
      // The restore invalidated the folder through the one path: re-listed, and the listing says so.
      expect(await list('a/')).toEqual({ 'cold.bin': { state: 'in-progress' }, 'other.bin': null, 'warm.txt': null });
      expect(f.proxy.count('ListObjectsV2')).toBe(1);

      const expiry = new Date(Date.UTC(2030, 5, 1, 12, 0, 0));
      standIn.finish(bucket, 'a/cold.bin', expiry);
      expect(await list('a/', true)).toEqual({ 'cold.bin': { state: 'available', until: expiry.getTime() }, 'other.bin': null, 'warm.txt': null });
      // A revisit is served from the cache, state included.
      f.proxy.reset();
      expect((await list('a/'))['cold.bin']).toEqual({ state: 'available', until: expiry.getTime() });
      expect(f.proxy.count()).toBe(0);
      expect(f.proxy.count('HeadObject')).toBe(0);
    } finally {
      standIn.remove();
    }
  });

  it('without a status in the listing: the state of a HeadObject already cached, still no HeadObject per object', async () => {
    // Stands for a server that ignores OptionalObjectAttributes (every one but AWS).
    const standIn = installRestoreStandIn(f.proxy, { listings: false });
    try {
      await put('b/cold.bin', 'GLACIER');
      await put('b/cold2.bin', 'GLACIER');
      await restore('b/cold.bin');
      await restore('b/cold2.bin');
      f.proxy.reset();
      expect(await list('b/')).toEqual({ 'cold.bin': null, 'cold2.bin': null });
      expect(f.proxy.count('HeadObject')).toBe(0);

      // Info reads one object's head (x-amz-restore): the table shows its state from then on, at no cost.
      expect(unwrap(await f.core.handlers['objects:head']({ ...ref(), key: 'b/cold.bin' })).restore).toEqual({ state: 'in-progress' });
      f.proxy.reset();
      expect(await list('b/')).toEqual({ 'cold.bin': { state: 'in-progress' }, 'cold2.bin': null });
      expect(f.proxy.count()).toBe(0);

      // So does the Properties view's head; a Refresh re-lists and keeps what the heads said.
      const expiry = new Date(Date.UTC(2031, 0, 1));
      standIn.finish(bucket, 'b/cold2.bin', expiry);
      unwrap(await f.core.handlers['properties:get']({ ...ref(), key: 'b/cold2.bin' }));
      f.proxy.reset();
      expect(await list('b/', true)).toEqual({ 'cold.bin': { state: 'in-progress' }, 'cold2.bin': { state: 'available', until: expiry.getTime() } });
      expect(f.proxy.count('ListObjectsV2')).toBe(1);
      expect(f.proxy.count('HeadObject')).toBe(0);
    } finally {
      standIn.remove();
    }
  });
});
