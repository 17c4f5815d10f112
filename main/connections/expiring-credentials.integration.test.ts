/**
 * Credentials that expire every few seconds while a 256 MiB object goes up (multipart, through the SDK) and
 * comes back down (parallel ranged GETs, signed by the direct path): an assume-role profile whose local STS
 * STAND-IN (no AWS here) issues keys living 3 s, and a counting-proxy rule that answers 400 ExpiredToken to any
 * request signed with a key past its expiry (fauxqs itself checks no signatures). Both transfers must
 * complete, byte for byte, across several key rotations.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsHome, type AwsHome } from '../../testkit/aws-standins/aws-home';
import { accessKeyOf, createIssuedKeys } from '../../testkit/aws-standins/issued-keys';
import { startStsStandIn, type StsStandIn } from '../../testkit/aws-standins/sts-standin';
import { unwrap } from '../../testkit/core-fixture';
import { type CountingProxy, startCountingProxy } from '../../testkit/counting-proxy';
import { startS3Server, type TestS3Server } from '../../testkit/s3-server';
import { type Core, createCore } from '../core/create-core';

const MiB = 1024 * 1024;
const LIFETIME_MS = 3000;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let aws: AwsHome;
let sts: StsStandIn;
let server: TestS3Server;
let proxy: CountingProxy;
let root: string;
let dest: string;
let core: Core;
const keys = createIssuedKeys();
const refused: string[] = [];

beforeAll(async () => {
  sts = await startStsStandIn({ keys, callerAccessKeyId: 'AKIASTANDINSOURCE', lifetimeMs: LIFETIME_MS });
  aws = createAwsHome({ sts: sts.url });
  aws.writeConfig('[profile short-role]\nrole_arn = arn:aws:iam::123456789012:role/short\nsource_profile = base\nregion = us-east-1\n[profile base]\nregion = us-east-1\n');
  aws.writeCredentials('[base]\naws_access_key_id = AKIASTANDINSOURCE\naws_secret_access_key = source-secret\n');
  server = await startS3Server();
  proxy = await startCountingProxy(server.url);
  proxy.addRule(keys.expiryRule((id) => refused.push(id)));
  root = await mkdtemp(join(tmpdir(), 's3desk-expiring-'));
  dest = await mkdtemp(join(root, 'dest-'));
  core = createCore({
    transfers: {
      tempDir: join(root, 'app-temp'),
      // fauxqs takes bodies up to ~11 MiB: 8 MiB parts up, 4 MiB ranges down.
      download: { partSize: 4 * MiB, partConcurrency: 6, maxRetries: 6, retryBaseMs: 5 },
      upload: { partSize: 8 * MiB, partConcurrency: 4 },
      dialogs: { pickFolder: async () => dest, pickUploadPaths: async () => [], notify: () => {} },
    },
  });
}, 60_000);

afterAll(async () => {
  await core.dispose();
  await Promise.all([sts.close(), proxy.close(), server.close()]);
  aws.restore();
  await rm(root, { recursive: true, force: true });
});

/** Distinct access keys that signed the proxy's requests of one operation. */
const keysUsedBy = (operation: string) => new Set(proxy.log.filter((r) => r.operation === operation).map((r) => accessKeyOf(r.headers['authorization'])));

describe('credentials expiring mid-transfer', () => {
  it('the proxy refuses a request signed with an expired issued key (the check the transfers must pass)', async () => {
    const dead = keys.issue(-1000);
    const probe = createCore();
    const { id } = unwrap(
      await probe.handlers['connections:add']({
        name: 'dead',
        endpoint: proxy.url,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: dead.accessKeyId, secretAccessKey: dead.secretAccessKey, sessionToken: dead.sessionToken },
      }),
    );
    const result = await probe.handlers['buckets:list']({ connectionId: id });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('InvalidCredentials');
    expect(refused).toEqual([dead.accessKeyId]);
    refused.length = 0;
    await probe.dispose();
  });

  it('uploads and downloads 256 MiB while the session keys expire every 3 s: both complete, sha256 equal', async () => {
    server.createBucket('rotating');
    const { id } = unwrap(await core.handlers['connections:add']({ name: 'short', endpoint: proxy.url, region: 'us-east-1', forcePathStyle: true, profile: 'short-role' }));
    const big = randomBytes(256 * MiB);
    const src = join(root, 'big.bin');
    await writeFile(src, big);
    proxy.reset();

    const issuedBefore = keys.issued.length;
    unwrap(await core.handlers['transfers:upload']({ connectionId: id, bucket: 'rotating', prefix: '', paths: [src], conflict: 'ask' }));
    await core.transfers.queue.whenIdle();
    expect(core.transfers.list().items.map((i) => [i.direction, i.state])).toEqual([['upload', 'done']]);
    expect(sha(server.store.getObject('rotating', 'big.bin').body)).toBe(sha(big));
    await rm(src);

    expect(unwrap(await core.handlers['transfers:pick-folder']({})).path).toBe(dest);
    unwrap(await core.handlers['transfers:download']({ connectionId: id, bucket: 'rotating', items: [{ key: 'big.bin', kind: 'object' }], destination: dest, conflict: 'ask' }));
    await core.transfers.queue.whenIdle();
    const down = core.transfers.list().items.find((i) => i.direction === 'download');
    expect(down).toMatchObject({ state: 'done', transferred: 256 * MiB });
    expect(sha(await readFile(join(dest, 'big.bin')))).toBe(sha(big));

    // The keys really rotated under both transfers (each key lives 3 s), and none was sent after it died.
    const used = { up: keysUsedBy('UploadPart'), down: keysUsedBy('GetObject') };
    console.log(`expiring-credentials: ${keys.issued.length - issuedBefore} keys issued; UploadPart signed by ${used.up.size}, GetObject by ${used.down.size}; ${refused.length} refused`);
    expect(used.up.size + used.down.size).toBeGreaterThanOrEqual(3);
    for (const k of [...used.up, ...used.down]) expect(keys.issued.some((i) => i.accessKeyId === k)).toBe(true);
    expect(refused).toEqual([]);
  }, 240_000);
});
