/**
 * "Sign in" for an SSO profile without `aws sso login`: the SSO OIDC device authorization flow (RegisterClient,
 * StartDeviceAuthorization, CreateToken polled until the user approves in the browser), then the token is
 * stored where and how the AWS CLI stores it, so the SDK's SSO provider (and the CLI) use it from then on.
 * The SDK ships no client for RegisterClient / StartDeviceAuthorization in what we depend on (its nested
 * sso-oidc client has CreateToken only), so the three JSON calls are made here with fetch.
 * Nothing is written until a token arrives: an abandoned flow (cancel, expiry, denial) leaves no file.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { getSSOTokenFilepath, loadSharedConfigFiles } from '@smithy/core/config';
import { z } from 'zod';
import { CodedError } from '../core/app-error';

export interface SsoSession {
  /** The `[sso-session NAME]` the profile names, or null for a legacy profile with sso_start_url itself. */
  readonly name: string | null;
  readonly startUrl: string;
  readonly region: string;
  readonly scopes: readonly string[];
}

/** Where a profile signs in, read with the SDK's own config loader. */
export async function ssoSessionOf(profile: string): Promise<SsoSession> {
  const files = await loadSharedConfigFiles({ ignoreCache: true });
  const section = files.configFile[profile];
  if (!section) throw new CodedError({ code: 'InvalidInput', message: `no profile ${profile} in the AWS config file` });
  const name = section['sso_session'] ?? null;
  const session = name ? files.configFile[`sso-session.${name}`] : section;
  const startUrl = session?.['sso_start_url'];
  const region = session?.['sso_region'];
  if (!startUrl || !region)
    throw new CodedError({ code: 'InvalidInput', message: `profile ${profile} is not an SSO profile (sso_start_url and sso_region needed)` });
  const scopes = (session['sso_registration_scopes'] ?? (name ? 'sso:account:access' : '')).split(',').map((s) => s.trim()).filter(Boolean);
  return { name, startUrl, region, scopes };
}

/** The OIDC service address: the SDK's endpoint variables first (how tests point at a stand-in), else AWS. */
export function oidcEndpointOf(region: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env['AWS_ENDPOINT_URL_SSO_OIDC'] || env['AWS_ENDPOINT_URL'] || `https://oidc.${region}.amazonaws.com`).replace(/\/+$/, '');
}

export interface DeviceCode {
  readonly userCode: string;
  readonly verificationUri: string;
  readonly expiresAt: number;
}

export interface DeviceFlowOptions {
  readonly session: SsoSession;
  /** Opens the verification address in the user's browser (Electron's shell.openExternal in the app). */
  readonly openUrl: (url: string) => Promise<void>;
  /** The code to show beside "confirm this code in your browser". */
  readonly onCode: (code: DeviceCode) => void;
  readonly signal: AbortSignal;
  readonly endpoint?: string;
  readonly now?: () => number;
  /** Waits between polls; the server's interval unless a test passes a shorter floor. */
  readonly wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const registration = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1), clientSecretExpiresAt: z.number() });
const authorization = z.object({
  deviceCode: z.string().min(1),
  userCode: z.string().min(1),
  verificationUri: z.string().url(),
  verificationUriComplete: z.string().url().optional(),
  expiresIn: z.number().positive(),
  interval: z.number().nonnegative().optional(),
});
const token = z.object({ accessToken: z.string().min(1), expiresIn: z.number().positive(), refreshToken: z.string().optional() });
const oidcError = z.object({ error: z.string() }).partial();

function abortWait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

const cancelled = () => new CodedError({ code: 'Cancelled', message: 'SSO sign-in cancelled' });

