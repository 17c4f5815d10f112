/**
 * Upload options against a real S3 (issue 15): the objects an upload writes carry the storage class, user
 * metadata, tags and content type chosen — on a single PutObject and on a multipart upload, journaled (local
 * files) and not (streamed drops) — read back past the app with HeadObject and GetObjectTagging. fauxqs keeps
 * no tags or classes, so this runs on the RGW lane (its second class STANDARD_IA: testkit/rgw/rgw-server.ts).
 */
import { GetObjectTaggingCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UploadOptions } from '../../shared/upload-options';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { currentLane, directClient } from '../../testkit/s3-lane';
import { UploadDefaultsStore } from '../settings/upload-defaults';

const MiB = 1024 * 1024;

describe.skipIf(currentLane() === 'fauxqs')('upload options (RGW; fauxqs keeps no tags or classes)', () => {
  let f: CoreFixture;
  let direct: S3Client;
  let root: string;
  let local: string;
  const bucket = 'upopts';

  const h = () => f.core.handlers;
  const head = (key: string) => direct.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const tags = async (key: string) =>
    Object.fromEntries(((await direct.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }))).TagSet ?? []).map((t) => [t.Key, t.Value]));

  /** What a test reads back of each object: the four properties an upload sets. */
  const stored = async (key: string) => {
    const hd = await head(key);
    return { storageClass: hd.StorageClass ?? 'STANDARD', contentType: hd.ContentType, metadata: hd.Metadata, tags: await tags(key) };
  };

  async function streamed(name: string, body: Buffer): Promise<string> {
    const { streamId } = unwrap(await h()['transfers:stream-open']({ name, size: body.length }));
    for (let off = 0; off < body.length; off += MiB)
      unwrap(await h()['transfers:stream-write']({ streamId, offset: off, data: body.subarray(off, off + MiB).toString('base64') }));
    unwrap(await h()['transfers:stream-close']({ streamId }));
    return streamId;
  }

  async function upload(prefix: string, paths: string[], streams: string[], options?: UploadOptions) {
    const out = unwrap(
      await h()['transfers:upload']({ connectionId: f.connectionId, bucket, prefix, paths, streams, conflict: 'overwrite', ...(options ? { options } : {}) }),
    );
    expect(out).toMatchObject({ status: 'queued', queued: paths.length + streams.length });
    await f.core.transfers.queue.whenIdle();
    const failed = f.core.transfers.list().items.filter((i) => i.state !== 'done');
    expect(failed.map((i) => `${i.key}: ${i.error?.message ?? i.state}`)).toEqual([]);
  }

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 's3desk-upopts-'));
    // A user-data folder: local files go through the journaled engine, streamed drops through the unjournaled one.
    f = await startCoreFixture({ userDataDir: path.join(root, 'user-data'), transfers: { upload: { partSize: 5 * MiB, partConcurrency: 2 }, throttleMs: 20 } });
    direct = directClient(f.server);
    await f.server.createBucket(bucket);
  }, 60_000);

  afterAll(async () => {
    direct?.destroy();
    await f?.close();
    await rm(root, { recursive: true, force: true });
  });

  beforeEach(async () => {
    local = await mkdtemp(path.join(root, 'local-'));
    unwrap(await h()['transfers:clear']({ includeFailed: true }));
    f.proxy.reset();
  });

  it('writes class, metadata, tags and the guessed content type on single PUTs and multipart uploads', async () => {
    await writeFile(path.join(local, 'small.txt'), 'hello');
    await writeFile(path.join(local, 'big.json'), randomBytes(6 * MiB));
    const streams = [await streamed('drop.png', randomBytes(1024)), await streamed('drop-big.csv', randomBytes(6 * MiB + 5))];
    const options: UploadOptions = { storageClass: 'STANDARD_IA', metadata: { owner: 'ana', project: 'x-1' }, tags: { team: 'blue', 'cost center': 'a/b' } };
    await upload('opts/', [path.join(local, 'small.txt'), path.join(local, 'big.json')], streams, options);

    // Two of the four went multipart: the wire says so.
    expect(f.proxy.count('PutObject')).toBe(2);
    expect(f.proxy.count('CreateMultipartUpload')).toBe(2);
    // RGW 16 drops x-amz-tagging on CreateMultipartUpload (AWS keeps it): one PutObjectTagging per multipart file.
    expect(f.proxy.log.filter((r) => r.operation === 'CreateMultipartUpload').map((r) => r.headers['x-amz-tagging'])).toEqual([
      'team=blue&cost%20center=a%2Fb',
      'team=blue&cost%20center=a%2Fb',
    ]);
    expect(f.proxy.count('PutObjectTagging')).toBe(2);
    const expected = (contentType: string) => ({ storageClass: 'STANDARD_IA', contentType, metadata: { owner: 'ana', project: 'x-1' }, tags: { team: 'blue', 'cost center': 'a/b' } });
    expect(await stored('opts/small.txt')).toEqual(expected('text/plain'));
    expect(await stored('opts/big.json')).toEqual(expected('application/json'));
    expect(await stored('opts/drop.png')).toEqual(expected('image/png'));
    expect(await stored('opts/drop-big.csv')).toEqual(expected('text/csv'));
  });

  it('a chosen content type wins over the guess; no options means STANDARD, no metadata, no tags', async () => {
    await writeFile(path.join(local, 'page.html'), '<p>hi</p>');
    await upload('typed/', [path.join(local, 'page.html')], [], { contentType: 'text/plain; charset=utf-8' });
    expect((await head('typed/page.html')).ContentType).toBe('text/plain; charset=utf-8');

    await writeFile(path.join(local, 'plain.md'), '# hi');
    await upload('bare/', [path.join(local, 'plain.md')], []);
    expect(await stored('bare/plain.md')).toEqual({ storageClass: 'STANDARD', contentType: 'text/markdown', metadata: {}, tags: {} });
  });

  it("uploads without options use the connection's defaults; an upload's own options replace them", async () => {
    const defaults = { storageClass: 'STANDARD_IA', metadata: { source: 'desk' }, tags: { env: 'test' } };
    expect(unwrap(await h()['settings:set-upload-defaults']({ connectionId: f.connectionId, defaults }))).toEqual(defaults);
    expect(unwrap(await h()['settings:upload-defaults']({ connectionId: f.connectionId }))).toEqual(defaults);

    await writeFile(path.join(local, 'a.txt'), 'a');
    await writeFile(path.join(local, 'b.bin'), randomBytes(6 * MiB));
    await upload('defaults/', [path.join(local, 'a.txt'), path.join(local, 'b.bin')], []);
    expect(await stored('defaults/a.txt')).toEqual({ storageClass: 'STANDARD_IA', contentType: 'text/plain', metadata: { source: 'desk' }, tags: { env: 'test' } });
    expect(await stored('defaults/b.bin')).toEqual({ storageClass: 'STANDARD_IA', contentType: 'application/octet-stream', metadata: { source: 'desk' }, tags: { env: 'test' } });

    await upload('own/', [path.join(local, 'a.txt')], [], { tags: { only: 'this' } });
    expect(await stored('own/a.txt')).toEqual({ storageClass: 'STANDARD', contentType: 'text/plain', metadata: {}, tags: { only: 'this' } });

    // Saved beside the settings: a core started on the same folder has them; {} clears them.
    expect(new UploadDefaultsStore(path.join(root, 'user-data')).defaultsFor(f.connectionId)).toEqual(defaults);
    expect(unwrap(await h()['settings:set-upload-defaults']({ connectionId: f.connectionId, defaults: {} }))).toEqual({});
    expect(new UploadDefaultsStore(path.join(root, 'user-data')).defaultsFor(f.connectionId)).toEqual({});
  });

  it('refuses bad options before any request, with the reason', async () => {
    await writeFile(path.join(local, 'a.txt'), 'a');
    f.proxy.reset();
    const cases: Array<[UploadOptions, RegExp]> = [
      [{ metadata: { 'bad name': 'x' } }, /HTTP header name/],
      [{ tags: { 'aws:reserved': 'x' } }, /reserved/],
      [{ storageClass: 'cold' }, /storage class/],
    ];
    for (const [options, reason] of cases) {
      const r = await h()['transfers:upload']({ connectionId: f.connectionId, bucket, prefix: '', paths: [path.join(local, 'a.txt')], conflict: 'overwrite', options });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('InvalidInput');
        expect(r.error.message).toMatch(reason);
      }
    }
    const noSuch = await h()['settings:set-upload-defaults']({ connectionId: 'nope', defaults: {} });
    expect(noSuch.ok ? null : noSuch.error.code).toBe('NoSuchConnection');
    expect(f.proxy.count()).toBe(0);
  });

  it('a storage class the server rejects fails that upload with its reason', async () => {
    await writeFile(path.join(local, 'a.txt'), 'a');
    unwrap(await h()['transfers:upload']({ connectionId: f.connectionId, bucket, prefix: 'rej/', paths: [path.join(local, 'a.txt')], conflict: 'overwrite', options: { storageClass: 'DEEP_ARCHIVE' } }));
    await f.core.transfers.queue.whenIdle();
    const [item] = f.core.transfers.list().items;
    expect(item?.state).toBe('failed');
    expect(item?.error?.message ?? '').toMatch(/refused storage class DEEP_ARCHIVE/);
  });
});

describe('upload defaults store', () => {
  it('keeps each connection apart and survives a restart', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 's3desk-updefaults-'));
    try {
      const a = new UploadDefaultsStore(dir);
      await a.set('c1', { storageClass: 'GLACIER_IR', encryption: { kind: 'aws:kms', keyId: 'alias/x' } });
      await a.set('c2', { tags: { t: '1' } });
      const b = new UploadDefaultsStore(dir);
      expect(b.defaultsFor('c1')).toEqual({ storageClass: 'GLACIER_IR', encryption: { kind: 'aws:kms', keyId: 'alias/x' } });
      expect(b.defaultsFor('c2')).toEqual({ tags: { t: '1' } });
      expect(b.defaultsFor('c3')).toEqual({});
      expect(b.problem).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
