/**
 * Bucket settings against a real S3 (issue 15, RGW only: fauxqs has no policy, CORS, lifecycle, object lock or
 * bucket ACL): each editor's text round-trips (saved, read back by the app and by the SDK directly, removed), a
 * wrong text says where it is wrong and sends no write, a stale diff is refused, and Bucket info shows object
 * lock and owner with a denied setting failing alone. Requests counted at the counting proxy.
 */
import {
  CreateBucketCommand,
  GetBucketCorsCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  PutBucketPolicyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalText } from '../../shared/bucket-config';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { currentLane, directClient } from '../../testkit/s3-lane';

const WRITES = /^(Put|Delete)(BucketPolicy|BucketCors|BucketLifecycleConfiguration|PublicAccessBlock)$/;

describe.skipIf(currentLane() === 'fauxqs')('bucket settings (RGW)', () => {
  let f: CoreFixture;
  let direct: S3Client;
  const get = (bucket: string, kind: 'policy' | 'cors' | 'lifecycle' | 'public-access-block') =>
    f.core.handlers['buckets:config-get']({ connectionId: f.connectionId, bucket, kind });
  const save = (bucket: string, kind: 'policy' | 'cors' | 'lifecycle' | 'public-access-block', text: string | null, before: string | null) =>
    f.core.handlers['buckets:config-save']({ connectionId: f.connectionId, bucket, kind, text, before });
  const writes = () => f.proxy.log.filter((r) => WRITES.test(r.operation)).length;

  beforeAll(async () => {
    f = await startCoreFixture();
    direct = directClient(f.server);
    await f.server.createBucket('settings');
  });

  afterAll(async () => {
    direct?.destroy();
    await f?.close();
  });

  it('bucket policy: refuses broken JSON with its line and column, saves, reads back, refuses a stale diff, removes', async () => {
    expect(unwrap(await get('settings', 'policy'))).toEqual({ text: null });
    f.proxy.reset();
    const broken = await save('settings', 'policy', '{\n  "Version": "2012-10-17",\n  "Statement": [,]\n}', null);
    expect(broken).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    expect(!broken.ok && broken.error.message).toMatch(/line 3, column 17: not valid JSON.*Nothing was saved/);
    expect(f.proxy.count()).toBe(0);

    const policy = {
      Version: '2012-10-17',
      Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::settings/*'] }],
    };
    const saved = unwrap(await save('settings', 'policy', JSON.stringify(policy), null));
    expect(f.proxy.count('PutBucketPolicy')).toBe(1);
    expect(JSON.parse(saved.text ?? 'null')).toEqual(JSON.parse(canonicalText(policy)));
    const onServer = (await direct.send(new GetBucketPolicyCommand({ Bucket: 'settings' }))).Policy ?? '';
    expect(JSON.parse(onServer)).toEqual(JSON.parse(saved.text ?? ''));
    expect(unwrap(await get('settings', 'policy'))).toEqual(saved);

    // Someone else changes the policy after the editor opened: the save made against the old text is refused.
    const theirs = { ...policy, Statement: [{ ...policy.Statement[0], Sid: 'Theirs' }] };
    await direct.send(new PutBucketPolicyCommand({ Bucket: 'settings', Policy: JSON.stringify(theirs) }));
    f.proxy.reset();
    const stale = await save('settings', 'policy', JSON.stringify({ ...policy, Id: 'mine' }), saved.text);
    expect(stale).toMatchObject({ ok: false, error: { code: 'Conflict' } });
    expect(writes()).toBe(0);

    const current = unwrap(await get('settings', 'policy')).text;
    expect(unwrap(await save('settings', 'policy', null, current))).toEqual({ text: null });
    expect(f.proxy.count('DeleteBucketPolicy')).toBe(1);
    await expect(direct.send(new GetBucketPolicyCommand({ Bucket: 'settings' }))).rejects.toMatchObject({ name: 'NoSuchBucketPolicy' });
  });

  it('CORS: saves the rules, reads them back equal, removes them', async () => {
    const cors = {
      CORSRules: [
        { ID: 'web', AllowedOrigins: ['https://app.example.com'], AllowedMethods: ['GET', 'HEAD', 'PUT'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 600 },
        { AllowedOrigins: ['*'], AllowedMethods: ['GET'] },
      ],
    };
    f.proxy.reset();
    const saved = unwrap(await save('settings', 'cors', JSON.stringify(cors), null));
    expect(f.proxy.count('PutBucketCors')).toBe(1);
    // RGW keeps the methods in its own order (GET, PUT, HEAD): compare each rule's methods as a set.
    const back = JSON.parse(saved.text ?? 'null') as typeof cors;
    const sorted = (c: typeof cors) => c.CORSRules.map((r) => ({ ...r, AllowedMethods: [...r.AllowedMethods].sort() }));
    expect(sorted(back)).toEqual(sorted(cors));
    const rules = (await direct.send(new GetBucketCorsCommand({ Bucket: 'settings' }))).CORSRules;
    expect(rules?.map((r) => r.AllowedOrigins)).toEqual([['https://app.example.com'], ['*']]);
    expect(unwrap(await save('settings', 'cors', null, saved.text))).toEqual({ text: null });
    expect(unwrap(await get('settings', 'cors'))).toEqual({ text: null });
  });

  it('lifecycle: a wrong rule says where and sends nothing; valid rules round-trip; removed', async () => {
    f.proxy.reset();
    const wrong = { Rules: [{ ID: 'tmp', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 7 } }, { ID: 'old', Status: 'enabled', Expiration: { Days: 30 } }] };
    const refused = await save('settings', 'lifecycle', JSON.stringify(wrong), null);
    expect(refused).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    expect(!refused.ok && refused.error.message).toContain('Rules[1].Status: must be one of "Enabled", "Disabled"');
    // A rule RGW itself refuses (an upload has no tags to match) is caught before sending, with its place.
    const tagged = { Rules: [{ ID: 't', Status: 'Enabled', Filter: { Tag: { Key: 'k', Value: 'v' } }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }] };
    const refused2 = await save('settings', 'lifecycle', JSON.stringify(tagged), null);
    expect(!refused2.ok && refused2.error.message).toContain('Rules[0].AbortIncompleteMultipartUpload: cannot be used with a tag filter');
    expect(f.proxy.count()).toBe(0);

    const lifecycle = {
      Rules: [
        { ID: 'tmp', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 7 } },
        {
          ID: 'logs',
          Status: 'Disabled',
          Filter: { And: { Prefix: 'logs/', Tags: [{ Key: 'keep', Value: 'no' }] } },
          NoncurrentVersionExpiration: { NoncurrentDays: 30 },
        },
        { ID: 'uploads', Status: 'Enabled', Filter: { Prefix: '' }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } },
      ],
    };
    const saved = unwrap(await save('settings', 'lifecycle', JSON.stringify(lifecycle), null));
    expect(f.proxy.count('PutBucketLifecycleConfiguration')).toBe(1);
    // RGW answers the rules sorted by ID, not in the order they were sent.
    const back = new Map((JSON.parse(saved.text ?? 'null') as typeof lifecycle).Rules.map((r) => [r.ID, r]));
    expect([...back.keys()].sort()).toEqual(['logs', 'tmp', 'uploads']);
    expect(back.get('tmp')).toMatchObject({ Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 7 } });
    expect(back.get('logs')).toMatchObject({ Status: 'Disabled', Filter: { And: { Prefix: 'logs/', Tags: [{ Key: 'keep', Value: 'no' }] } }, NoncurrentVersionExpiration: { NoncurrentDays: 30 } });
    expect(back.get('uploads')).toMatchObject({ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } });
    const direct1 = (await direct.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'settings' }))).Rules;
    expect(direct1?.find((r) => r.ID === 'uploads')?.AbortIncompleteMultipartUpload).toEqual({ DaysAfterInitiation: 2 });
    // What the app read back saves again unchanged (the editor's text is a valid input as it stands).
    expect(unwrap(await save('settings', 'lifecycle', saved.text, saved.text))).toEqual(saved);
    expect(unwrap(await save('settings', 'lifecycle', null, saved.text))).toEqual({ text: null });
    await expect(direct.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'settings' }))).rejects.toMatchObject({ name: 'NoSuchLifecycleConfiguration' });
  });

  it('lifecycle pasted as S3 XML: a wrong rule is refused at its line, sending nothing; a valid one is saved', async () => {
    const xml = (status: string) =>
      `<LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">\n  <Rule>\n    <ID>xml-rule</ID>\n    <Filter><Prefix>cache/</Prefix></Filter>\n    <Status>${status}</Status>\n    <Expiration><Days>3</Days></Expiration>\n  </Rule>\n</LifecycleConfiguration>`;
    f.proxy.reset();
    const refused = await save('settings', 'lifecycle', xml('Yes'), null);
    expect(!refused.ok && refused.error.message).toContain('line 5 (Rules[0].Status): must be one of "Enabled", "Disabled"');
    expect(f.proxy.count()).toBe(0);
    const saved = unwrap(await save('settings', 'lifecycle', xml('Enabled'), null));
    expect(JSON.parse(saved.text ?? 'null')).toEqual({ Rules: [{ ID: 'xml-rule', Filter: { Prefix: 'cache/' }, Status: 'Enabled', Expiration: { Days: 3 } }] });
    expect(unwrap(await save('settings', 'lifecycle', null, saved.text))).toEqual({ text: null });
  });

  it('public access block: RGW 16 keeps it; it round-trips, and removing it reads as all off (RGW never answers "none")', async () => {
    const before = unwrap(await get('settings', 'public-access-block')).text;
    // RGW answers a bucket without one with all four false, where AWS says NoSuchPublicAccessBlockConfiguration.
    expect(JSON.parse(before ?? '{}')).toEqual({ BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false });
    const pab = { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false };
    f.proxy.reset();
    const saved = unwrap(await save('settings', 'public-access-block', JSON.stringify(pab), before));
    expect(f.proxy.count('PutPublicAccessBlock')).toBe(1);
    expect(JSON.parse(saved.text ?? 'null')).toEqual(pab);
    const info = unwrap(await f.core.handlers['buckets:info']({ connectionId: f.connectionId, bucket: 'settings' }));
    expect(info.publicAccessBlock).toEqual({ ok: true, value: { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: true, restrictPublicBuckets: false } });
    const removed = unwrap(await save('settings', 'public-access-block', null, saved.text));
    expect(f.proxy.count('DeletePublicAccessBlock')).toBe(1);
    expect(JSON.parse(removed.text ?? '{}')).toEqual(JSON.parse(before ?? ''));
  });

  it('Bucket info: object lock and owner where readable; a denied setting fails alone', async () => {
    await direct.send(new CreateBucketCommand({ Bucket: 'locked', ObjectLockEnabledForBucket: true }));
    const info = unwrap(await f.core.handlers['buckets:info']({ connectionId: f.connectionId, bucket: 'locked' }));
    expect(info.objectLock).toMatchObject({ ok: true, value: { enabled: true } });
    expect(info.owner.ok && info.owner.value.id).toBeTruthy();
    const plain = unwrap(await f.core.handlers['buckets:info']({ connectionId: f.connectionId, bucket: 'settings' }));
    expect(plain.objectLock).toEqual({ ok: true, value: null });

    const undo = f.proxy.addRule((r) => (r.operation === 'GetObjectLockConfiguration' || r.operation === 'GetBucketAcl' ? { kind: 'deny' } : undefined));
    try {
      const denied = unwrap(await f.core.handlers['buckets:info']({ connectionId: f.connectionId, bucket: 'locked' }));
      expect(denied.objectLock).toMatchObject({ ok: false, error: { code: 'AccessDenied' } });
      expect(denied.owner).toMatchObject({ ok: false, error: { code: 'AccessDenied' } });
      expect(denied.versioning).toEqual({ ok: true, value: 'enabled' });
      expect(denied.region).toEqual({ ok: true, value: f.server.region });
    } finally {
      undo();
    }
  });
});