async function post(endpoint: string, path: string, body: unknown, signal: AbortSignal): Promise<{ status: number; json: unknown; errorType: string }> {
  let res: Response;
  try {
    res = await fetch(`${endpoint}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
  } catch (error) {
    if (signal.aborted) throw cancelled();
    throw new CodedError({ code: 'Network', message: `cannot reach the SSO sign-in service at ${endpoint} (${(error as Error).message})` });
  }
  const json: unknown = await res.json().catch(() => ({}));
  // AWS names the error both in the body ("error") and in x-amzn-ErrorType ("AuthorizationPendingException:…").
  const errorType = oidcError.safeParse(json).data?.error ?? (res.headers.get('x-amzn-errortype') ?? '').split(':')[0]!;
  return { status: res.status, json, errorType };
}

function answerOf<T>(schema: z.ZodType<T>, answer: { status: number; json: unknown; errorType: string }, step: string): T {
  const parsed = schema.safeParse(answer.json);
  if (answer.status !== 200 || !parsed.success)
    throw new CodedError({ code: 'InvalidCredentials', message: `SSO sign-in: ${step} failed (HTTP ${answer.status}${answer.errorType ? `, ${answer.errorType}` : ''})` });
  return parsed.data;
}

/** The CLI's timestamp format in the token cache ("2026-12-02T04:00:00Z"). */
const cliTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Run the flow to the end; resolves with the cache file written, or throws Cancelled / InvalidCredentials. */
export async function runDeviceFlow(options: DeviceFlowOptions): Promise<{ readonly tokenFile: string }> {
  const { session, signal } = options;
  const now = options.now ?? Date.now;
  const wait = options.wait ?? abortWait;
  const endpoint = options.endpoint ?? oidcEndpointOf(session.region);
  const client = answerOf(
    registration,
    await post(endpoint, '/client/register', { clientName: `s3desk-${randomUUID().slice(0, 8)}`, clientType: 'public', ...(session.scopes.length ? { scopes: session.scopes } : {}) }, signal),
    'RegisterClient',
  );
  const device = answerOf(
    authorization,
    await post(endpoint, '/device_authorization', { clientId: client.clientId, clientSecret: client.clientSecret, startUrl: session.startUrl }, signal),
    'StartDeviceAuthorization',
  );
  const expiresAt = now() + device.expiresIn * 1000;
  options.onCode({ userCode: device.userCode, verificationUri: device.verificationUriComplete ?? device.verificationUri, expiresAt });
  await options.openUrl(device.verificationUriComplete ?? device.verificationUri);
  let intervalMs = (device.interval ?? 5) * 1000;
  for (;;) {
    if (signal.aborted) throw cancelled();
    if (now() >= expiresAt) throw new CodedError({ code: 'InvalidCredentials', message: 'SSO sign-in: the code expired before it was confirmed; sign in again' });
    const answer = await post(
      endpoint,
      '/token',
      { clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode },
      signal,
    );
    if (answer.status === 200) {
      const t = answerOf(token, answer, 'CreateToken');
      return { tokenFile: await storeToken(session, client, t, now()) };
    }
    const type = answer.errorType.replace(/Exception$/, '');
    if (/^(authorization_pending|AuthorizationPending)$/.test(type)) {
      await wait(intervalMs, signal);
      continue;
    }
    if (/^(slow_down|SlowDown)$/.test(type)) {
      intervalMs += 5000;
      await wait(intervalMs, signal);
      continue;
    }
    if (/^(expired_token|ExpiredToken)$/.test(type))
      throw new CodedError({ code: 'InvalidCredentials', message: 'SSO sign-in: the code expired before it was confirmed; sign in again' });
    if (/^(access_denied|AccessDenied)$/.test(type)) throw new CodedError({ code: 'AccessDenied', message: 'SSO sign-in was denied in the browser' });
    throw new CodedError({ code: 'InvalidCredentials', message: `SSO sign-in: CreateToken failed (HTTP ${answer.status}${type ? `, ${type}` : ''})` });
  }
}

/** Same file and fields as `aws sso login`: ~/.aws/sso/cache/<sha1 of the session name, or the start URL>.json. */
async function storeToken(session: SsoSession, client: z.infer<typeof registration>, t: z.infer<typeof token>, at: number): Promise<string> {
  const file = getSSOTokenFilepath(session.name ?? session.startUrl);
  const body = {
    startUrl: session.startUrl,
    region: session.region,
    accessToken: t.accessToken,
    expiresAt: cliTime(at + t.expiresIn * 1000),
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    registrationExpiresAt: cliTime(client.clientSecretExpiresAt * 1000),
    ...(t.refreshToken ? { refreshToken: t.refreshToken } : {}),
  };
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  // Whole file or none: a reader (the SDK, the CLI) never sees half a token.
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(body), { mode: 0o600 });
  await rename(temp, file);
  return file;
}
