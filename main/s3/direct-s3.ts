/**
 * GetObject and PutObject without the SDK's per-request middleware (endpoint rules, schema serde, retry and
 * auth pipeline, body wrappers): profiling showed ~1 ms of client CPU per request there, which capped
 * thousands-of-small-files transfers on a 2-core machine. Everything that must match real S3 comes from the
 * bucket's own SDK client, resolved once per (client, bucket):
 * - address (path-style or virtual-hosted, custom endpoint and its path, http/https) and the signing scope
 *   (region, service) are read from one presigned probe URL built by that client's own middleware stack;
 * - credentials (memoized provider, so refreshes still happen), clock-skew offset and hash are the client's.
 * Each request is then signed locally with SigV4 (header auth). PUTs go out with Node's http/https on the same
 * keep-alive agent the client uses; GETs through raw-get, which reads bodies into reused memory and pools its
 * sockets per agent (so a pinned certificate's trust applies to them too). Errors come back shaped like SDK
 * errors ({ name: S3 code, $metadata.httpStatusCode }) so the existing error mapping and retry rules apply.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import type tls from 'node:tls';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { escapeUriPath } from '@smithy/core/protocols';
import { agentsOf, observerOf, presigningClient } from './client-factory';
import { type RawGetArgs, type RawHead, rawGet } from './raw-get';
import { canonicalQuery, type SigningIdentity, signHeaders } from './sigv4';

const PROBE_KEY = 's3desk-probe';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** No byte for this long on an open request: treat the connection as dead (a retryable network error). */
const IDLE_TIMEOUT_MS = 60_000;

interface Target {
  readonly secure: boolean;
  readonly hostname: string;
  readonly port: number | undefined;
  /** Host header value as the SDK signs it. */
  readonly host: string;
  /** Path up to the key, ending in "/" (path-style: "/bucket/", virtual-hosted: "/"). */
  readonly basePath: string;
  readonly region: string;
  readonly service: string;
  /** The client's credentials provider (memoized by the SDK: refreshes still happen). */
  readonly credentials: () => Promise<SigningIdentity>;
  readonly agent: http.Agent;
}

const targets = new WeakMap<S3Client, Map<string, Promise<Target>>>();
const fallbackAgents = { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };

/** Where and how to sign requests for a bucket, as the client itself would (cached per client and bucket). */
export function targetOf(client: S3Client, bucket: string): Promise<Target> {
  let perClient = targets.get(client);
  if (!perClient) targets.set(client, (perClient = new Map()));
  let target = perClient.get(bucket);
  if (!target) {
    target = resolveTarget(client, bucket);
    // A failed resolution (e.g. credentials not loadable yet) is retried next time, not cached.
    target.catch(() => perClient.delete(bucket));
    perClient.set(bucket, target);
  }
  return target;
}

