import { GetBucketLocationCommand, ListBucketsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { ConnectionTestFailure, ConnectionTestResult } from '../../shared/types';
import { toAppError } from '../core/to-app-error';

interface RawResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

interface SdkError {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly cause?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $response?: RawResponse;
}

const TLS_CODE = /^(EPROTO|ERR_SSL_|ERR_TLS_|CERT_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_(VERIFY|GET_ISSUER)|HOSTNAME_MISMATCH)/;

function errnoCode(e: SdkError, depth = 0): string | undefined {
  if (e.code) return e.code;
  if (e.name === 'TimeoutError') return 'ETIMEDOUT';
  if (depth < 3 && e.cause && typeof e.cause === 'object') return errnoCode(e.cause as SdkError, depth + 1);
  return undefined;
}

/** S3 and every S3-compatible server answer in XML and name their requests; a web page does neither. */
function looksLikeS3(response: RawResponse | undefined): boolean {
  if (!response) return true;
  const h = response.headers;
  const type = h['content-type'] ?? h['Content-Type'] ?? '';
  return /xml/i.test(type) || h['x-amz-request-id'] !== undefined || h['x-amz-id-2'] !== undefined;
}

const fail = (failure: ConnectionTestFailure, message: string, canOpenBucket = false): ConnectionTestResult => ({
  ok: false,
  failure,
  message,
  canOpenBucket,
});

/** Turn what a test request threw into the specific advice the dialog shows. */
export function classifyTestError(error: unknown, target: { readonly endpoint: string | null; readonly bucket?: string }): ConnectionTestResult {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkError;
  const where = target.endpoint ?? 'Amazon S3';
  const name = e.name ?? '';
  switch (name) {
    case 'InvalidAccessKeyId':
      return fail('InvalidAccessKeyId', `${where} does not know this access key ID. Check for typos, or whether the key was deleted or deactivated.`);
    case 'SignatureDoesNotMatch':
      return fail('SignatureDoesNotMatch', 'The access key ID is known but the secret access key is wrong (the request signature does not match). Check the secret; a badly wrong system clock or a proxy that rewrites requests can also cause this.');
    case 'ExpiredToken':
    case 'TokenRefreshRequired':
    case 'RequestExpired':
      return fail('ExpiredToken', 'The session token has expired. Get fresh temporary credentials (for SSO: run "aws sso login") and try again.');
    case 'InvalidToken':
      return fail('ExpiredToken', 'The session token is malformed or belongs to other keys. Paste a fresh session token, or clear it for long-term keys.');
    case 'CredentialsProviderError':
    case 'TokenProviderError':
    case 'ProviderError':
      return fail('NoCredentials', `No credentials could be obtained: ${e.message ?? 'unknown reason'}`);
  }
  const code = errnoCode(e);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return fail('DnsFailure', `The host name of ${where} could not be resolved (DNS ${code}). Check the endpoint address and your network.`);
  if (code === 'ECONNREFUSED')
    return fail('ConnectionRefused', `${where} refused the connection: nothing is listening at that address and port. Check the endpoint and that the server runs.`);
  if (code === 'ETIMEDOUT' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return fail('Timeout', `${where} did not answer (${code}). Check the address, a firewall or VPN.`);
  if (code && TLS_CODE.test(code))
    return fail('Tls', `The secure (TLS) connection to ${where} failed (${code}). If the server speaks plain HTTP use an http:// endpoint; otherwise its certificate is not trusted by this computer.`);
  if (!looksLikeS3(e.$response)) {
    const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
    return fail('NotS3', `${where} answered${status ? ` HTTP ${status}` : ''} but not like an S3 API. Is this the web console address instead of the S3 API endpoint?`);
  }
  const status = e.$metadata?.httpStatusCode;
  if (name === 'NoSuchBucket') return fail('NoSuchBucket', `The bucket "${target.bucket ?? ''}" does not exist at ${where}.`);
  if (name === 'AccessDenied' || name === 'AllAccessDisabled' || status === 403) {
    return target.bucket
      ? fail('BucketAccessDenied', `Signed in, but this login may not list the bucket "${target.bucket}".`)
      : fail('NoListPermission', 'Signed in, but this login may not list buckets. You can still open a bucket by name.', true);
  }
  return fail('Other', toAppError(error).message);
}

/** Run on a dedicated client: records the raw HTTP answer so a successful-looking web page is caught. */
function captureResponses(client: S3Client): { last(): RawResponse | undefined } {
  let last: RawResponse | undefined;
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      last = result.response as RawResponse;
      return result;
    },
    { step: 'deserialize', name: 's3deskTestRawResponse', priority: 'low' },
  );
  return { last: () => last };
}

export interface ConnectionTestTarget {
  readonly endpoint: string | null;
  /** Test this bucket (ListObjectsV2 of one key) instead of ListBuckets. */
  readonly bucket?: string;
  /** Called with a bucket's region when GetBucketLocation reveals it. */
  readonly onBucketRegion?: (region: string) => void;
  /** A client for another region, for when the bucket lives elsewhere. */
  readonly clientForRegion?: (region: string) => S3Client;
}

/** "EU" and "" are legacy GetBucketLocation answers for eu-west-1 and us-east-1. */
export function normaliseLocation(location: string | undefined | null): string {
  if (!location) return 'us-east-1';
  if (location === 'EU') return 'eu-west-1';
  return location;
}

/**
 * Test a connection with the smallest request that proves it works: ListBuckets, or for a named bucket its
 * location and a one-key listing. `client` must be fresh (a middleware is added to it).
 */
export async function testConnection(client: S3Client, target: ConnectionTestTarget): Promise<ConnectionTestResult> {
  const raw = captureResponses(client);
  try {
    if (target.bucket) {
      let lister = client;
      try {
        const location = await client.send(new GetBucketLocationCommand({ Bucket: target.bucket }));
        const region = normaliseLocation(location.LocationConstraint);
        target.onBucketRegion?.(region);
        if (target.clientForRegion && region !== (await client.config.region())) lister = target.clientForRegion(region);
      } catch (error) {
        // GetBucketLocation needs its own permission; only a login or network failure ends the test here.
        const header = (error as SdkError).$response?.headers['x-amz-bucket-region'];
        if (header) target.onBucketRegion?.(header);
        const verdict = classifyTestError(error, target);
        if (!verdict.ok && verdict.failure !== 'BucketAccessDenied' && verdict.failure !== 'Other') return verdict;
      }
      await lister.send(new ListObjectsV2Command({ Bucket: target.bucket, MaxKeys: 1 }));
      return { ok: true, bucketCount: null, message: `Connected: the bucket "${target.bucket}" can be listed.` };
    }
    const out = await client.send(new ListBucketsCommand({}));
    if (!looksLikeS3(raw.last())) {
      return fail('NotS3', `${target.endpoint ?? 'The endpoint'} answered, but not like an S3 API. Is this the web console address instead of the S3 API endpoint?`);
    }
    const count = out.Buckets?.length ?? 0;
    return { ok: true, bucketCount: count, message: `Connected: ${count} bucket${count === 1 ? '' : 's'} visible.` };
  } catch (error) {
    return classifyTestError(error, target);
  }
}
