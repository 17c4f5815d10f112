/**
 * SSO device sign-in from the app against a local SSO OIDC + portal STAND-IN (no AWS here): the core
 * registers, starts the device authorization, opens the verification address (a recorder standing in for the
 * browser), polls until the "user" approves, stores the token where the AWS CLI keeps it, and the SDK's own
 * SSO provider then signs S3 requests (fauxqs through the counting proxy) with the portal's role keys.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventChannel, IpcEvents } from '../../shared/ipc';
import type { SsoCodeEvent, SsoEndedEvent } from '../../shared/sign-in';
import { createAwsHome, type AwsHome } from '../../testkit/aws-standins/aws-home';
import { createIssuedKeys } from '../../testkit/aws-standins/issued-keys';
import { startSsoStandIn, type SsoStandIn } from '../../testkit/aws-standins/sso-standin';
import { unwrap } from '../../testkit/core-fixture';
import { type CountingProxy, startCountingProxy } from '../../testkit/counting-proxy';
import { startS3Server, type TestS3Server } from '../../testkit/s3-server';
import { type Core, createCore } from '../core/create-core';

const START_URL = 'https://standin.example/start';
let aws: AwsHome;
let sso: SsoStandIn;
let server: TestS3Server;
let proxy: CountingProxy;
const keys = createIssuedKeys();
const tokenFile = () => join(aws.awsDir, 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`);
const cacheFiles = () => (existsSync(join(aws.awsDir, 'sso', 'cache')) ? readdirSync(join(aws.awsDir, 'sso', 'cache')) : []);

beforeAll(async () => {
  sso = await startSsoStandIn({ keys, credentialLifetimeMs: 15 * 60_000 });
  aws = createAwsHome({ sso: sso.url, ssoOidc: sso.url });
  aws.writeConfig(
    [
      '[profile sso-dev]',
      'sso_session = corp',
      'sso_account_id = 111122223333',
      'sso_role_name = Reader',
      'region = us-east-1',
      '[sso-session corp]',
      `sso_start_url = ${START_URL}`,
      'sso_region = us-east-1',
      'sso_registration_scopes = sso:account:access',
    ].join('\n'),
  );
  server = await startS3Server();
  server.createBucket('sso-bucket');
  proxy = await startCountingProxy(server.url);
  proxy.addRule(keys.expiryRule());
}, 60_000);

afterAll(async () => {
  await Promise.all([sso.close(), proxy.close(), server.close()]);
  aws.restore();
});

interface Harness {
  readonly core: Core;
  readonly codes: SsoCodeEvent[];
  readonly ended: SsoEndedEvent[];
  readonly opened: string[];
}

type UserAction = (h: Harness, code: SsoCodeEvent) => void;

/**
 * A core whose browser is a recorder and whose poll wait returns at once: `onWait(n)` acts as the user would
 * between polls (approve on the second, say), so nothing here sleeps.
 */
function harness(onCode: UserAction, onWait: (n: number, h: Harness) => void = () => {}): Harness {
  let waits = 0;
  const h: Harness = {
    codes: [],
    ended: [],
    opened: [],
    core: createCore({
      events: <E extends EventChannel>(channel: E, payload: IpcEvents[E]) => {
        if (channel === 'signin:sso-code') {
          h.codes.push(payload as SsoCodeEvent);
          onCode(h, payload as SsoCodeEvent);
        }
        if (channel === 'signin:sso-ended') h.ended.push(payload as SsoEndedEvent);
      },
      openUrl: async (url) => void h.opened.push(url),
      signInWait: async () => onWait(++waits, h),
    }),
  };
  return h;
}

const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.dispose()));
});

