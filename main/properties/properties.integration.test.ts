/**
 * Object properties against a real S3 (issue 15). fauxqs has no tagging, ACLs or storage classes, so these run
 * on the RGW lane only; its second storage class (STANDARD_IA) comes from testkit/rgw/rgw-server.ts.
 */
import {
  GetObjectAclCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareListings, type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { currentLane } from '../../testkit/s3-lane';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';

describe.skipIf(currentLane() === 'fauxqs')('object properties (RGW; fauxqs has no tags, ACLs or classes)', () => {
  let f: CoreFixture;
  let direct: S3Client;
  const bucket = 'props';
  const ref = () => ({ connectionId: f.connectionId, bucket });

  const put = (key: string, extra: Partial<ConstructorParameters<typeof PutObjectCommand>[0]> = {}) =>
    direct.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: `body of ${key}`, ...extra }));
  const head = (key: string) => direct.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const tags = async (key: string) =>
    Object.fromEntries(((await direct.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }))).TagSet ?? []).map((t) => [t.Key, t.Value]));
  const publicRead = async (key: string) =>
    ((await direct.send(new GetObjectAclCommand({ Bucket: bucket, Key: key }))).Grants ?? []).some((g) => g.Grantee?.URI === ALL_USERS && g.Permission === 'READ');

  /** Plan and run an edit; the wire must see exactly what the plan announced (plus the planning's listings). */
  async function edit(keys: string[], e: Parameters<CoreFixture['core']['handlers']['properties:plan']>[0]['edit']) {
    const plan = unwrap(await f.core.handlers['properties:plan']({ ...ref(), keys, edit: e }));
    f.proxy.reset();
    const report = unwrap(await f.core.handlers['properties:run']({ planId: plan.planId }));
    return { plan, report };
  }

  const wire = (ops: string[]) => Object.fromEntries(ops.map((op) => [op, f.proxy.count(op)]).filter(([, n]) => n !== 0));

  beforeAll(async () => {
    f = await startCoreFixture();
    direct = new S3Client({
      endpoint: f.server.url,
      region: f.server.region,
      forcePathStyle: true,
      credentials: { ...f.server.credentials },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      maxAttempts: 5,
    });
    await f.server.createBucket(bucket);
  });

  afterAll(async () => {
    direct?.destroy();
    await f?.close();
  });

  const OPS = ['HeadObject', 'GetObjectTagging', 'GetObjectAcl', 'CopyObject', 'PutObjectAcl', 'PutObjectTagging', 'CreateMultipartUpload', 'UploadPartCopy', 'CompleteMultipartUpload'];

  it('shows headers, metadata, tags and ACL; the second look costs nothing; a write drops all three', async () => {
    await put('view/a.txt', { ContentType: 'text/plain', CacheControl: 'max-age=60', Metadata: { owner: 'ana' }, Tagging: 'team=blue', ACL: 'public-read' });
    f.proxy.reset();
    const p = unwrap(await f.core.handlers['properties:get']({ ...ref(), key: 'view/a.txt' }));
    expect(p.headers.contentType).toBe('text/plain');
    expect(p.headers.cacheControl).toBe('max-age=60');
    expect(p.metadata).toEqual({ owner: 'ana' });
    expect(p.tags).toEqual({ ok: true, value: [{ key: 'team', value: 'blue' }] });
    expect(p.acl.ok && p.acl.value.public).toBe(true);
    expect(p.storageClass).toBe('STANDARD');
    expect(wire(OPS)).toEqual({ HeadObject: 1, GetObjectTagging: 1, GetObjectAcl: 1 });

    f.proxy.reset();
    unwrap(await f.core.handlers['properties:get']({ ...ref(), key: 'view/a.txt' }));
    expect(f.proxy.count()).toBe(0);

    await edit(['view/a.txt'], { tags: { set: { team: 'red' } } });
    f.proxy.reset();
    const again = unwrap(await f.core.handlers['properties:get']({ ...ref(), key: 'view/a.txt' }));
    expect(again.tags).toEqual({ ok: true, value: [{ key: 'team', value: 'red' }] });
    expect(wire(OPS)).toEqual({ HeadObject: 1, GetObjectTagging: 1, GetObjectAcl: 1 });
  });

  it('a metadata REPLACE keeps tags, ACL, storage class and the other headers', async () => {
    await put('keep/a.txt', {
      ContentType: 'text/plain',
      CacheControl: 'no-cache',
      ContentLanguage: 'pt',
      Metadata: { owner: 'ana' },
      Tagging: 'team=blue&stage=prod',
      ACL: 'public-read',
      StorageClass: 'STANDARD_IA',
    });
    const { plan, report } = await edit(['keep/a.txt'], { headers: { contentType: 'text/markdown' }, metadata: { set: { reviewed: 'yes' } } });
    expect(plan.requests).toEqual({ GetObjectTagging: 1, HeadObject: 1, GetObjectAcl: 1, CopyObject: 1 });
    expect(plan.requestsAtMost).toEqual({ PutObjectTagging: 1, PutObjectAcl: 1 });
    expect(report.status).toBe('done');
    // Tags exist and the ACL was public-read, more than the owner's: both are put back after the copy.
    expect(wire(OPS)).toEqual({ GetObjectTagging: 1, HeadObject: 1, GetObjectAcl: 1, CopyObject: 1, PutObjectTagging: 1, PutObjectAcl: 1 });
    const h = await head('keep/a.txt');
    expect(h.ContentType).toBe('text/markdown');
    expect(h.CacheControl).toBe('no-cache');
    expect(h.ContentLanguage).toBe('pt');
    expect(h.Metadata).toEqual({ owner: 'ana', reviewed: 'yes' });
    expect(h.StorageClass).toBe('STANDARD_IA');
    expect(await tags('keep/a.txt')).toEqual({ team: 'blue', stage: 'prod' });
    expect(await publicRead('keep/a.txt')).toBe(true);
    expect((await f.server.body(bucket, 'keep/a.txt')).toString()).toBe('body of keep/a.txt');
  });

  it('removes a header and a metadata key; a private ACL needs no PutObjectAcl', async () => {
    await put('rm/a.txt', { ContentType: 'text/plain', ContentDisposition: 'attachment', Metadata: { a: '1', b: '2' } });
    const { report } = await edit(['rm/a.txt'], { headers: { contentDisposition: null }, metadata: { remove: ['a'] } });
    expect(report.status).toBe('done');
    // No tags, an owner-only ACL: nothing to put back.
    expect(wire(OPS)).toEqual({ GetObjectTagging: 1, HeadObject: 1, GetObjectAcl: 1, CopyObject: 1 });
    const h = await head('rm/a.txt');
    expect(h.ContentDisposition).toBeUndefined();
    expect(h.Metadata).toEqual({ b: '2' });
    expect(h.ContentType).toBe('text/plain');
  });

  it('tags and canned ACLs round trip in place, without a copy', async () => {
    await put('tags/a.txt', { Tagging: 'a=1&b=2' });
    const before = (await head('tags/a.txt')).ETag;
    const t = await edit(['tags/a.txt'], { tags: { set: { c: '3', a: 'one' }, remove: ['b'] } });
    expect(t.plan.requests).toEqual({ GetObjectTagging: 1, PutObjectTagging: 1 });
    expect(wire(OPS)).toEqual({ GetObjectTagging: 1, PutObjectTagging: 1 });
    expect(await tags('tags/a.txt')).toEqual({ a: 'one', c: '3' });

    await edit(['tags/a.txt'], { acl: 'public-read' });
    expect(wire(OPS)).toEqual({ PutObjectAcl: 1 });
    expect(await publicRead('tags/a.txt')).toBe(true);
    await edit(['tags/a.txt'], { acl: 'private' });
    expect(await publicRead('tags/a.txt')).toBe(false);
    expect((await head('tags/a.txt')).ETag).toBe(before);
  });

  it('an 11th tag is refused per key with the reason, nothing written', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => `t${i}=v`).join('&');
    await put('tags/full.txt', { Tagging: ten });
    const { report } = await edit(['tags/full.txt'], { tags: { set: { extra: 'x' } } });
    expect(report.status).toBe('failed');
    expect(report.failed[0]).toMatchObject({ key: 'tags/full.txt', code: 'InvalidInput' });
    expect(report.failed[0]?.message).toContain('at most 10');
    expect(f.proxy.count('PutObjectTagging')).toBe(0);
  });

  it('refuses metadata names and values HTTP headers cannot carry, before any request', async () => {
    f.proxy.reset();
    const space = await f.core.handlers['properties:plan']({ ...ref(), keys: ['keep/a.txt'], edit: { metadata: { set: { 'my key': 'x' } } } });
    expect(space.ok).toBe(false);
    if (!space.ok) {
      expect(space.error.code).toBe('InvalidInput');
      expect(space.error.message).toContain('a space cannot be part of an HTTP header name');
    }
    const accent = await f.core.handlers['properties:plan']({ ...ref(), keys: ['keep/a.txt'], edit: { metadata: { set: { city: 'São Paulo' } } } });
    expect(!accent.ok && accent.error.message).toContain('"ã" (U+00E3) cannot travel in an HTTP header');
    expect(f.proxy.count()).toBe(0);
  });

  it('a storage class the server does not offer is reported per key', async () => {
    await put('class/x.txt');
    const { report } = await edit(['class/x.txt'], { storageClass: 'DEEP_ARCHIVE' });
    expect(report.status).toBe('failed');
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]?.key).toBe('class/x.txt');
    expect((await head('class/x.txt')).StorageClass).toBeUndefined();
  });

  it('copies objects above the multipart threshold in parts, keeping tags and headers', { timeout: 120_000 }, async () => {
    const small = await startCoreFixture({ properties: { copy: { multipartThreshold: 5 * 1024 * 1024, copyPartSize: 5 * 1024 * 1024, partConcurrency: 2 } } });
    try {
      await small.server.createBucket('big');
      const body = Buffer.alloc(11 * 1024 * 1024, 7);
      const client = new S3Client({ endpoint: small.server.url, region: small.server.region, forcePathStyle: true, credentials: { ...small.server.credentials }, requestChecksumCalculation: 'WHEN_REQUIRED' });
      await client.send(new PutObjectCommand({ Bucket: 'big', Key: 'b.bin', Body: body, ContentType: 'application/x-test', Tagging: 'keep=me' }));
      const plan = unwrap(await small.core.handlers['properties:plan']({ connectionId: small.connectionId, bucket: 'big', keys: ['b.bin'], edit: { metadata: { set: { checked: '1' } } } }));
      expect(plan.multipartCopies).toBe(1);
      expect(plan.requests).toEqual({ GetObjectTagging: 1, HeadObject: 1, GetObjectAcl: 1, CreateMultipartUpload: 1, UploadPartCopy: 3, CompleteMultipartUpload: 1 });
      small.proxy.reset();
      const report = unwrap(await small.core.handlers['properties:run']({ planId: plan.planId }));
      expect(report.status).toBe('done');
      for (const [op, n] of Object.entries(plan.requests)) expect(small.proxy.count(op), op).toBe(n);
      expect(small.proxy.count('PutObjectTagging')).toBe(1);
      const h = await client.send(new HeadObjectCommand({ Bucket: 'big', Key: 'b.bin' }));
      expect(h.ContentType).toBe('application/x-test');
      expect(h.Metadata).toEqual({ checked: '1' });
      expect(h.ContentLength).toBe(body.length);
      const t = await client.send(new GetObjectTaggingCommand({ Bucket: 'big', Key: 'b.bin' }));
      expect(t.TagSet).toEqual([{ Key: 'keep', Value: 'me' }]);
      expect(await small.server.openUploads('big')).toBe(0);
      client.destroy();
    } finally {
      await small.close();
    }
  });

  it('changes the storage class of 2,500 objects with exactly the announced requests', { timeout: 600_000 }, async () => {
    const objects = Array.from({ length: 2500 }, (_, i) => [`bulk/f${String(i).padStart(4, '0')}.txt`, `o${i}`] as [string, string]);
    await f.server.seed(bucket, objects);
    const listings = await bareListings(f, bucket, 'bulk/');
    f.proxy.reset();
    const plan = unwrap(await f.core.handlers['properties:plan']({ ...ref(), keys: ['bulk/'], edit: { storageClass: 'STANDARD_IA' } }));
    // Planning lists; it sends no HeadObject (the run sends them, and the plan said how many).
    expect(f.proxy.count('ListObjectsV2')).toBe(listings);
    expect(f.proxy.count()).toBe(listings);
    expect(plan.objects).toBe(2500);
    expect(plan.requests).toEqual({ GetObjectTagging: 2500, HeadObject: 2500, GetObjectAcl: 2500, CopyObject: 2500 });
    expect(plan.estimate.requests).toEqual({ list: 0, put: 2500, get: 7500, delete: 0 });
    f.proxy.reset();
    const report = unwrap(await f.core.handlers['properties:run']({ planId: plan.planId }));
    expect(report.status).toBe('done');
    expect(report.succeeded).toHaveLength(2500);
    // Untagged, owner-only ACLs: nothing is put back, so the run sends exactly the plan's requests.
    expect(wire(OPS)).toEqual(plan.requests);
    expect(f.proxy.count()).toBe(10_000);
    expect(report.requests).toEqual(plan.requests);
    const classes = new Set<string>();
    const { listAll } = await import('../s3/list-objects');
    await listAll(f.core.context.clientFor(f.connectionId, bucket), bucket, 'bulk/', { onPage: (page) => page.forEach((o) => classes.add(o.storageClass)) });
    expect([...classes]).toEqual(['STANDARD_IA']);
  });
});
