/**
 * Buckets against a real S3 (issue 15): create (name refused before any request), info (each setting on its
 * own), delete of an empty bucket and the refusal of a non-empty one. RGW only: fauxqs has no versioning or
 * bucket encryption settings. Requests are counted at the counting proxy.
 */
import { PutBucketVersioningCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { currentLane, directClient } from '../../testkit/s3-lane';

describe.skipIf(currentLane() === 'fauxqs')('buckets (RGW)', () => {
  let f: CoreFixture;
  let direct: S3Client;

  beforeAll(async () => {
    f = await startCoreFixture();
    direct = directClient(f.server);
  });

  afterAll(async () => {
    direct?.destroy();
    await f?.close();
  });

  it('refuses a bad name before sending anything, with the reason', async () => {
    f.proxy.reset();
    const res = await f.core.handlers['buckets:create']({ connectionId: f.connectionId, name: 'Bad_Name' });
    expect(res).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    expect(!res.ok && res.error.message).toMatch(/lower-case/);
    expect(f.proxy.count()).toBe(0);
  });

  it('creates a bucket in the connection region, and lists it', async () => {
    f.proxy.reset();
    const made = unwrap(await f.core.handlers['buckets:create']({ connectionId: f.connectionId, name: 'made-here' }));
    expect(made).toEqual({ name: 'made-here', region: f.server.region });
    expect(f.proxy.count('CreateBucket')).toBe(1);
    const names = unwrap(await f.core.handlers['buckets:list']({ connectionId: f.connectionId })).map((b) => b.name);
    expect(names).toContain('made-here');
  });

  it('shows region, versioning, default encryption and public access block, each on its own', async () => {
    await direct.send(new PutBucketVersioningCommand({ Bucket: 'made-here', VersioningConfiguration: { Status: 'Enabled' } }));
    f.proxy.reset();
    const info = unwrap(await f.core.handlers['buckets:info']({ connectionId: f.connectionId, bucket: 'made-here' }));
    expect(info.name).toBe('made-here');
    expect(info.region).toEqual({ ok: true, value: f.server.region });
    expect(info.versioning).toEqual({ ok: true, value: 'enabled' });
    // Nothing configured reads as "none", not as an error.
    expect(info.encryption).toEqual({ ok: true, value: null });
    // RGW 16 may not implement the public access block: then that one setting says so and the rest shows.
    expect(info.publicAccessBlock.ok ? info.publicAccessBlock.value : info.publicAccessBlock.error.code).toBeDefined();
    expect(['GetBucketLocation', 'GetBucketVersioning', 'GetBucketEncryption', 'GetPublicAccessBlock'].map((op) => f.proxy.count(op))).toEqual([1, 1, 1, 1]);
  });

  it('deletes an empty bucket; a bucket with an object is refused, saying it is not empty', async () => {
    await f.server.createBucket('full-one');
    await direct.send(new PutObjectCommand({ Bucket: 'full-one', Key: 'a.txt', Body: 'a' }));
    const refused = await f.core.handlers['buckets:delete']({ connectionId: f.connectionId, bucket: 'full-one' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'Conflict' } });
    expect(!refused.ok && refused.error.message).toMatch(/not empty/);

    await f.server.createBucket('empty-one');
    expect(unwrap(await f.core.handlers['buckets:delete']({ connectionId: f.connectionId, bucket: 'empty-one' }))).toEqual({ deleted: true });
    const names = unwrap(await f.core.handlers['buckets:list']({ connectionId: f.connectionId })).map((b) => b.name);
    expect(names).not.toContain('empty-one');
    expect(names).toContain('full-one');
  });
});
