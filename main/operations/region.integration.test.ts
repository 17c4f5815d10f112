/**
 * Operations on a bucket in another region than its connection's: after the one redirect that teaches the
 * app the bucket's region, every delete, copy, preview request and presigned link is signed for that region.
 * The proxy answers like S3 does for a bucket in eu-west-1: anything signed for another region gets a 301
 * naming the right one (fauxqs itself checks no signatures).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import type { WireRequest } from '../../testkit/counting-proxy';
import type { PlanRequest } from '../../shared/operations';
import { createS3ClientFactory } from '../s3/client-factory';

/** The region a SigV4 credential scope names ("KEY/20261124/eu-west-1/s3/aws4_request"). */
const scopeRegion = (credential: unknown) => /[^/=]+\/\d{8}\/([^/]+)\/s3\/aws4_request/.exec(String(credential))?.[1];
/** Signed with an Authorization header, or presigned with X-Amz-Credential in the query. */
const signedRegion = (w: WireRequest) => scopeRegion(w.headers['authorization'] ?? w.query.get('X-Amz-Credential'));

let f: CoreFixture;

beforeAll(async () => {
  // maxAttempts 1: a wrongly signed request shows as its own 301, not hidden in SDK retries.
  f = await startCoreFixture({ clientFactory: createS3ClientFactory({ maxAttempts: 1 }), operations: { progressIntervalMs: 0 } });
  await f.server.seed('home', [['h.txt', 'from home']]);
  await f.server.seed('far', [['docs/a.txt', 'alpha'], ['docs/b.txt', 'beta'], ['docs/c.txt', 'gamma']]);
  f.proxy.addRule((w) =>
    w.bucket === 'far' && signedRegion(w) !== 'eu-west-1'
      ? { kind: 'status', status: 301, code: 'PermanentRedirect', message: 'use eu-west-1', headers: { 'x-amz-bucket-region': 'eu-west-1' } }
      : undefined,
  );
});
afterAll(() => f.close());

async function planAndRun(req: PlanRequest) {
  const plan = unwrap(await f.core.handlers['operations:plan'](req));
  return unwrap(await f.core.handlers['operations:run']({ planId: plan.planId }));
}

const wire = () => f.proxy.log.map((w) => [w.operation, w.bucket, w.status, signedRegion(w)]);

describe("operations use the bucket's region", () => {
  it('after one redirect, delete, copy (into and within the bucket), preview and presigned links are signed for eu-west-1', async () => {
    f.proxy.reset();
    unwrap(await f.core.handlers['objects:list']({ connectionId: f.connectionId, bucket: 'far', prefix: 'docs/' }));
    expect(wire()).toEqual([
      ['ListObjectsV2', 'far', 301, 'us-east-1'],
      ['ListObjectsV2', 'far', 200, 'eu-west-1'],
    ]);

    f.proxy.reset();
    const deleted = await planAndRun({ kind: 'delete', connectionId: f.connectionId, bucket: 'far', keys: ['docs/b.txt'] });
    expect(deleted.status).toBe('done');
    expect(wire()).toEqual([['DeleteObjects', 'far', 200, 'eu-west-1']]);

    f.proxy.reset();
    const copied = await planAndRun({
      kind: 'copy',
      source: { connectionId: f.connectionId, bucket: 'far', keys: ['docs/a.txt'] },
      target: { connectionId: f.connectionId, bucket: 'far', prefix: 'copies/' },
    });
    expect(copied.status).toBe('done');
    expect(wire()).toEqual([
      ['ListObjectsV2', 'far', 200, 'eu-west-1'],
      ['CopyObject', 'far', 200, 'eu-west-1'],
    ]);

    // A copy is a request to the destination bucket: from a us-east-1 bucket into far, it is signed for far.
    f.proxy.reset();
    const imported = await planAndRun({
      kind: 'move',
      source: { connectionId: f.connectionId, bucket: 'home', keys: ['h.txt'] },
      target: { connectionId: f.connectionId, bucket: 'far', prefix: 'in/' },
    });
    expect(imported.status).toBe('done');
    expect(wire()).toEqual([
      ['HeadObject', 'home', 200, 'us-east-1'],
      ['ListObjectsV2', 'far', 200, 'eu-west-1'],
      ['CopyObject', 'far', 200, 'eu-west-1'],
      ['DeleteObjects', 'home', 200, 'us-east-1'],
    ]);

    f.proxy.reset();
    const preview = unwrap(await f.core.handlers['operations:preview']({ connectionId: f.connectionId, bucket: 'far', key: 'docs/c.txt' }));
    expect(preview).toMatchObject({ kind: 'text', text: 'gamma' });
    expect(wire()).toEqual([['GetObject', 'far', 206, 'eu-west-1']]);

    f.proxy.reset();
    const link = unwrap(
      await f.core.handlers['operations:share']({ connectionId: f.connectionId, bucket: 'far', key: 'copies/a.txt', kind: 'presigned', expiresInSeconds: 600 }),
    );
    expect(f.proxy.count()).toBe(0);
    expect(scopeRegion(new URL(link.text).searchParams.get('X-Amz-Credential'))).toBe('eu-west-1');
    // The link works as a browser would use it: no redirect, the object's bytes.
    const got = await fetch(link.text);
    expect([got.status, await got.text()]).toEqual([200, 'alpha']);
    expect(wire()).toEqual([['GetObject', 'far', 200, 'eu-west-1']]);

    expect(await f.server.keys('far')).toEqual(['copies/a.txt', 'docs/a.txt', 'docs/c.txt', 'in/h.txt']);
    expect(await f.server.keys('home')).toEqual([]);
  });
});