describe('SSO device sign-in (local OIDC + portal stand-in)', () => {
  it('a request on a signed-out SSO profile runs the sign-in once, stores the token like the CLI, then works', async () => {
    const h = harness(() => {}, (n, hh) => {
      if (n === 2) sso.approve(hh.codes[0]!.userCode);
    });
    cores.push(h.core);
    expect(existsSync(tokenFile())).toBe(false);
    const { id } = unwrap(await h.core.handlers['connections:add']({ name: 'sso', endpoint: proxy.url, region: 'us-east-1', forcePathStyle: true, profile: 'sso-dev' }));
    // Three requests at once on a signed-out profile: one device flow, one code shown, one browser tab.
    const results = await Promise.all([0, 1, 2].map(() => h.core.handlers['buckets:list']({ connectionId: id })));
    for (const r of results) expect(unwrap(r).map((b) => b.name)).toContain('sso-bucket');
    expect(h.codes).toHaveLength(1);
    expect(h.opened).toEqual([`${sso.url}/device?user_code=${h.codes[0]!.userCode}`]);
    expect(h.ended.map((e) => e.state)).toEqual(['signed-in']);
    expect(sso.startUrls).toEqual([START_URL]);
    // Two pending polls, then the token.
    expect(sso.requests.filter((r) => r === 'POST /token')).toHaveLength(3);

    const stored = JSON.parse(readFileSync(tokenFile(), 'utf8')) as Record<string, string>;
    expect(Object.keys(stored).sort()).toEqual(['accessToken', 'clientId', 'clientSecret', 'expiresAt', 'refreshToken', 'region', 'registrationExpiresAt', 'startUrl']);
    expect(sso.accessTokens.has(stored['accessToken']!)).toBe(true);
    expect(stored).toMatchObject({ startUrl: START_URL, region: 'us-east-1' });
    expect(stored['expiresAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(stored['expiresAt']!)).toBeGreaterThan(Date.now() + 7 * 3600_000);
    // S3 was signed with the portal's role keys.
    const listed = proxy.log.filter((r) => r.operation === 'ListBuckets').at(-1)!;
    expect(String(listed.headers['authorization'])).toContain(`Credential=${keys.issued.at(-1)!.accessKeyId}/`);

    // A second core (the app restarted) finds the stored token: no sign-in.
    const again = harness(() => {
      throw new Error('no sign-in expected');
    });
    cores.push(again.core);
    const second = unwrap(await again.core.handlers['connections:add']({ name: 'sso', endpoint: proxy.url, region: 'us-east-1', forcePathStyle: true, profile: 'sso-dev' }));
    unwrap(await again.core.handlers['buckets:list']({ connectionId: second.id }));
    expect(again.codes).toHaveLength(0);
  });

  it('Cancel mid-flow leaves no token and no temp file; a denial and an expired code say so', async () => {
    const before = cacheFiles();
    const cancel = harness((hh, code) => void hh.core.handlers['connections:sso-cancel']({ flowId: code.flowId }).then(unwrap));
    cores.push(cancel.core);
    // Signing in again over an existing token: the old token stays until a new one arrives.
    const outcome = unwrap(await cancel.core.handlers['connections:sso-sign-in']({ profile: 'sso-dev' }));
    expect(outcome.state).toBe('cancelled');
    expect(cancel.ended.map((e) => e.state)).toEqual(['cancelled']);
    expect(cacheFiles()).toEqual(before);

    const denied = harness((_hh, code) => sso.deny(code.userCode));
    cores.push(denied.core);
    const d = unwrap(await denied.core.handlers['connections:sso-sign-in']({ profile: 'sso-dev' }));
    expect(d).toMatchObject({ state: 'failed' });
    expect(d.message).toMatch(/denied/);

    const expired = harness((_hh, code) => sso.expire(code.userCode));
    cores.push(expired.core);
    const e = unwrap(await expired.core.handlers['connections:sso-sign-in']({ profile: 'sso-dev' }));
    expect(e).toMatchObject({ state: 'failed' });
    expect(e.message).toMatch(/expired/);
    expect(cacheFiles()).toEqual(before);
  });

  it('an expired token (no refresh token) signs in again the same way, replacing the file', async () => {
    const stale = { startUrl: START_URL, region: 'us-east-1', accessToken: 'standin-stale', expiresAt: '2020-01-01T00:00:00Z' };
    writeFileSync(tokenFile(), JSON.stringify(stale));
    const h = harness((_hh, code) => sso.approve(code.userCode));
    cores.push(h.core);
    const { id } = unwrap(await h.core.handlers['connections:add']({ name: 'sso', endpoint: proxy.url, region: 'us-east-1', forcePathStyle: true, profile: 'sso-dev' }));
    unwrap(await h.core.handlers['buckets:list']({ connectionId: id }));
    expect(h.codes).toHaveLength(1);
    const stored = JSON.parse(readFileSync(tokenFile(), 'utf8')) as Record<string, string>;
    expect(stored['accessToken']).not.toBe('standin-stale');
    expect(sso.accessTokens.has(stored['accessToken']!)).toBe(true);
  });

  it('a token near its expiry is refreshed by the SDK with the stored refresh token: no new sign-in', async () => {
    // The file the previous test's sign-in stored, made to expire in a minute (the SDK refreshes within 5).
    const stored = JSON.parse(readFileSync(tokenFile(), 'utf8')) as Record<string, string>;
    writeFileSync(tokenFile(), JSON.stringify({ ...stored, expiresAt: new Date(Date.now() + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z') }));
    const before = sso.requests.length;
    const h = harness(() => {
      throw new Error('no sign-in expected');
    });
    cores.push(h.core);
    const { id } = unwrap(await h.core.handlers['connections:add']({ name: 'sso', endpoint: proxy.url, region: 'us-east-1', forcePathStyle: true, profile: 'sso-dev' }));
    unwrap(await h.core.handlers['buckets:list']({ connectionId: id }));
    expect(h.codes).toHaveLength(0);
    expect(sso.requests.slice(before)).toEqual(['POST /token', 'GET /federation/credentials']);
    const refreshed = JSON.parse(readFileSync(tokenFile(), 'utf8')) as Record<string, string>;
    expect(refreshed['accessToken']).not.toBe(stored['accessToken']);
    expect(sso.accessTokens.has(refreshed['accessToken']!)).toBe(true);
  });

  it('a profile that is not SSO is refused plainly', async () => {
    aws.writeConfig(readFileSync(join(aws.awsDir, 'config'), 'utf8') + '\n[profile plain]\nregion = us-east-1\n');
    const h = harness(() => {});
    cores.push(h.core);
    const outcome = unwrap(await h.core.handlers['connections:sso-sign-in']({ profile: 'plain' }));
    expect(outcome.state).toBe('failed');
    expect(outcome.message).toMatch(/not an SSO profile/);
    expect(h.codes).toHaveLength(0);
  });
});