async function resolveTarget(client: S3Client, bucket: string): Promise<Target> {
  const probe = new URL(await getSignedUrl(presigningClient(client), new GetObjectCommand({ Bucket: bucket, Key: PROBE_KEY }), { expiresIn: 60 }));
  if (!probe.pathname.endsWith(`/${PROBE_KEY}`)) throw new Error(`unexpected S3 address for bucket ${bucket}: ${probe.pathname}`);
  // X-Amz-Credential = AKID/date/region/service/aws4_request: the scope the client's auth scheme chose.
  const scope = (probe.searchParams.get('X-Amz-Credential') ?? '').split('/');
  const [region, service] = [scope[scope.length - 3], scope[scope.length - 2]];
  if (!region || !service || probe.searchParams.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256')
    throw new Error(`bucket ${bucket}: the client does not sign with SigV4`);
  const config = client.config;
  const secure = probe.protocol === 'https:';
  const agents = agentsOf(client);
  return {
    secure,
    hostname: probe.hostname.replace(/^\[|\]$/g, ''),
    port: probe.port ? Number(probe.port) : undefined,
    host: probe.host,
    basePath: probe.pathname.slice(0, -PROBE_KEY.length),
    region,
    service,
    credentials: credentialsOf(config.credentials as CredentialSource),
    agent: secure ? (agents?.https ?? fallbackAgents.https) : (agents?.http ?? fallbackAgents.http),
  };
}

/** A client config's credentials: an identity, or (as resolved by the SDK) a provider of one. */
type CredentialSource = SigningIdentity | (() => Promise<SigningIdentity>);

function credentialsOf(source: CredentialSource): () => Promise<SigningIdentity> {
  if (typeof source === 'function') return () => source();
  return () => Promise.resolve(source);
}

export interface DirectResponse {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  /** The body as it arrives from the socket; the caller must consume or destroy it. */
  readonly body: IncomingMessage;
}

interface SendArgs {
  readonly client: S3Client;
  readonly bucket: string;
  readonly key: string;
  readonly method: 'GET' | 'PUT';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  /** Query parameters, signed: UploadPart's partNumber and uploadId, a GET's versionId. */
  readonly query?: Readonly<Record<string, string>>;
  /**
   * Sign the body as UNSIGNED-PAYLOAD instead of its SHA-256 (S3 accepts it on http and https alike): for
   * bodies the server checks by Content-MD5 anyway, where a second full hash pass would only cost CPU.
   */
  readonly unsignedPayload?: boolean;
  /** A bandwidth limit the body is written through, slice by slice (see writePaced). */
  readonly pace?: BodyPace;
  readonly signal: AbortSignal;
  /** For the app's request counter. */
  readonly operation: string;
}

/** What sendDirect needs of a bandwidth limit (transfers/bandwidth.ts). */
export interface BodyPace {
  /** Null: no limit now (the body goes in one write). */
  readonly bytesPerSecond: number | null;
  take(bytes: number, signal?: AbortSignal): Promise<void>;
  /** How many bytes to let through per wait at the current rate. */
  sliceBytes(): number;
}

export interface SignedRequest {
  readonly secure: boolean;
  readonly hostname: string;
  readonly port: number | undefined;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly agent: http.Agent;
}

/** Address and sign one request for an object the way the bucket's client would (SigV4, header auth). */
export async function signRequest(
  args: Pick<SendArgs, 'client' | 'bucket' | 'key' | 'method' | 'headers' | 'body' | 'query' | 'unsignedPayload'>,
): Promise<SignedRequest> {
  const t = await targetOf(args.client, args.bucket);
  const keyPath = t.basePath + escapeUriPath(args.key);
  const query = args.query ?? {};
  const search = canonicalQuery(query);
  const path = search ? `${keyPath}?${search}` : keyPath;
  const payloadHash = !args.body ? EMPTY_SHA256 : args.unsignedPayload ? 'UNSIGNED-PAYLOAD' : createHash('sha256').update(args.body).digest('hex');
  const headers: Record<string, string> = {
    host: t.host,
    'x-amz-content-sha256': payloadHash,
    ...args.headers,
    ...(args.body ? { 'content-length': String(args.body.length) } : {}),
  };
  const offset = (args.client.config as { systemClockOffset?: number }).systemClockOffset ?? 0;
  const identity = await t.credentials();
  const signed = signHeaders({ method: args.method, path: keyPath, query, headers, payloadHash }, identity, t.region, t.service, new Date(Date.now() + offset));
  return { secure: t.secure, hostname: t.hostname, port: t.port, path, headers: signed, agent: t.agent };
}

/** Send one signed request; resolves with the response head once it arrives (errors included, see throwIfError). */
export async function sendDirect(args: SendArgs): Promise<DirectResponse> {
  const t = await signRequest(args);
  observerOf(args.client)?.(args.operation);
  if (args.signal.aborted) throw abortError();
  return new Promise<DirectResponse>((resolve, reject) => {
    const req = (t.secure ? https : http).request({
      method: args.method,
      hostname: t.hostname,
      port: t.port,
      path: t.path,
      headers: t.headers as OutgoingHttpHeaders,
      agent: t.agent,
      signal: args.signal,
    });
    req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(Object.assign(new Error('socket idle timeout'), { code: 'ETIMEDOUT' })));
    req.once('error', (error) => reject(args.signal.aborted ? abortError() : error));
    req.once('response', (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res }));
    if (args.pace && args.pace.bytesPerSecond !== null && args.body) writePaced(req, args.body, args.pace, args.signal).catch((error: unknown) => req.destroy(error as Error));
    else req.end(args.body);
  });
}

/**
 * Write a body slice by slice, each once the limit lets it through. Taking a whole part up front and then
 * sending it at wire speed held the average but not the seconds: at 20 MB/s a 16 MiB part is 0.84 s of the
 * rate leaving in about 0.1 s, so a one-second window could carry two parts (+60%).
 */
async function writePaced(req: http.ClientRequest, body: Buffer, pace: BodyPace, signal: AbortSignal): Promise<void> {
  for (let at = 0; at < body.length; ) {
    const slice = body.subarray(at, Math.min(body.length, at + pace.sliceBytes()));
    await pace.take(slice.length, signal);
    if (req.destroyed) return;
    if (!req.write(slice)) await once(req, 'drain', { signal });
    at += slice.length;
  }
  req.end();
}

/** What a direct GET needs beside the raw request: the object, and the operation name for the counter. */
export interface DirectGetArgs extends Pick<RawGetArgs, 'headers' | 'signal' | 'onHead' | 'onBody'> {
  readonly client: S3Client;
  readonly bucket: string;
  readonly key: string;
  readonly operation: string;
  /** One version of the object instead of the current one. */
  readonly versionId?: string;
}

