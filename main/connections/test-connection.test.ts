import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { TEST_CREDENTIALS } from '../../testkit/s3-server';
import { currentLane } from '../../testkit/s3-lane';
import type { ConnectionUpdate } from '../../shared/ipc';
import { createS3ClientFactory } from '../s3/client-factory';

/** The region an AWS SigV4 Authorization header was signed for. */
const signedRegion = (auth: unknown) => /Credential=[^/]+\/\d{8}\/([^/]+)\/s3\//.exec(String(auth))?.[1];

let f: CoreFixture;
let web: Server;
let webUrl: string;

beforeAll(async () => {
  // maxAttempts 1: the tests look at single answers, not at the SDK's retry policy.
  f = await startCoreFixture({ clientFactory: createS3ClientFactory({ maxAttempts: 1 }) });
  await f.server.seed('home', [['a.txt', 'a']]);
  await f.server.seed('far-away', [['docs/x.txt', 'x'], ['docs/y.txt', 'y']]);
  web = createServer((req, res) => {
    res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Storage console</title>');
  });
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
  webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await f.close();
  await new Promise<void>((r) => web.close(() => r()));
});
afterEach(() => f.proxy.clearRules());

const draft = (endpoint: string, extra: Partial<ConnectionUpdate> = {}): ConnectionUpdate => ({
  name: 'draft',
  endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { ...f.server.credentials },
  ...extra,
});
const test = async (input: ConnectionUpdate, bucket?: string) =>
  unwrap(await f.core.handlers['connections:test']({ input, ...(bucket ? { bucket } : {}) }));

describe('connection test: specific answers for what S3 says', () => {
  it('succeeds with a bucket count', async () => {
    f.proxy.reset();
    expect(await test(draft(f.proxy.url))).toMatchObject({ ok: true, bucketCount: 2 });
    expect(f.proxy.count('ListBuckets')).toBe(1);
  });

  it.each([
    ['InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', /does not know this access key/],
    ['SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.', /secret access key is wrong/],
    ['ExpiredToken', 'The provided token has expired.', /session token has expired/],
  ])('403 %s', async (code, message, advice) => {
    f.proxy.addRule(() => ({ kind: 'status', status: 403, code, message }));
    const result = await test(draft(f.proxy.url));
    expect(result).toMatchObject({ ok: false, failure: code, canOpenBucket: false });
    expect(!result.ok && result.message).toMatch(advice);
  });

  // Only a server that checks signatures can refuse a wrong secret: fauxqs accepts any.
  it.runIf(currentLane() === 'rgw')('a wrong secret is refused by the server itself, as the credentials error', async () => {
    const wrong = draft(f.proxy.url, { credentials: { ...f.server.credentials, secretAccessKey: 'not-the-secret' } });
    const result = await test(wrong);
    expect(result).toMatchObject({ ok: false, failure: 'SignatureDoesNotMatch', canOpenBucket: false });
    expect(!result.ok && result.message).toMatch(/secret access key is wrong/);
    const added = unwrap(
      await f.core.handlers['connections:add']({ ...wrong, name: 'wrong secret', credentials: { ...f.server.credentials, secretAccessKey: 'not-the-secret' } }),
    );
    const listed = await f.core.handlers['objects:list']({ connectionId: added.id, bucket: 'home', prefix: '' });
    expect(listed).toMatchObject({ ok: false, error: { code: 'InvalidCredentials' } });
    expect(f.proxy.log.filter((w) => w.status === 403).length).toBeGreaterThanOrEqual(2);
  });

  it('a valid login without ListBuckets permission offers "Open bucket…", and the bucket test then works', async () => {
    f.proxy.addRule((w) => (w.operation === 'ListBuckets' ? { kind: 'deny' } : undefined));
    expect(await test(draft(f.proxy.url))).toMatchObject({ ok: false, failure: 'NoListPermission', canOpenBucket: true });
    expect(await test(draft(f.proxy.url), 'home')).toMatchObject({ ok: true });
    expect(await test(draft(f.proxy.url), 'missing-bucket')).toMatchObject({ ok: false, failure: 'NoSuchBucket' });
  });

  it('counts its requests in cache:stats like every other S3 request', async () => {
    const before = unwrap(await f.core.handlers['cache:stats']({})).requests;
    f.proxy.reset();
    expect(await test(draft(f.proxy.url))).toMatchObject({ ok: true });
    expect(await test(draft(f.proxy.url), 'home')).toMatchObject({ ok: true });
    const after = unwrap(await f.core.handlers['cache:stats']({})).requests;
    const delta = (op: string) => (after[op] ?? 0) - (before[op] ?? 0);
    // The app's counter must agree with what the wire saw.
    expect(f.proxy.count('ListBuckets')).toBe(1);
    expect(f.proxy.count('GetBucketLocation')).toBe(1);
    expect(f.proxy.count('ListObjectsV2')).toBe(1);
    expect([delta('ListBuckets'), delta('GetBucketLocation'), delta('ListObjectsV2')]).toEqual([1, 1, 1]);
  });

  it('a closed port is "connection refused"', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await test(draft(`http://127.0.0.1:${port}`))).toMatchObject({ ok: false, failure: 'ConnectionRefused' });
  });

  it('an unknown host is a DNS failure', async () => {
    expect(await test(draft('http://s3desk-no-such-host.invalid'))).toMatchObject({ ok: false, failure: 'DnsFailure' });
  });

  it('https to a plain-HTTP port is a TLS error', async () => {
    expect(await test(draft(f.proxy.url.replace('http:', 'https:')))).toMatchObject({ ok: false, failure: 'Tls' });
  });

  it('a web server that is not S3 is named as such, whether it answers 200 or 404', async () => {
    expect(await test(draft(webUrl))).toMatchObject({ ok: false, failure: 'NotS3' });
    expect(await test(draft(webUrl), 'bucket')).toMatchObject({ ok: false, failure: 'NotS3' });
  });
});

