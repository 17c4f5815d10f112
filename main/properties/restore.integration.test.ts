/**
 * Archive restore (issue 15) on the RGW lane. RGW 16 keeps a GLACIER storage class (testkit/rgw/rgw-server.ts
 * adds it) but has no RestoreObject: the request and the x-amz-restore state it leads to come from the
 * counting proxy's plainly-labelled stand-in (testkit/aws-standins/restore-standin.ts). What is tested here is
 * the app: the plan (only archived objects, exact requests, the tier's price), the request it sends (days,
 * tier), the state it reads back, and that an archived object can be rewritten once restored.
 */
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_US_EAST_1 } from '../../shared/cost';
import { installRestoreStandIn, type RestoreStandIn } from '../../testkit/aws-standins/restore-standin';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { currentLane, directClient } from '../../testkit/s3-lane';

describe.skipIf(currentLane() === 'fauxqs')('archive restore (RGW + RestoreObject stand-in)', () => {
  let f: CoreFixture;
  let direct: S3Client;
  let standIn: RestoreStandIn;
  const bucket = 'restore';
  const ref = () => ({ connectionId: f.connectionId, bucket });
  const COLD = 'arch/cold.bin';

  beforeAll(async () => {
    f = await startCoreFixture();
    direct = directClient(f.server);
    await f.server.createBucket(bucket);
    await direct.send(new PutObjectCommand({ Bucket: bucket, Key: COLD, Body: Buffer.alloc(3 * 1024 * 1024, 7), StorageClass: 'GLACIER', Metadata: { origin: 'tape' } }));
    await direct.send(new PutObjectCommand({ Bucket: bucket, Key: 'arch/warm.txt', Body: 'warm' }));
    standIn = installRestoreStandIn(f.proxy);
  });

  afterAll(async () => {
    standIn?.remove();
    direct?.destroy();
    await f?.close();
  });

  it('plans a restore of the archived objects only, priced by its tier, and sends exactly one RestoreObject', async () => {
    const before = unwrap(await f.core.handlers['properties:get']({ ...ref(), key: COLD }));
    expect(before.storageClass).toBe('GLACIER');
    expect(before.restore).toEqual({ state: 'none' });

    const plan = unwrap(await f.core.handlers['properties:plan']({ ...ref(), keys: ['arch/'], edit: { restore: { days: 3, tier: 'Standard' } } }));
    expect(plan.objects).toBe(1);
    expect(plan.sample).toEqual([COLD]);
    expect(plan.requests).toEqual({ RestoreObject: 1 });
    expect(plan.copies).toBe(0);
    // By hand, AWS us-east-1 GLACIER Standard tier: $0.05 per 1,000 requests + $0.01 per GB.
    expect(plan.estimate.table.id).toBe(AWS_US_EAST_1.id);
    const gb = (3 * 1024 * 1024) / 1024 ** 3;
    expect(plan.estimate.totalUsd).toBeCloseTo(0.05 / 1000 + 0.01 * gb, 10);
    expect(plan.estimate.lines.map((l) => l.label)).toEqual(['Standard restore of 1 GLACIER objects (0.0029 GB)']);

    f.proxy.reset();
    const report = unwrap(await f.core.handlers['properties:run']({ planId: plan.planId }));
    expect(report).toMatchObject({ status: 'done', succeeded: [COLD], failed: [], requests: { RestoreObject: 1 } });
    expect(f.proxy.count('RestoreObject')).toBe(1);
    expect(f.proxy.count()).toBe(1);
    expect(standIn.requests).toEqual([{ bucket, key: COLD, days: 3, tier: 'Standard' }]);
  });

  it('reads the state from x-amz-restore after the write dropped the cached head: in progress, then available until', async () => {
    const running = unwrap(await f.core.handlers['properties:get']({ ...ref(), key: COLD }));
    expect(running.restore).toEqual({ state: 'in-progress' });
    const head = unwrap(await f.core.handlers['objects:head']({ ...ref(), key: COLD }));
    expect(head.restore).toEqual({ state: 'in-progress' });

    // A second request while one runs: S3 answers 409 RestoreAlreadyInProgress, which is what the user wanted.
    const again = unwrap(await f.core.handlers['properties:plan']({ ...ref(), keys: [COLD], edit: { restore: { days: 3, tier: 'Standard' } } }));
    const report = unwrap(await f.core.handlers['properties:run']({ planId: again.planId }));
    expect(report.status).toBe('done');

    const expiry = new Date(Date.UTC(2030, 0, 2, 0, 0, 0));
    standIn.finish(bucket, COLD, expiry);
    const done = unwrap(await f.core.handlers['properties:get']({ ...ref(), key: COLD, refresh: true }));
    expect(done.restore).toEqual({ state: 'available', until: expiry.getTime() });
  });

  it('refuses to change an archived object before its restore, and rewrites it once restored', async () => {
    await direct.send(new PutObjectCommand({ Bucket: bucket, Key: 'arch/still-cold.bin', Body: 'x', StorageClass: 'GLACIER' }));
    const refused = unwrap(await f.core.handlers['properties:plan']({ ...ref(), keys: ['arch/still-cold.bin'], edit: { storageClass: 'STANDARD' } }));
    const r1 = unwrap(await f.core.handlers['properties:run']({ planId: refused.planId }));
    expect(r1.failed).toEqual([expect.objectContaining({ key: 'arch/still-cold.bin', code: 'InvalidInput' })]);
    expect(r1.failed[0]?.message).toMatch(/must be restored/);

    // COLD is restored (previous test): the copy onto itself goes through and keeps its metadata.
    const plan = unwrap(await f.core.handlers['properties:plan']({ ...ref(), keys: [COLD], edit: { storageClass: 'STANDARD' } }));
    const r2 = unwrap(await f.core.handlers['properties:run']({ planId: plan.planId }));
    expect(r2.status).toBe('done');
    const after = await direct.send(new HeadObjectCommand({ Bucket: bucket, Key: COLD }));
    expect(after.StorageClass ?? 'STANDARD').toBe('STANDARD');
    expect(after.Metadata).toEqual({ origin: 'tape' });
  });

  it('says why when nothing selected is archived, and refuses a restore mixed with other changes', async () => {
    const none = await f.core.handlers['properties:plan']({ ...ref(), keys: ['arch/warm.txt'], edit: { restore: { days: 1, tier: 'Bulk' } } });
    expect(none).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    expect(!none.ok && none.error.message).toMatch(/nothing to restore/);
    const mixed = await f.core.handlers['properties:plan']({ ...ref(), keys: [COLD], edit: { restore: { days: 1, tier: 'Bulk' }, acl: 'private' } });
    expect(!mixed.ok && mixed.error.message).toMatch(/on its own/);
    const days = await f.core.handlers['properties:plan']({ ...ref(), keys: [COLD], edit: { restore: { days: 0, tier: 'Bulk' } } });
    expect(days.ok).toBe(false);
  });
});
