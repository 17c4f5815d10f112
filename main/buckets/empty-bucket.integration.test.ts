/**
 * "Empty and delete" against a real S3 (issue 15; RGW only: fauxqs has no versions, delete markers or object
 * lock). The plan's counts are exact (current objects, older versions, delete markers, incomplete uploads) and
 * nothing is deleted while planning; the run sends what the plan said, at the wire; a version the server
 * refuses (object lock) is reported per key and the bucket is then kept; a cancel stops between batches.
 */
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  HeadBucketCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationProgress } from '../../shared/operations';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { currentLane, directClient } from '../../testkit/s3-lane';

describe.skipIf(currentLane() === 'fauxqs')('empty and delete (RGW)', () => {
  let f: CoreFixture;
  let direct: S3Client;
  const progress: OperationProgress[] = [];
  const plan = (bucket: string) => f.core.handlers['buckets:empty-plan']({ connectionId: f.connectionId, bucket });
  const gone = async (bucket: string) => direct.send(new HeadBucketCommand({ Bucket: bucket })).then(() => false, () => true);

  beforeAll(async () => {
    f = await startCoreFixture({
      events: (channel, payload) => {
        if (channel === 'operations:progress') progress.push(payload as OperationProgress);
      },
    });
    direct = directClient(f.server);
  });

  afterAll(async () => {
    direct?.destroy();
    await f?.close();
  });

  it('plans exact counts of objects, older versions, delete markers and uploads, sends no delete, then runs exactly that', async () => {
    await f.server.createBucket('versioned');
    await direct.send(new PutBucketVersioningCommand({ Bucket: 'versioned', VersioningConfiguration: { Status: 'Enabled' } }));
    for (const body of ['1', '22', '333']) await direct.send(new PutObjectCommand({ Bucket: 'versioned', Key: 'a.txt', Body: body }));
    await direct.send(new PutObjectCommand({ Bucket: 'versioned', Key: 'docs/b.txt', Body: 'bbbb' }));
    await direct.send(new PutObjectCommand({ Bucket: 'versioned', Key: 'gone.txt', Body: 'x' }));
    await direct.send(new DeleteObjectCommand({ Bucket: 'versioned', Key: 'gone.txt' }));
    await direct.send(new CreateMultipartUploadCommand({ Bucket: 'versioned', Key: 'big.bin' }));

    f.proxy.reset();
    const p = unwrap(await plan('versioned'));
    // a.txt ×3 (1 current, 2 older), docs/b.txt (current), gone.txt (1 older + its current marker).
    expect([p.objects, p.noncurrentVersions, p.deleteMarkers, p.incompleteUploads]).toEqual([2, 3, 1, 1]);
    expect(p.bytes).toBe(1 + 2 + 3 + 4 + 1);
    expect(p.requests).toEqual({ abortUploads: 1, deleteObjects: 1, deleteBucket: 1 });
    expect(p.listRequests).toBe(f.proxy.count('ListObjectVersions') + f.proxy.count('ListMultipartUploads'));
    expect(f.proxy.count('ListObjectVersions')).toBe(1);
    expect(p.sample).toEqual(['a.txt', 'docs/b.txt', 'gone.txt']);
    expect(p.estimate.requests.delete).toBe(3);
    expect(f.proxy.log.filter((r) => /^(Delete|Abort)/.test(r.operation))).toHaveLength(0);

    f.proxy.reset();
    progress.length = 0;
    const report = unwrap(await f.core.handlers['buckets:empty-run']({ planId: p.planId }));
    expect(report).toMatchObject({ status: 'deleted', removed: 6, uploadsAborted: 1, failed: [], notRun: 0, bucketError: null });
    expect([f.proxy.count('AbortMultipartUpload'), f.proxy.count('DeleteObjects'), f.proxy.count('DeleteBucket')]).toEqual([1, 1, 1]);
    expect(await gone('versioned')).toBe(true);
    const last = progress.at(-1);
    expect(last).toMatchObject({ operationId: p.planId, kind: 'empty-bucket', total: 7, done: 7, failed: 0, finished: true });
    // A plan runs once.
    expect(await f.core.handlers['buckets:empty-run']({ planId: p.planId })).toMatchObject({ ok: false, error: { code: 'Conflict' } });
  });

  it('an unversioned bucket past one page: every object as version "null", DeleteObjects per 1,000', async () => {
    await f.server.seed('flat', Array.from({ length: 1_005 }, (_, i): [string, string] => [`k/${String(i).padStart(4, '0')}`, 'x']));
    f.proxy.reset();
    const p = unwrap(await plan('flat'));
    expect([p.objects, p.noncurrentVersions, p.deleteMarkers, p.incompleteUploads]).toEqual([1_005, 0, 0, 0]);
    expect(p.requests.deleteObjects).toBe(2);
    expect(f.proxy.count('ListObjectVersions')).toBeGreaterThanOrEqual(2);
    f.proxy.reset();
    const report = unwrap(await f.core.handlers['buckets:empty-run']({ planId: p.planId }));
    expect(report).toMatchObject({ status: 'deleted', removed: 1_005 });
    expect(f.proxy.count('DeleteObjects')).toBe(2);
    expect(await gone('flat')).toBe(true);
  });

  it('a version the server refuses (object lock) is reported by key; the bucket is kept and DeleteBucket is not sent', async () => {
    await direct.send(new CreateBucketCommand({ Bucket: 'locked', ObjectLockEnabledForBucket: true }));
    const until = new Date(Date.now() + 86_400_000);
    await direct.send(new PutObjectCommand({ Bucket: 'locked', Key: 'keep.txt', Body: 'k', ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: until }));
    await direct.send(new PutObjectCommand({ Bucket: 'locked', Key: 'free.txt', Body: 'f' }));
    const p = unwrap(await plan('locked'));
    expect(p.objects).toBe(2);
    f.proxy.reset();
    const report = unwrap(await f.core.handlers['buckets:empty-run']({ planId: p.planId }));
    expect(report.status).toBe('partial');
    expect(report.removed).toBe(1);
    expect(report.failed.map((x) => x.key)).toEqual(['keep.txt']);
    expect(report.failed[0]?.code).toMatch(/AccessDenied/);
    expect(f.proxy.count('DeleteBucket')).toBe(0);
    const left = (await direct.send(new ListObjectVersionsCommand({ Bucket: 'locked' }))).Versions?.map((v) => v.Key);
    expect(left).toEqual(['keep.txt']);
  });

  it('a cancel stops between DeleteObjects batches: the rest is not run and the bucket stays', async () => {
    await f.server.seed('halt', Array.from({ length: 1_500 }, (_, i): [string, string] => [`h/${String(i).padStart(4, '0')}`, 'x']));
    const p = unwrap(await plan('halt'));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let seen!: () => void;
    const reached = new Promise<void>((r) => (seen = r));
    const undo = f.proxy.addRule((r) => {
      if (r.operation !== 'DeleteObjects') return undefined;
      seen();
      return { kind: 'hold', until: held };
    });
    f.proxy.reset();
    const running = f.core.handlers['buckets:empty-run']({ planId: p.planId });
    await reached;
    expect(unwrap(await f.core.handlers['buckets:empty-cancel']({ id: p.planId }))).toEqual({ cancelled: true });
    release();
    const report = unwrap(await running);
    undo();
    expect(report).toMatchObject({ status: 'cancelled', removed: 1_000, notRun: 500, failed: [] });
    expect([f.proxy.count('DeleteObjects'), f.proxy.count('DeleteBucket')]).toEqual([1, 0]);
    expect(await gone('halt')).toBe(false);
    expect((await f.server.keys('halt')).length).toBe(500);
  });

  it('the counting itself can be cancelled by its planningId: Cancelled, and no plan is left to run', async () => {
    await f.server.seed('count-me', [['a', 'x']]);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let seen!: () => void;
    const reached = new Promise<void>((r) => (seen = r));
    const undo = f.proxy.addRule((r) => (r.operation === 'ListObjectVersions' ? (seen(), { kind: 'hold', until: held }) : undefined));
    const planning = f.core.handlers['buckets:empty-plan']({ connectionId: f.connectionId, bucket: 'count-me', planningId: 'count-1' });
    await reached;
    expect(unwrap(await f.core.handlers['buckets:empty-cancel']({ id: 'count-1' }))).toEqual({ cancelled: true });
    release();
    expect(await planning).toMatchObject({ ok: false, error: { code: 'Cancelled' } });
    undo();
    expect(await gone('count-me')).toBe(false);
  });
});