describe('bucket regions', () => {
  it('follows a 301 with x-amz-bucket-region once, then signs for that region directly', async () => {
    // Answer like S3 for a bucket in eu-west-1: any request signed for another region gets a 301 naming it.
    f.proxy.addRule((w) =>
      w.bucket === 'far-away' && signedRegion(w.headers['authorization']) !== 'eu-west-1'
        ? { kind: 'status', status: 301, code: 'PermanentRedirect', message: 'use eu-west-1', headers: { 'x-amz-bucket-region': 'eu-west-1' } }
        : undefined,
    );
    f.proxy.reset();
    const first = unwrap(await f.core.handlers['objects:list']({ connectionId: f.connectionId, bucket: 'far-away', prefix: 'docs/' }));
    expect(first.entries).toHaveLength(2);
    expect(f.proxy.log.map((w) => [w.operation, w.status])).toEqual([
      ['ListObjectsV2', 301],
      ['ListObjectsV2', 200],
    ]);
    expect(f.core.context.connections.bucketRegion(f.connectionId, 'far-away')).toBe('eu-west-1');

    f.proxy.reset();
    unwrap(await f.core.handlers['objects:head']({ connectionId: f.connectionId, bucket: 'far-away', key: 'docs/x.txt' }));
    unwrap(await f.core.handlers['objects:list']({ connectionId: f.connectionId, bucket: 'far-away', prefix: '', refresh: true }));
    expect(f.proxy.log.map((w) => [w.operation, w.status, signedRegion(w.headers['authorization'])])).toEqual([
      ['HeadObject', 200, 'eu-west-1'],
      ['ListObjectsV2', 200, 'eu-west-1'],
    ]);
    // Other buckets of the connection keep its own region.
    f.proxy.reset();
    unwrap(await f.core.handlers['objects:list']({ connectionId: f.connectionId, bucket: 'home', prefix: '' }));
    expect(signedRegion(f.proxy.log[0]?.headers['authorization'])).toBe('us-east-1');
  });

  it('learns every bucket region from ListBuckets (BucketRegion), so opening a bucket from the list costs no redirect', async () => {
    await f.server.seed('frankfurt', [['f.txt', 'f']]);
    // AWS names each bucket's region in ListBuckets; fauxqs does not, so the proxy adds it as AWS would.
    f.proxy.addRule((w) =>
      w.operation === 'ListBuckets'
        ? { kind: 'rewrite', body: (xml) => xml.replace('<Name>frankfurt</Name>', '<Name>frankfurt</Name><BucketRegion>eu-central-1</BucketRegion>') }
        : undefined,
    );
    // ...and any request for the bucket signed for another region is redirected, like S3 does.
    f.proxy.addRule((w) =>
      w.bucket === 'frankfurt' && signedRegion(w.headers['authorization']) !== 'eu-central-1'
        ? { kind: 'status', status: 301, code: 'PermanentRedirect', message: 'use eu-central-1', headers: { 'x-amz-bucket-region': 'eu-central-1' } }
        : undefined,
    );
    const buckets = unwrap(await f.core.handlers['buckets:list']({ connectionId: f.connectionId }));
    expect(buckets.map((b) => b.name)).toContain('frankfurt');
    f.proxy.reset();
    const page = unwrap(await f.core.handlers['objects:list']({ connectionId: f.connectionId, bucket: 'frankfurt', prefix: '' }));
    expect(page.entries.map((e) => e.key)).toEqual(['f.txt']);
    expect(f.proxy.log.map((w) => [w.operation, w.status, signedRegion(w.headers['authorization'])])).toEqual([['ListObjectsV2', 200, 'eu-central-1']]);
    // Buckets without a BucketRegion in the answer keep the connection's own region.
    f.proxy.reset();
    unwrap(await f.core.handlers['objects:list']({ connectionId: f.connectionId, bucket: 'home', prefix: '', refresh: true }));
    expect(f.proxy.log.map((w) => [w.operation, w.status, signedRegion(w.headers['authorization'])])).toEqual([['ListObjectsV2', 200, 'us-east-1']]);
  });

  it('learns a bucket region from GetBucketLocation when a connection opens a bucket by name', async () => {
    // A stand-in for S3 that knows one bucket in ap-south-1 and says so like S3 does.
    const seen: Array<[string, string | undefined]> = [];
    const s3 = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const region = signedRegion(req.headers.authorization);
      seen.push([url.searchParams.has('location') ? 'GetBucketLocation' : 'ListObjectsV2', region]);
      res.setHeader('content-type', 'application/xml');
      res.setHeader('x-amz-request-id', 'fake');
      if (url.searchParams.has('location')) {
        res.end('<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">ap-south-1</LocationConstraint>');
      } else if (region !== 'ap-south-1') {
        res.writeHead(301, { 'x-amz-bucket-region': 'ap-south-1' });
        res.end('<Error><Code>PermanentRedirect</Code><Message>wrong region</Message></Error>');
      } else {
        res.end('<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>mumbai</Name><Prefix></Prefix><KeyCount>0</KeyCount><MaxKeys>1</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>');
      }
    });
    await new Promise<void>((r) => s3.listen(0, '127.0.0.1', r));
    const endpoint = `http://127.0.0.1:${(s3.address() as AddressInfo).port}`;
    try {
      const added = unwrap(
        await f.core.handlers['connections:add']({ name: 'b', endpoint, region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS, bucket: 'mumbai' }),
      );
      const result = unwrap(await f.core.handlers['connections:test']({ id: added.id }));
      expect(result).toMatchObject({ ok: true });
      expect(seen).toEqual([
        ['GetBucketLocation', 'us-east-1'],
        ['ListObjectsV2', 'ap-south-1'],
      ]);
      expect(f.core.context.connections.bucketRegion(added.id, 'mumbai')).toBe('ap-south-1');
      seen.length = 0;
      unwrap(await f.core.handlers['objects:list']({ connectionId: added.id, bucket: 'mumbai', prefix: '' }));
      expect(seen).toEqual([['ListObjectsV2', 'ap-south-1']]);
    } finally {
      await new Promise<void>((r) => s3.close(() => r()));
    }
  });
});
