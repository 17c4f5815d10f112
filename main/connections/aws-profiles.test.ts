import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CountingProxy, startCountingProxy } from '../../testkit/counting-proxy';
import { unwrap } from '../../testkit/core-fixture';
import { startS3Server, type TestS3Server } from '../../testkit/s3-server';
import { createCore } from '../core/create-core';
import { credentialProviderFor } from './credentials';

/**
 * A temporary ~/.aws (HOME, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE and AWS_PROFILE point into it) with
 * one profile of each kind. STS and the SSO portal are local fakes reached through the SDK's own
 * AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL_SSO settings, so the SDK's real code paths run end to end.
 */
const home = mkdtempSync(join(tmpdir(), 's3desk-aws-'));
const awsDir = join(home, '.aws');
const SECRETS = {
  static: 'static-secret-Zq81',
  session: 'session-secret-Pw02',
  sessionToken: 'session-token-Lk33',
  source: 'source-secret-Mn44',
  process: 'process-secret-Xy55',
  sts: 'sts-secret-Ab66',
  ssoAccess: 'sso-access-token-Cd77',
  sso: 'sso-role-secret-Ef88',
};

interface Fake {
  readonly url: string;
  readonly requests: IncomingMessage[];
  readonly bodies: string[];
  close(): Promise<void>;
}

