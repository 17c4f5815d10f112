/**
 * STAND-IN, not AWS: a local STS that answers AssumeRole (Query protocol, the XML the SDK parses) so MFA and
 * expiring-credential paths run without an AWS account. It checks what real STS checks that matters here:
 * the caller's access key, the MFA device serial and one-time code, and it issues keys that expire after
 * `lifetimeMs` (real STS never goes below 900 s; the stand-in compresses time so a test sees many expiries).
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { readBody, startLoopback, type LoopbackServer } from './http-util';
import { accessKeyOf, type IssuedKeys } from './issued-keys';

export interface StsStandInOptions {
  readonly keys: IssuedKeys;
  /** The only access key allowed to call AssumeRole (the source profile's). */
  readonly callerAccessKeyId: string;
  /** How long issued keys live. */
  readonly lifetimeMs: number;
  /** When set, AssumeRole needs SerialNumber = serial and TokenCode = code() (for `role` only, when given). */
  readonly mfa?: { readonly serial: string; readonly code: () => string; readonly role?: string };
}

export interface AssumeRoleCall {
  readonly roleArn: string;
  readonly serialNumber: string | null;
  readonly tokenCode: string | null;
  readonly outcome: 'issued' | 'mfa-failed' | 'denied';
}

export interface StsStandIn extends LoopbackServer {
  readonly calls: readonly AssumeRoleCall[];
  /** Forget the calls so far (between tests). */
  clearCalls(): void;
}

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function xmlError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
  res.writeHead(status, { 'content-type': 'text/xml' });
  res.end(body);
}

export async function startStsStandIn(options: StsStandInOptions): Promise<StsStandIn> {
  const calls: AssumeRoleCall[] = [];
  const server = await startLoopback(async (req, res) => {
    const form = new URLSearchParams(await readBody(req));
    if (form.get('Action') !== 'AssumeRole') return xmlError(res, 400, 'InvalidAction', `stand-in answers AssumeRole only, not ${form.get('Action')}`);
    const roleArn = form.get('RoleArn') ?? '';
    const serialNumber = form.get('SerialNumber');
    const tokenCode = form.get('TokenCode');
    const record = (outcome: AssumeRoleCall['outcome']) => calls.push({ roleArn, serialNumber, tokenCode, outcome });
    if (accessKeyOf(req.headers['authorization']) !== options.callerAccessKeyId) {
      record('denied');
      return xmlError(res, 403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    }
    const needsMfa = options.mfa !== undefined && (options.mfa.role === undefined || options.mfa.role === roleArn);
    if (needsMfa && options.mfa && (serialNumber !== options.mfa.serial || tokenCode !== options.mfa.code())) {
      record('mfa-failed');
      return xmlError(res, 403, 'AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.');
    }
    record('issued');
    const key = options.keys.issue(options.lifetimeMs);
    const body =
      `<AssumeRoleResponse xmlns="${NS}"><AssumeRoleResult><Credentials>` +
      `<AccessKeyId>${key.accessKeyId}</AccessKeyId><SecretAccessKey>${key.secretAccessKey}</SecretAccessKey>` +
      `<SessionToken>${key.sessionToken}</SessionToken><Expiration>${key.expiration.toISOString()}</Expiration>` +
      `</Credentials><AssumedRoleUser><Arn>${roleArn}/standin</Arn><AssumedRoleId>AROASTANDIN:standin</AssumedRoleId></AssumedRoleUser>` +
      `</AssumeRoleResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></AssumeRoleResponse>`;
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(body);
  });
  return { ...server, calls, clearCalls: () => void calls.splice(0) };
}