/** TLS settings of an https agent that decide trust (a pinned certificate's CA and check among them). */
function trustOf(agent: http.Agent): tls.ConnectionOptions {
  const o = (agent as { options?: tls.ConnectionOptions }).options ?? {};
  const keys = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'checkServerIdentity', 'allowPartialTrustChain', 'minVersion', 'ciphers'] as const;
  return Object.fromEntries(keys.filter((k) => o[k as keyof tls.ConnectionOptions] !== undefined).map((k) => [k, o[k as keyof tls.ConnectionOptions]]));
}

/**
 * GET an object with the body read into reused memory (raw-get) instead of node:http's fresh buffers: the
 * download path for bytes. Same address, signature, trust and request counting as sendDirect. A non-2xx
 * answer throws an SDK-shaped error, its body read here.
 */
export async function getDirect(args: DirectGetArgs): Promise<void> {
  const t = await signRequest({ ...args, method: 'GET', ...(args.versionId !== undefined ? { query: { versionId: args.versionId } } : {}) });
  observerOf(args.client)?.(args.operation);
  let failed: { head: RawHead; text: string } | null = null;
  await rawGet({
    endpoint: {
      secure: t.secure,
      hostname: t.hostname,
      port: t.port ?? (t.secure ? 443 : 80),
      ...(t.secure ? { tls: trustOf(t.agent) } : {}),
      poolOwner: t.agent,
    },
    path: t.path,
    headers: t.headers,
    signal: args.signal,
    idleTimeoutMs: IDLE_TIMEOUT_MS,
    onHead: (head) => {
      if (head.status >= 200 && head.status < 300) args.onHead(head);
      else failed = { head, text: '' };
    },
    onBody: (view, hold) => {
      if (!failed) args.onBody(view, hold);
      else if (failed.text.length < 64 * 1024) failed.text += view.toString('utf8');
    },
  });
  const error = failed as { head: RawHead; text: string } | null;
  if (error) throw errorFromResponse(error.head.status, error.head.headers, error.text, args.client);
}

const CLOCK_SKEW_CODES = new Set(['RequestTimeTooSkewed', 'RequestExpired', 'RequestInTheFuture']);
/** The server says the session died before its request arrived (a refresh came too late, or clocks differ). */
const EXPIRED_CREDENTIAL_CODES = new Set(['ExpiredToken', 'TokenRefreshRequired']);

/**
 * Set on an error after which sending again will be signed right: the client's clock offset was corrected,
 * or the credentials had expired (every direct request asks the connection's provider anew, which refreshes
 * expiring sessions), so the transfer retries that range or PUT instead of failing.
 */
export function isClockCorrected(error: unknown): boolean {
  return (error as { clockCorrected?: boolean } | null)?.clockCorrected === true;
}

/**
 * For a non-2xx answer: read the (small) error body and throw an SDK-shaped error. A clock-skew refusal
 * corrects the client's clock offset from the server's Date header first, as the SDK does for its own requests.
 */
export async function throwIfError(res: DirectResponse, client: S3Client): Promise<void> {
  if (res.status >= 200 && res.status < 300) return;
  let text = '';
  try {
    for await (const chunk of res.body) {
      if (text.length < 64 * 1024) text += (chunk as Buffer).toString('utf8');
    }
  } catch {
    // A cut error body still yields its status.
  }
  throw errorFromResponse(res.status, res.headers, text, client);
}

function errorFromResponse(status: number, headers: Readonly<Record<string, string | string[] | undefined>>, text: string, client: S3Client): Error {
  const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1];
  const code = tag('Code') ?? (status === 404 ? 'NotFound' : status === 412 ? 'PreconditionFailed' : `Http${status}`);
  const error = Object.assign(new Error(tag('Message') ?? code), { name: code, Code: code, $metadata: { httpStatusCode: status } });
  const date = headers['date'];
  const serverTime = Date.parse(typeof date === 'string' ? date : '');
  if (CLOCK_SKEW_CODES.has(code) && !Number.isNaN(serverTime)) {
    (client.config as { systemClockOffset?: number }).systemClockOffset = serverTime - Date.now();
    Object.assign(error, { clockCorrected: true });
  }
  if (EXPIRED_CREDENTIAL_CODES.has(code)) Object.assign(error, { clockCorrected: true });
  const region = headers['x-amz-bucket-region'];
  if (typeof region === 'string') Object.assign(error, { BucketRegion: region });
  return error;
}

function abortError(): Error {
  return Object.assign(new Error('cancelled'), { name: 'AbortError' });
}