async function startFake(answer: (req: IncomingMessage, body: string) => { status: number; type: string; body: string }): Promise<Fake> {
  const requests: IncomingMessage[] = [];
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push(req);
      bodies.push(body);
      const a = answer(req, body);
      res.writeHead(a.status, { 'content-type': a.type });
      res.end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    bodies,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const expiry = () => new Date(Date.now() + 3600_000).toISOString();
let sts: Fake;
let sso: Fake;
let server: TestS3Server;
let proxy: CountingProxy;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  sts = await startFake((_req, body) => {
    const params = new URLSearchParams(body);
    return {
      status: 200,
      type: 'text/xml',
      body: `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>
<AccessKeyId>ASIASTSFAKE00001</AccessKeyId><SecretAccessKey>${SECRETS.sts}</SecretAccessKey><SessionToken>sts-token</SessionToken>
<Expiration>${expiry()}</Expiration></Credentials><AssumedRoleUser><Arn>${params.get('RoleArn')}/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser>
</AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>`,
    };
  });
  sso = await startFake((req) =>
    req.headers['x-amz-sso_bearer_token'] === SECRETS.ssoAccess
      ? {
          status: 200,
          type: 'application/json',
          body: JSON.stringify({
            roleCredentials: { accessKeyId: 'ASIASSOFAKE00001', secretAccessKey: SECRETS.sso, sessionToken: 'sso-session', expiration: Date.now() + 3600_000 },
          }),
        }
      : { status: 401, type: 'application/json', body: JSON.stringify({ message: 'bad token' }) },
  );
  server = await startS3Server();
  server.seed('profile-bucket', [['a.txt', 'a']]);
  proxy = await startCountingProxy(server.url);

  mkdirSync(join(awsDir, 'sso', 'cache'), { recursive: true });
  const procScript = join(home, 'cred-proc.cjs');
  writeFileSync(
    procScript,
    `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKIAPROCESS00001', SecretAccessKey: '${SECRETS.process}', Expiration: '${expiry()}' }));`,
  );
  writeFileSync(
    join(awsDir, 'credentials'),
    `[static-keys]
aws_access_key_id = AKIASTATIC000001
aws_secret_access_key = ${SECRETS.static}

[with-session]
aws_access_key_id = ASIASESSION00001
aws_secret_access_key = ${SECRETS.session}
aws_session_token = ${SECRETS.sessionToken}

[source]
aws_access_key_id = AKIASOURCE000001
aws_secret_access_key = ${SECRETS.source}
`,
  );
  writeFileSync(
    join(awsDir, 'config'),
    `[default]
region = eu-central-1

[profile static-keys]
region = eu-west-1
endpoint_url = ${proxy.url}

[profile assume]
role_arn = arn:aws:iam::123456789012:role/S3DeskTest
source_profile = source
region = us-west-2

[profile proc]
credential_process = ${process.execPath} ${procScript}

[profile sso-user]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = ReadOnly
region = us-east-2

[profile sso-no-token]
sso_session = other
sso_account_id = 123456789012
sso_role_name = ReadOnly

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[sso-session other]
sso_start_url = https://other.awsapps.com/start
sso_region = us-east-1
`,
  );
  // The SDK looks for the SSO token under sha1(session name), exactly where `aws sso login` writes it.
  writeFileSync(
    join(awsDir, 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`),
    JSON.stringify({ accessToken: SECRETS.ssoAccess, expiresAt: expiry(), region: 'us-east-1', startUrl: 'https://corp.awsapps.com/start' }),
  );

  const env = {
    HOME: home,
    AWS_CONFIG_FILE: join(awsDir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(awsDir, 'credentials'),
    AWS_PROFILE: 'static-keys',
    AWS_ENDPOINT_URL_STS: sts.url,
    AWS_ENDPOINT_URL_SSO: sso.url,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
  };
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await Promise.all([sts.close(), sso.close(), proxy.close(), server.close()]);
  rmSync(home, { recursive: true, force: true });
});

const resolve = (profile: string) => (credentialProviderFor({ kind: 'profile', profile }) as AwsCredentialIdentityProvider)();

describe('AWS shared config profiles', () => {
  it('lists every profile of both files with its kind, honouring AWS_PROFILE, and never a secret', async () => {
    const core = createCore();
    const list = unwrap(await core.handlers['connections:profiles']({}));
    expect(list.defaultProfile).toBe('static-keys');
    expect(list.configFile).toBe(join(awsDir, 'config'));
    expect(list.problem).toBeNull();
    const kinds = Object.fromEntries(list.profiles.map((p) => [p.name, p.kind]));
    expect(kinds).toEqual({
      default: 'unknown',
      'static-keys': 'static',
      'with-session': 'session',
      source: 'static',
      assume: 'assume-role',
      proc: 'process',
      'sso-user': 'sso',
      'sso-no-token': 'sso',
    });
    expect(list.profiles[0]?.name).toBe('static-keys');
    const assume = list.profiles.find((p) => p.name === 'assume');
    expect(assume).toMatchObject({ region: 'us-west-2', sourceProfile: 'source', inConfig: true, inCredentials: false });
    expect(list.profiles.find((p) => p.name === 'sso-user')).toMatchObject({ ssoSession: 'corp', region: 'us-east-2' });
    const json = JSON.stringify(list);
    for (const secret of Object.values(SECRETS)) expect(json).not.toContain(secret);
    await core.dispose();
  });

  it('resolves static keys and session tokens through the SDK', async () => {
    expect(await resolve('static-keys')).toMatchObject({ accessKeyId: 'AKIASTATIC000001', secretAccessKey: SECRETS.static });
    expect(await resolve('with-session')).toMatchObject({ accessKeyId: 'ASIASESSION00001', sessionToken: SECRETS.sessionToken });
  });

  it('assumes a role with the source_profile keys (the SDK calls STS)', async () => {
    const creds = await resolve('assume');
    expect(creds).toMatchObject({ accessKeyId: 'ASIASTSFAKE00001', secretAccessKey: SECRETS.sts });
    expect(sts.requests).toHaveLength(1);
    expect(String(sts.requests[0]?.headers.authorization)).toContain('Credential=AKIASOURCE000001/');
    expect(new URLSearchParams(sts.bodies[0]).get('RoleArn')).toBe('arn:aws:iam::123456789012:role/S3DeskTest');
  });

  it('runs credential_process', async () => {
    expect(await resolve('proc')).toMatchObject({ accessKeyId: 'AKIAPROCESS00001', secretAccessKey: SECRETS.process });
  });

  it('takes the SDK SSO path: cached token → portal GetRoleCredentials', async () => {
    const creds = await resolve('sso-user');
    expect(creds).toMatchObject({ accessKeyId: 'ASIASSOFAKE00001', secretAccessKey: SECRETS.sso });
    const call = sso.requests.at(-1)!;
    expect(call.url).toContain('/federation/credentials');
    expect(call.url).toContain('role_name=ReadOnly');
    expect(call.url).toContain('account_id=123456789012');
  });

  it('reports an SSO profile without a login as the SDK does (no real login attempted)', async () => {
    const before = sso.requests.length;
    await expect(resolve('sso-no-token')).rejects.toThrow(/SSO/i);
    expect(sso.requests.length).toBe(before);
  });

  it('a connection test of an SSO profile without a login says what the SDK says (run aws sso login)', async () => {
    const core = createCore();
    const result = unwrap(
      await core.handlers['connections:test']({ input: { name: 'sso', profile: 'sso-no-token', endpoint: proxy.url, region: 'us-east-1', forcePathStyle: true } }),
    );
    expect(result).toMatchObject({ ok: false, failure: 'NoCredentials' });
    expect(!result.ok && result.message).toMatch(/SSO/);
    const ok = unwrap(await core.handlers['connections:test']({ input: { name: 'sso', profile: 'sso-user', endpoint: proxy.url, region: 'us-east-1', forcePathStyle: true } }));
    expect(ok).toMatchObject({ ok: true });
    await core.dispose();
  });

  it('connects with a profile: requests are signed with the profile keys (seen on the wire)', async () => {
    const core = createCore();
    const summary = unwrap(
      await core.handlers['connections:add']({ name: 'via profile', profile: 'static-keys', endpoint: proxy.url, region: 'eu-west-1', forcePathStyle: true }),
    );
    expect(summary).toMatchObject({ auth: 'profile', profile: 'static-keys', accessKeyHint: null, secret: 'none' });
    proxy.reset();
    const buckets = unwrap(await core.handlers['buckets:list']({ connectionId: summary.id }));
    expect(buckets.map((b) => b.name)).toContain('profile-bucket');
    expect(String(proxy.log[0]?.headers['authorization'])).toContain('Credential=AKIASTATIC000001/');

    const assumed = unwrap(
      await core.handlers['connections:add']({ name: 'role', profile: 'assume', endpoint: proxy.url, region: 'us-west-2', forcePathStyle: true }),
    );
    proxy.reset();
    unwrap(await core.handlers['objects:list']({ connectionId: assumed.id, bucket: 'profile-bucket', prefix: '' }));
    expect(String(proxy.log[0]?.headers['authorization'])).toContain('Credential=ASIASTSFAKE00001/');
    await core.dispose();
  });
});
