/**
 * STAND-IN, not AWS: a local SSO OIDC service and SSO portal in one server, so the device sign-in and the
 * SDK's SSO credential path run without an AWS account.
 * - OIDC (restJson): POST /client/register, POST /device_authorization, POST /token (device_code grant
 *   answers authorization_pending until the test "approves" the user code in the browser; refresh_token grant
 *   too, as the SDK refreshes tokens near expiry).
 * - Portal: GET /federation/credentials (GetRoleCredentials) with the x-amz-sso_bearer_token header, issuing
 *   keys from the shared IssuedKeys registry.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { readBody, sendJson, startLoopback, type LoopbackServer } from './http-util';
import type { IssuedKeys } from './issued-keys';

export interface SsoStandInOptions {
  readonly keys: IssuedKeys;
  /** Lifetime of role credentials from GetRoleCredentials. */
  readonly credentialLifetimeMs: number;
  /** Lifetime of access tokens from CreateToken, in seconds. */
  readonly tokenLifetimeSeconds?: number;
  /** How long a device code stays valid, in seconds. */
  readonly deviceCodeSeconds?: number;
}

type DeviceState = 'pending' | 'approved' | 'denied' | 'expired' | 'used';

export interface SsoStandIn extends LoopbackServer {
  /** The user confirms (or refuses) a code in the browser. */
  approve(userCode: string): void;
  deny(userCode: string): void;
  expire(userCode: string): void;
  /** Every request's path, in order ("POST /token", "GET /federation/credentials"). */
  readonly requests: readonly string[];
  /** Access tokens handed out (to check the one the app stored). */
  readonly accessTokens: ReadonlySet<string>;
  /** Start URL of each device authorization. */
  readonly startUrls: readonly string[];
}

interface Device {
  readonly clientId: string;
  readonly userCode: string;
  state: DeviceState;
}

function oidcError(res: ServerResponse, status: number, error: string, type: string): void {
  res.setHeader('x-amzn-errortype', `${type}:`);
  sendJson(res, status, { error, error_description: `stand-in: ${error}` });
}

export async function startSsoStandIn(options: SsoStandInOptions): Promise<SsoStandIn> {
  const clients = new Map<string, string>();
  const devices = new Map<string, Device>();
  const refreshTokens = new Set<string>();
  const accessTokens = new Set<string>();
  const requests: string[] = [];
  const startUrls: string[] = [];
  const byUserCode = (userCode: string) => [...devices.values()].find((d) => d.userCode === userCode);
  const tokenAnswer = () => {
    const accessToken = `standin-access-${randomBytes(12).toString('hex')}`;
    const refreshToken = `standin-refresh-${randomBytes(12).toString('hex')}`;
    accessTokens.add(accessToken);
    refreshTokens.add(refreshToken);
    return { accessToken, tokenType: 'Bearer', expiresIn: options.tokenLifetimeSeconds ?? 8 * 3600, refreshToken };
  };
  let url = '';
  const server = await startLoopback(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${path.pathname}`);
    const body = req.method === 'POST' ? (JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>) : {};
    const client = typeof body['clientId'] === 'string' ? body['clientId'] : '';
    const knownClient = clients.get(client) === body['clientSecret'];
    if (req.method === 'POST' && path.pathname === '/client/register') {
      const clientId = `standin-client-${randomUUID()}`;
      const clientSecret = randomBytes(16).toString('hex');
      clients.set(clientId, clientSecret);
      const now = Math.floor(Date.now() / 1000);
      return sendJson(res, 200, { clientId, clientSecret, clientIdIssuedAt: now, clientSecretExpiresAt: now + 90 * 86400 });
    }
    if (req.method === 'POST' && path.pathname === '/device_authorization') {
      if (!knownClient) return oidcError(res, 400, 'invalid_client', 'InvalidClientException');
      startUrls.push(String(body['startUrl']));
      const deviceCode = randomBytes(16).toString('hex');
      const userCode = `${randomBytes(2).toString('hex')}-${randomBytes(2).toString('hex')}`.toUpperCase();
      devices.set(deviceCode, { clientId: client, userCode, state: 'pending' });
      return sendJson(res, 200, {
        deviceCode,
        userCode,
        verificationUri: `${url}/device`,
        verificationUriComplete: `${url}/device?user_code=${userCode}`,
        expiresIn: options.deviceCodeSeconds ?? 600,
        interval: 1,
      });
    }
    if (req.method === 'POST' && path.pathname === '/token') {
      if (!knownClient) return oidcError(res, 400, 'invalid_client', 'InvalidClientException');
      if (body['grantType'] === 'refresh_token') {
        if (!refreshTokens.delete(String(body['refreshToken']))) return oidcError(res, 400, 'invalid_grant', 'InvalidGrantException');
        return sendJson(res, 200, tokenAnswer());
      }
      const device = devices.get(String(body['deviceCode']));
      if (!device || device.clientId !== client || device.state === 'used') return oidcError(res, 400, 'invalid_grant', 'InvalidGrantException');
      if (device.state === 'pending') return oidcError(res, 400, 'authorization_pending', 'AuthorizationPendingException');
      if (device.state === 'denied') return oidcError(res, 400, 'access_denied', 'AccessDeniedException');
      if (device.state === 'expired') return oidcError(res, 400, 'expired_token', 'ExpiredTokenException');
      device.state = 'used';
      return sendJson(res, 200, tokenAnswer());
    }
    if (req.method === 'GET' && path.pathname === '/federation/credentials') {
      if (!accessTokens.has(String(req.headers['x-amz-sso_bearer_token']))) {
        res.setHeader('x-amzn-errortype', 'UnauthorizedException:');
        return sendJson(res, 401, { message: 'Session token not found or invalid' });
      }
      const key = options.keys.issue(options.credentialLifetimeMs);
      return sendJson(res, 200, {
        roleCredentials: {
          accessKeyId: key.accessKeyId,
          secretAccessKey: key.secretAccessKey,
          sessionToken: key.sessionToken,
          expiration: key.expiration.getTime(),
        },
      });
    }
    return sendJson(res, 404, { message: `stand-in: no ${req.method} ${path.pathname}` });
  });
  url = server.url;
  const set = (state: DeviceState) => (userCode: string) => {
    const d = byUserCode(userCode);
    if (!d) throw new Error(`stand-in: no device code ${userCode}`);
    d.state = state;
  };
  return { ...server, approve: set('approved'), deny: set('denied'), expire: set('expired'), requests, accessTokens, startUrls };
}
