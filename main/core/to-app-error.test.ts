import { NoSuchBucket, NoSuchKey, NotFound, S3ServiceException } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { CodedError } from './app-error';
import { toAppError } from './to-app-error';

function service(name: string, status: number, message = name): S3ServiceException {
  return new S3ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message });
}
function nodeError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('toAppError', () => {
  it('maps S3 service errors by name', () => {
    expect(toAppError(new NoSuchBucket({ message: 'gone', $metadata: { httpStatusCode: 404 } })).code).toBe('NoSuchBucket');
    expect(toAppError(new NoSuchKey({ message: 'gone', $metadata: { httpStatusCode: 404 } })).code).toBe('NoSuchKey');
    expect(toAppError(service('AccessDenied', 403)).code).toBe('AccessDenied');
    expect(toAppError(service('InvalidAccessKeyId', 403)).code).toBe('InvalidCredentials');
    expect(toAppError(service('SignatureDoesNotMatch', 403)).code).toBe('InvalidCredentials');
    expect(toAppError(service('ExpiredToken', 400)).code).toBe('InvalidCredentials');
    expect(toAppError(service('SlowDown', 503)).code).toBe('Throttled');
  });

  it('maps bodyless HEAD answers by status', () => {
    expect(toAppError(new NotFound({ message: 'NotFound', $metadata: { httpStatusCode: 404 } })).code).toBe('NoSuchKey');
    expect(toAppError(service('Forbidden', 403)).code).toBe('AccessDenied');
    expect(toAppError(service('Unknown', 403)).code).toBe('AccessDenied');
    expect(toAppError(service('Unknown', 503)).code).toBe('Throttled');
    expect(toAppError(service('Unknown', 429)).code).toBe('Throttled');
  });

  it('maps socket, DNS and TLS failures to Network, also when wrapped as a cause', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID'])
      expect(toAppError(nodeError(code)).code).toBe('Network');
    expect(toAppError(Object.assign(new Error('outer'), { cause: nodeError('ECONNREFUSED') })).code).toBe('Network');
    expect(toAppError(Object.assign(new Error('timed out'), { name: 'TimeoutError' })).code).toBe('Network');
  });

  it('keeps the context and the server message, and never claims success', () => {
    const e = toAppError(service('AccessDenied', 403, 'Access Denied by policy'), 'objects:list');
    expect(e.message).toContain('objects:list: ');
    expect(e.message).toContain('Access Denied by policy');
  });

  it('maps aborts to Cancelled and everything else to Unknown with the status', () => {
    expect(toAppError(Object.assign(new Error('aborted'), { name: 'AbortError' })).code).toBe('Cancelled');
    const other = toAppError(service('InternalError', 500, 'boom'));
    expect(other.code).toBe('Unknown');
    expect(other.message).toContain('HTTP 500');
    expect(toAppError('a string').code).toBe('Unknown');
    expect(toAppError(null).code).toBe('Unknown');
  });

  it('does not blame the network for a programming error', () => {
    expect(toAppError(new TypeError("Cannot read properties of undefined (reading 'x')")).code).toBe('Unknown');
    expect(toAppError(new RangeError('Invalid array length')).code).toBe('Unknown');
  });

  it('calls an unreadable answer without a status a Network problem', () => {
    expect(toAppError(new Error('Unexpected end of XML')).code).toBe('Network');
  });

  it('answers a CodedError with exactly the error it carries', () => {
    const refused = new CodedError({ code: 'Conflict', message: 'a folder named "x" already exists' });
    expect(toAppError(refused, 'operations:create-folder')).toEqual({ code: 'Conflict', message: 'a folder named "x" already exists' });
  });
});
