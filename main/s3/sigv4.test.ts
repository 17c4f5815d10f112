import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { escapeUriPath, HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { signHeaders, type SigningIdentity } from './sigv4';

/** The hash constructor the signer takes (an HMAC when given a secret), on node:crypto as the SDK's own. */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', typeof secret === 'string' ? secret : ArrayBuffer.isView(secret) ? new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength) : new Uint8Array(secret));
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }
}

/** The AWS SDK's own signer, configured as S3 uses it: the reference every signature here must equal. */
async function reference(
  request: { method: string; path: string; query: Record<string, string>; headers: Record<string, string> },
  identity: SigningIdentity,
  region: string,
  service: string,
  date: Date,
): Promise<Record<string, string>> {
  const signer = new SignatureV4({ credentials: identity, region, service, sha256: Sha256, uriEscapePath: false, applyChecksum: false });
  const signed = await signer.sign(
    new HttpRequest({ method: request.method, protocol: 'http:', hostname: 'h', path: request.path, query: { ...request.query }, headers: { ...request.headers } }),
    { signingDate: date },
  );
  return signed.headers;
}

const KEYS = ['plain.txt', 'a b/c+d%20e', 'ünïcödé/日本語.bin', "quote'(paren)*!~", 'tab\there', 'ctl\u0001\u007f', '../dots/./x', 'emoji 🎉/😀'];
const IDENTITIES: SigningIdentity[] = [
  { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  { accessKeyId: 'ASIATEMP', secretAccessKey: 'tmp/secret+key', sessionToken: 'FwoGZXIvYXdzE//token==' },
];

describe('signHeaders', () => {
  it('equals the SDK signer for hostile keys, queries, headers and sessions', async () => {
    let compared = 0;
    for (const [i, key] of KEYS.entries()) {
      for (const identity of IDENTITIES) {
        const payloadHash = i % 2 === 0 ? createHash('sha256').update(key).digest('hex') : 'UNSIGNED-PAYLOAD';
        const request = {
          method: i % 3 === 0 ? 'PUT' : 'GET',
          path: `/bucket/${escapeUriPath(key)}`,
          query: (i % 2 === 0 ? {} : { versionId: `v ${key}`, partNumber: String(i), uploadId: "id+/='x" }) as Record<string, string>,
          headers: {
            host: '127.0.0.1:9000',
            'x-amz-content-sha256': payloadHash,
            Range: `bytes=0-${i}`,
            'x-amz-meta-note': `  spaced \t  value  ${i} `,
            'user-agent': 'not signed',
            'Content-Type': 'application/octet-stream',
          },
        };
        const date = new Date(Date.UTC(2026, 11, 3, 8, i, 59, 123));
        const ours = signHeaders({ ...request, payloadHash }, identity, 'us-east-1', 's3', date);
        const theirs = await reference(request, identity, 'us-east-1', 's3', date);
        expect(ours['authorization']).toBe(theirs['authorization']);
        expect(ours['x-amz-date']).toBe(theirs['x-amz-date']);
        expect(ours['x-amz-security-token']).toBe(theirs['x-amz-security-token']);
        compared++;
      }
    }
    expect(compared).toBe(KEYS.length * IDENTITIES.length);
  });

  it('derives a new key when the day, region or credentials change', async () => {
    const identity = { ...IDENTITIES[0]! };
    const request = { method: 'GET', path: '/b/k', query: {}, headers: { host: 'h', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, payloadHash: 'UNSIGNED-PAYLOAD' };
    for (const [region, date] of [
      ['us-east-1', new Date(Date.UTC(2026, 0, 1, 23, 59, 59))],
      ['us-east-1', new Date(Date.UTC(2026, 0, 2, 0, 0, 1))],
      ['eu-west-1', new Date(Date.UTC(2026, 0, 2, 0, 0, 1))],
    ] as const) {
      const theirs = await reference(request, identity, region, 's3', date);
      expect(signHeaders(request, identity, region, 's3', date)['authorization']).toBe(theirs['authorization']);
    }
    const rotated = { ...identity, secretAccessKey: 'rotated' };
    const date = new Date(Date.UTC(2026, 0, 2, 0, 0, 1));
    expect(signHeaders(request, rotated, 'eu-west-1', 's3', date)['authorization']).toBe((await reference(request, rotated, 'eu-west-1', 's3', date))['authorization']);
  });

  it('drops a caller-set Authorization or date and never signs unsignable headers', () => {
    const signed = signHeaders(
      { method: 'GET', path: '/b/k', query: {}, headers: { host: 'h', Authorization: 'stale', 'X-Amz-Date': '19700101T000000Z', expect: '100-continue', 'proxy-x': '1' }, payloadHash: 'UNSIGNED-PAYLOAD' },
      IDENTITIES[0]!,
      'us-east-1',
      's3',
      new Date(Date.UTC(2026, 0, 1)),
    );
    expect(signed['Authorization']).toBeUndefined();
    expect(signed['X-Amz-Date']).toBeUndefined();
    expect(signed['authorization']).toContain('SignedHeaders=host;x-amz-date,');
  });
});
