/**
 * Credentials that expire every few seconds while a 256 MiB object goes up (multipart, through the SDK) and
 * comes back down (parallel ranged GETs, signed by the direct path): an assume-role profile whose local STS
 * STAND-IN (no AWS here) issues keys living 3 s, and a counting-proxy rule that answers 400 ExpiredToken to any
 * request signed with a key past its expiry (fauxqs itself checks no signatures). Both transfers must
 * complete, byte for byte, across several key rotations. Then with an MFA profile: every refresh holds the
 * transfer's parallel requests behind one code prompt.
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
import type { EventChannel, IpcEvents } from '../../shared/ipc';
import type { MfaNeededEvent } from '../../shared/sign-in';
import { type Core, createCore } from '../core/create-core';

const MiB = 1024 * 1024;
const LIFETIME_MS = 3000;
const MFA_ROLE = 'arn:aws:iam::123456789012:role/short-mfa';
const MFA_SERIAL = 'arn:aws:iam::123456789012:mfa/standin-user';
const MFA_CODE = '246813';
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
  sts = await startStsStandIn({ keys, callerAccessKeyId: 'AKIASTANDINSOURCE', lifetimeMs: LIFETIME_MS, mfa: { serial: MFA_SERIAL, code: () => MFA_CODE, role: MFA_ROLE } });
  aws = createAwsHome({ sts: sts.url });
  aws.writeConfig(
    [
      '[profile short-role]',
      'role_arn = arn:aws:iam::123456789012:role/short',
      'source_profile = base',
      'region = us-east-1',
      '[profile short-mfa]',
      `role_arn = ${MFA_ROLE}`,
      `mfa_serial = ${MFA_SERIAL}`,
      'source_profile = base',
      'region = us-east-1',
      '[profile base]',
      'region = us-east-1',
    ].join('\n'),
  );
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
    // Paced so each transfer spans several key lifetimes on any server (RGW ran 256 MiB in under 3 s).
    unwrap(await core.handlers['transfers:bandwidth']({ download: 48 * MiB, upload: 48 * MiB }));
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

  it('an MFA session expiring mid-download: each refresh asks once, the six parallel ranges wait, the download completes', async () => {
    server.createBucket('mfa-rotating');
    const body = randomBytes(128 * MiB);
    server.seed('mfa-rotating', [['obj.bin', body]]);
    const prompts: MfaNeededEvent[] = [];
    const mfaCore: Core = createCore({
      events: <E extends EventChannel>(channel: E, payload: IpcEvents[E]) => {
        if (channel !== 'signin:mfa-needed') return;
        const prompt = payload as MfaNeededEvent;
        prompts.push(prompt);
        // The "user" types the code once the dialog is up (next turn of the event loop, not a timer).
        setImmediate(() => void mfaCore.handlers['connections:mfa-answer']({ promptId: prompt.promptId, code: MFA_CODE }).then(unwrap));
      },
      transfers: {
        tempDir: join(root, 'mfa-temp'),
        download: { partSize: 2 * MiB, partConcurrency: 6, maxRetries: 6, retryBaseMs: 5 },
        dialogs: { pickFolder: async () => dest, pickUploadPaths: async () => [], notify: () => {} },
      },
    });
    // 64 ranges, 6 at a time, each 200 ms on the "network": the download outlives a 3 s session at least once.
    proxy.setDelay(200);
    try {
      const { id } = unwrap(await mfaCore.handlers['connections:add']({ name: 'mfa', endpoint: proxy.url, region: 'us-east-1', forcePathStyle: true, profile: 'short-mfa' }));
      sts.clearCalls();
      proxy.reset();
      expect(unwrap(await mfaCore.handlers['transfers:pick-folder']({})).path).toBe(dest);
      unwrap(await mfaCore.handlers['transfers:download']({ connectionId: id, bucket: 'mfa-rotating', items: [{ key: 'obj.bin', kind: 'object' }], destination: dest, conflict: 'ask' }));
      await mfaCore.transfers.queue.whenIdle();
      expect(mfaCore.transfers.list().items.map((i) => i.state)).toEqual(['done']);
      expect(sha(await readFile(join(dest, 'obj.bin')))).toBe(sha(body));
      // One prompt per session, however many ranges were waiting for it; each answer made one AssumeRole.
      expect(prompts.length).toBeGreaterThanOrEqual(2);
      expect(prompts.every((p) => p.profile === 'short-mfa' && p.serial === MFA_SERIAL && !p.retry)).toBe(true);
      expect(sts.calls.map((c) => c.outcome)).toEqual(prompts.map(() => 'issued'));
      expect(new Set(proxy.log.filter((r) => r.operation === 'GetObject').map((r) => accessKeyOf(r.headers['authorization']))).size).toBe(prompts.length);
      expect(refused).toEqual([]);
    } finally {
      proxy.setDelay(0);
      await mfaCore.dispose();
    }
  }, 240_000);
});
