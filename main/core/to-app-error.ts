/**
 * The one error mapper: whatever a feature, the S3 SDK, Node's network stack or the local file system throws
 * becomes one AppError with a closed code. Local file-system failures are named as local (the path and what
 * the errno means), so a full disk is never reported as a server or network problem.
 */
import type { AppError, ErrorCode } from '../../shared/errors';
import { CodedError } from './app-error';
import { localFileError } from './local-file-error';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const CREDENTIAL_CODES = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken', 'TokenRefreshRequired']);
const THROTTLE_CODES = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException', 'ServiceUnavailable']);

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
}

function networkCode(e: SdkLikeError, depth = 0): string | undefined {
  if (e.code && NETWORK_CODES.has(e.code)) return e.code;
  if (e.name === 'TimeoutError') return 'ETIMEDOUT';
  if (depth < 3 && e.cause && typeof e.cause === 'object') return networkCode(e.cause as SdkLikeError, depth + 1);
  return undefined;
}

function isProgrammingError(error: object): boolean {
  return error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError;
}

/** Map anything thrown to the closed set of codes. Never lets an error pass as "empty". */
export function toAppError(error: unknown, context = ''): AppError {
  if (error instanceof CodedError) return error.appError;
  if (typeof error !== 'object' || error === null) return { code: 'Unknown', message: String(error) };
  const e = error as SdkLikeError;
  const name = e.Code ?? e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  const where = context ? `${context}: ` : '';
  const detail = e.message && e.message !== name && e.message !== 'UnknownError' ? ` (${e.message})` : '';
  const make = (code: ErrorCode, message: string): AppError => ({ code, message: where + message + detail });

  const local = localFileError(error);
  if (local) return { code: local.code, message: where + local.message };

  const net = networkCode(e);
  if (net) return make('Network', `cannot reach the server [${net}]`);
  if (CREDENTIAL_CODES.has(name)) return make('InvalidCredentials', `the server rejected the credentials [${name}]`);
  if (name === 'NoSuchBucket') return make('NoSuchBucket', 'the bucket does not exist');
  if (name === 'NoSuchVersion') return make('NoSuchVersion', 'that version no longer exists');
  if (name === 'NoSuchKey' || name === 'NotFound' || (status === 404 && name !== 'NoSuchBucket'))
    return make('NoSuchKey', 'the object does not exist');
  // AWS answers a GET of an archived, unrestored object with 403 InvalidObjectState: no permission problem.
  if (name === 'InvalidObjectState') return make('Conflict', 'the object is archived and must be restored before it can be read [InvalidObjectState]');
  if (name === 'AccessDenied' || name === 'Forbidden' || status === 403) return make('AccessDenied', 'access denied');
  if (THROTTLE_CODES.has(name) || status === 503 || status === 429)
    return make('Throttled', 'the server is throttling requests; try again shortly');
  if (name === 'AbortError') return make('Cancelled', 'cancelled');
  // A bug of ours (TypeError and the like) is not the server's fault; anything else without a status is.
  if (status === undefined && e.message && !isProgrammingError(error)) return make('Network', 'no valid response from the server');
  return make('Unknown', `${name || 'error'}${status ? ` (HTTP ${status})` : ''}`);
}
