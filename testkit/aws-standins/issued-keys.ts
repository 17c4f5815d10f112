/**
 * STAND-IN, not AWS: the temporary keys the local STS and SSO stand-ins hand out, with the moment each one
 * dies. fauxqs checks no signatures, so a counting-proxy rule built from this registry is what refuses a
 * request signed with a key past its expiry, the way S3 answers 400 ExpiredToken.
 */
import { randomBytes } from 'node:crypto';
import type { Rule } from '../counting-proxy';

export interface IssuedKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

export interface IssuedKeys {
  issue(lifetimeMs: number): IssuedKey;
  /** Every key issued so far, oldest first. */
  readonly issued: readonly IssuedKey[];
  /** A counting-proxy rule: a request signed with an issued key after its expiry is answered 400 ExpiredToken. */
  expiryRule(onRefused?: (accessKeyId: string) => void): Rule;
}

/** The access key id an AWS4-HMAC-SHA256 Authorization header names (Credential=AKID/date/region/…). */
export function accessKeyOf(authorization: string | string[] | undefined): string | null {
  const value = Array.isArray(authorization) ? authorization[0] : authorization;
  return /Credential=([^/,\s]+)\//.exec(value ?? '')?.[1] ?? null;
}

export function createIssuedKeys(now: () => number = Date.now): IssuedKeys {
  const issued: IssuedKey[] = [];
  const byId = new Map<string, IssuedKey>();
  return {
    issued,
    issue(lifetimeMs) {
      const key: IssuedKey = {
        accessKeyId: `ASIASTANDIN${randomBytes(5).toString('hex').toUpperCase()}`,
        secretAccessKey: randomBytes(20).toString('base64'),
        sessionToken: randomBytes(32).toString('base64'),
        expiration: new Date(now() + lifetimeMs),
      };
      issued.push(key);
      byId.set(key.accessKeyId, key);
      return key;
    },
    expiryRule(onRefused) {
      return (req) => {
        const id = accessKeyOf(req.headers['authorization']);
        const key = id ? byId.get(id) : undefined;
        if (!key) return undefined;
        if (req.headers['x-amz-security-token'] !== key.sessionToken)
          return { kind: 'status', status: 403, code: 'InvalidToken', message: 'The provided token is malformed or otherwise invalid.' };
        if (key.expiration.getTime() > now()) return undefined;
        onRefused?.(key.accessKeyId);
        return { kind: 'status', status: 400, code: 'ExpiredToken', message: 'The provided token has expired.' };
      };
    },
  };
}
