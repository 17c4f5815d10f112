/**
 * SigV4 header signing for the direct request path (direct-s3.ts): synchronous node:crypto calls, and the
 * signing key derived once per credentials object, day, region and service.
 *
 * Why not @smithy/signature-v4 on this path: profiled over thousands of 16 KiB downloads it cost ~48 µs of
 * main-thread CPU per request (a request clone, async hash wrappers, and an HMAC per request only to look up
 * its cached key), about a tenth of a small file's whole cost on a 2-core machine. This does the same
 * arithmetic in ~10 µs. It produces exactly that signer's headers (sigv4.test.ts compares them request by
 * request), and every direct transfer test on the Ceph RGW lane is checked by a server that verifies them.
 */
import { createHash, createHmac } from 'node:crypto';

export interface SigningIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

export interface RequestToSign {
  readonly method: string;
  /** The path exactly as sent (S3 signs it as is: no second escaping, no dot-segment normalization). */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Header names in any case; every signable one is signed. */
  readonly headers: Readonly<Record<string, string>>;
  /** Hex SHA-256 of the body, or UNSIGNED-PAYLOAD; sent as x-amz-content-sha256 by the caller. */
  readonly payloadHash: string;
}

/** Never signed (proxies and clients may change them), as in the AWS signers. */
const UNSIGNABLE = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);
/** Headers the signer sets itself: a caller's copy is dropped. */
const GENERATED = new Set(['authorization', 'x-amz-date', 'date']);

/** RFC 3986 escaping as SigV4 canonicalizes query names and values (encodeURIComponent leaves !'()* alone). */
const escapeRfc3986 = (v: string): string => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The query string as SigV4 canonicalizes it (escaped names and values, sorted by name); also fine to send. */
export function canonicalQuery(query: Readonly<Record<string, string>>): string {
  return Object.keys(query)
    .map((k) => [escapeRfc3986(k), escapeRfc3986(query[k]!)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

interface CachedKey {
  readonly scope: string;
  readonly key: Buffer;
}
/** Per credentials object (a memoized provider answers the same one until it refreshes): no secret is copied. */
const keys = new WeakMap<SigningIdentity, CachedKey>();

function signingKey(identity: SigningIdentity, day: string, region: string, service: string): Buffer {
  const scope = `${day}/${region}/${service}`;
  const cached = keys.get(identity);
  if (cached?.scope === scope) return cached.key;
  let key = createHmac('sha256', `AWS4${identity.secretAccessKey}`).update(day).digest();
  for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  keys.set(identity, { scope, key });
  return key;
}

const canonicalValue = (v: string) => v.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '');

/**
 * The headers to send: the request's own (minus generated ones), x-amz-date, x-amz-security-token for a
 * session, and Authorization.
 */
export function signHeaders(request: RequestToSign, identity: SigningIdentity, region: string, service: string, date: Date): Record<string, string> {
  const longDate = date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  const day = longDate.slice(0, 8);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (!GENERATED.has(name.toLowerCase())) headers[name] = value;
  headers['x-amz-date'] = longDate;
  if (identity.sessionToken) headers['x-amz-security-token'] = identity.sessionToken;

  const canonical = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (UNSIGNABLE.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-')) continue;
    canonical.set(lower, canonicalValue(value));
  }
  const names = [...canonical.keys()].sort();
  const signedHeaders = names.join(';');
  const query = canonicalQuery(request.query);
  const canonicalRequest = [
    request.method,
    request.path,
    query,
    names.map((n) => `${n}:${canonical.get(n)!}`).join('\n'),
    '',
    signedHeaders,
    request.payloadHash,
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${longDate}\n${scope}\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
  const signature = createHmac('sha256', signingKey(identity, day, region, service)).update(stringToSign).digest('hex');
  headers['authorization'] = `AWS4-HMAC-SHA256 Credential=${identity.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}
