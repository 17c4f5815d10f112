/**
 * MFA for an assume-role profile, end to end through the SDK's fromIni: a local STS STAND-IN (no AWS here)
 * checks the device serial and one-time code; the core asks the "renderer" (this test, answering the
 * signin:mfa-needed event on connections:mfa-answer); S3 requests go to fauxqs through the counting proxy.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventChannel, IpcEvents } from '../../shared/ipc';
import type { MfaNeededEvent } from '../../shared/sign-in';
import { createAwsHome, type AwsHome } from '../../testkit/aws-standins/aws-home';
import { createIssuedKeys } from '../../testkit/aws-standins/issued-keys';
import { startStsStandIn, type StsStandIn } from '../../testkit/aws-standins/sts-standin';
import { unwrap } from '../../testkit/core-fixture';
import { type CountingProxy, startCountingProxy } from '../../testkit/counting-proxy';
import { startS3Server, type TestS3Server } from '../../testkit/s3-server';
import { createFakeSecretBox } from '../../testkit/fake-secret-box';
import { type Core, createCore } from '../core/create-core';

const SERIAL = 'arn:aws:iam::123456789012:mfa/standin-user';
const RIGHT = '493817';
const WRONG = '111111';

let aws: AwsHome;
let sts: StsStandIn;
let server: TestS3Server;
let proxy: CountingProxy;
let userData: string;
const keys = createIssuedKeys();

beforeAll(async () => {
  sts = await startStsStandIn({ keys, callerAccessKeyId: 'AKIASTANDINSOURCE', lifetimeMs: 15 * 60_000, mfa: { serial: SERIAL, code: () => RIGHT } });
  aws = createAwsHome({ sts: sts.url });
  aws.writeConfig(
    [
      '[profile mfa-role]',
      'role_arn = arn:aws:iam::123456789012:role/standin',
      'source_profile = base',
      `mfa_serial = ${SERIAL}`,
      'region = us-east-1',
      '[profile base]',
      'region = us-east-1',
    ].join('\n'),
  );
  aws.writeCredentials('[base]\naws_access_key_id = AKIASTANDINSOURCE\naws_secret_access_key = source-secret\n');
  server = await startS3Server();
  server.createBucket('mfa-bucket');
  proxy = await startCountingProxy(server.url);
  proxy.addRule(keys.expiryRule());
  userData = await mkdtemp(join(tmpdir(), 's3desk-mfa-userdata-'));
}, 60_000);

afterAll(async () => {
  await Promise.all([sts.close(), proxy.close(), server.close()]);
  aws.restore();
  await rm(userData, { recursive: true, force: true });
});

interface Harness {
  readonly core: Core;
  readonly prompts: MfaNeededEvent[];
  readonly events: string[];
  readonly connectionId: string;
}

/** A core whose "renderer" answers each MFA prompt with the next of `answers` (null = Cancel). */
async function harness(answers: Array<string | null>): Promise<Harness> {
  const prompts: MfaNeededEvent[] = [];
  const events: string[] = [];
  // eslint-disable-next-line prefer-const
  let core: Core;
  const sink = <E extends EventChannel>(channel: E, payload: IpcEvents[E]) => {
    events.push(JSON.stringify({ channel, payload }));
    if (channel !== 'signin:mfa-needed') return;
    const prompt = payload as MfaNeededEvent;
    prompts.push(prompt);
    const code = answers.shift() ?? null;
    void core.handlers['connections:mfa-answer']({ promptId: prompt.promptId, code }).then(unwrap);
  };
  core = createCore({ events: sink, userDataDir: userData, secretBox: createFakeSecretBox() });
  const added = unwrap(
    await core.handlers['connections:add']({ name: 'mfa', endpoint: proxy.url, region: 'us-east-1', forcePathStyle: true, profile: 'mfa-role' }),
  );
  return { core, prompts, events, connectionId: added.id };
}

const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.dispose()));
  sts.clearCalls();
});

describe('MFA assume-role sign-in (local STS stand-in)', () => {
  it('asks for the code, says so when STS refuses it, and works with the right one; the session is cached', async () => {
    const logged = [vi.spyOn(console, 'log'), vi.spyOn(console, 'info'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'error'), vi.spyOn(console, 'debug')];
    const h = await harness([WRONG, RIGHT]);
    cores.push(h.core);
    const buckets = unwrap(await h.core.handlers['buckets:list']({ connectionId: h.connectionId }));
    expect(buckets.map((b) => b.name)).toContain('mfa-bucket');

    expect(h.prompts.map((p) => ({ serial: p.serial, profile: p.profile, retry: p.retry }))).toEqual([
      { serial: SERIAL, profile: 'mfa-role', retry: false },
      { serial: SERIAL, profile: 'mfa-role', retry: true },
    ]);
    // STS saw both codes (that is where they go), refused the wrong one, issued on the right one.
    expect(sts.calls.map((c) => [c.serialNumber, c.tokenCode, c.outcome])).toEqual([
      [SERIAL, WRONG, 'mfa-failed'],
      [SERIAL, RIGHT, 'issued'],
    ]);
    // The S3 request was signed with the assumed role's key, not the source profile's.
    const listed = proxy.log.filter((r) => r.operation === 'ListBuckets').at(-1)!;
    expect(String(listed.headers['authorization'])).toContain(`Credential=${keys.issued.at(-1)!.accessKeyId}/`);

    // Cached until it expires: more requests, no new prompt and no new AssumeRole.
    unwrap(await h.core.handlers['buckets:list']({ connectionId: h.connectionId }));
    unwrap(await h.core.handlers['objects:list']({ connectionId: h.connectionId, bucket: 'mfa-bucket', prefix: '', refresh: true }));
    expect(h.prompts).toHaveLength(2);
    expect(sts.calls).toHaveLength(2);

    // The codes went nowhere else: not in a log line, an event, or any file the app keeps.
    const everything = [...logged.flatMap((s) => s.mock.calls.map((c) => c.map(String).join(' '))), ...h.events, ...filesUnder(userData)].join('\n');
    for (const code of [WRONG, RIGHT]) expect(everything).not.toContain(code);
    for (const s of logged) s.mockRestore();
  });

  it('Cancel fails the request as Cancelled and sends no AssumeRole', async () => {
    const h = await harness([null]);
    cores.push(h.core);
    const result = await h.core.handlers['buckets:list']({ connectionId: h.connectionId });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('Cancelled');
    expect(h.prompts).toHaveLength(1);
    expect(sts.calls).toHaveLength(0);
  });

  it('asks once for many requests waiting on the same refresh', async () => {
    const h = await harness([RIGHT]);
    cores.push(h.core);
    const results = await Promise.all(Array.from({ length: 5 }, () => h.core.handlers['buckets:list']({ connectionId: h.connectionId })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(h.prompts).toHaveLength(1);
    expect(sts.calls).toHaveLength(1);
  });

  it('refuses an answer that is not a 6-digit code without echoing it', async () => {
    const core = createCore();
    cores.push(core);
    const result = await core.handlers['connections:mfa-answer']({ promptId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', code: '12ab99x' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('InvalidInput');
      expect(result.error.message).not.toContain('12ab99x');
    }
  });
});

/** The text of every file under a folder (the user-data folder: settings, saved connections). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [readFileSync(p, 'utf8')];
  });
}
