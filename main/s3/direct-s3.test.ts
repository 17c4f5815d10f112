/**
 * Requests signed around the SDK must go where the SDK would send them and carry a valid SigV4 signature
 * (fauxqs checks neither, so this is checked here): the address is compared with the request the SDK itself
 * builds for the same GetObject, and the signature is recomputed by an independent SigV4 implementation.
 */
import { createHash, createHmac } from 'node:crypto';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { type ClientConfig, createS3ClientFactory } from './client-factory';
import { signRequest } from './direct-s3';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const factory = createS3ClientFactory();

interface Wire {
  readonly protocol: string;
  readonly hostname: string;
  readonly port: number | undefined;
  readonly path: string;
  readonly headers: Record<string, string>;
}

/** The request the SDK would put on the wire for GetObject (captured after signing, never sent). */
async function sdkRequest(client: S3Client, bucket: string, key: string): Promise<Wire> {
  const command = new GetObjectCommand({ Bucket: bucket, Key: key });
  command.middlewareStack.add(
    (_next) => (args) => {
      throw Object.assign(new Error('captured'), { captured: args.request });
    },
    { step: 'deserialize', name: 'capture', priority: 'low' },
  );
  try {
    await client.send(command);
  } catch (error) {
    const r = (error as { captured?: Wire }).captured;
    if (!r) throw error;
    return { protocol: r.protocol, hostname: r.hostname, port: r.port, path: r.path, headers: r.headers };
  }
  throw new Error('not captured');
}

/** SigV4 recomputed from scratch (AWS docs' algorithm, S3 flavour: the path is signed exactly as sent). */
function expectedSignature(method: string, path: string, headers: Record<string, string>, secret: string): string {
  const auth = headers['authorization']!;
  const [, scope, signedHeaders] = /Credential=[^/]+\/([^,]+), SignedHeaders=([^,]+), Signature=/.exec(auth)!;
  const names = signedHeaders!.split(';');
  // The canonical query: every parameter decoded, sorted, and re-escaped the RFC 3986 way.
  const [bare, search = ''] = path.split('?');
  const rfc3986 = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const query = [...new URLSearchParams(search)]
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .sort()
    .join('&');
  const canonical = [
    method,
    bare,
    query,
    ...names.map((n) => `${n}:${headers[n]!.trim()}`),
    '',
    signedHeaders,
    headers['x-amz-content-sha256'],
  ].join('\n');
  const amzDate = headers['x-amz-date']!;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  const [date, region, service] = scope!.split('/');
  let key: Buffer = createHmac('sha256', `AWS4${secret}`).update(date!).digest();
  for (const part of [region!, service!, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(toSign).digest('hex');
}

const KEYS = ['plain.txt', 'a b/c+d=e&f?g#h', 'h//abs/y', "x!'()*~_-.", 'ü/€ 漢字', 'dots/../x', '%41', 'semi;colon,comma'];

const CONFIGS: Array<[string, ClientConfig, string]> = [
  ['custom endpoint, path-style', { region: 'us-east-1', endpoint: 'http://127.0.0.1:9000', forcePathStyle: true, credentials }, 'bench'],
  ['custom https endpoint with a base path', { region: 'us-east-1', endpoint: 'https://minio.example.com:9443/s3', forcePathStyle: true, credentials }, 'data'],
  ['AWS, virtual-hosted, another region', { region: 'eu-west-1', forcePathStyle: false, credentials }, 'my-bucket'],
  ['AWS, a bucket name with dots', { region: 'ap-southeast-2', forcePathStyle: false, credentials }, 'my.dotted.bucket'],
];

describe('direct S3 requests', () => {
  for (const [label, config, bucket] of CONFIGS) {
    it(`${label}: same address and scope as the SDK, valid SigV4`, async () => {
      const client = factory(config);
      for (const key of KEYS) {
        const sdk = await sdkRequest(client, bucket, key);
        const ours = await signRequest({ client, bucket, key, method: 'GET', headers: { range: 'bytes=0-9', 'if-match': '"abc"' } });
        expect({ protocol: ours.secure ? 'https:' : 'http:', hostname: ours.hostname, port: ours.port, path: ours.path }).toEqual({
          protocol: sdk.protocol,
          hostname: sdk.hostname,
          port: sdk.port,
          path: sdk.path,
        });
        expect(ours.headers['host']).toBe(sdk.headers['host'] ?? (sdk.port ? `${sdk.hostname}:${sdk.port}` : sdk.hostname));
        const scopeOf = (h: Record<string, string>) => /Credential=[^/]+\/\d{8}\/([^,]+),/.exec(h['authorization']!)![1];
        expect(scopeOf(ours.headers)).toBe(scopeOf(sdk.headers));
        const signedHeaders = /SignedHeaders=([^,]+)/.exec(ours.headers['authorization']!)![1]!.split(';');
        expect(signedHeaders).toEqual(expect.arrayContaining(['host', 'x-amz-content-sha256', 'x-amz-date', 'range', 'if-match']));
        const signature = /Signature=([0-9a-f]{64})$/.exec(ours.headers['authorization']!)![1];
        expect(signature).toBe(expectedSignature('GET', ours.path, ours.headers, credentials.secretAccessKey));
      }
    });
  }

  it('signs a PUT body with its SHA-256', async () => {
    const client = factory(CONFIGS[0]![1]);
    const body = Buffer.from('hello');
    const ours = await signRequest({ client, bucket: 'b', key: 'k', method: 'PUT', headers: {}, body });
    expect(ours.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(body).digest('hex'));
    expect(ours.headers['content-length']).toBe('5');
    const signature = /Signature=([0-9a-f]{64})$/.exec(ours.headers['authorization']!)![1];
    expect(signature).toBe(expectedSignature('PUT', ours.path, ours.headers, credentials.secretAccessKey));
  });

  it('signs an UploadPart: its query parameters, and UNSIGNED-PAYLOAD when asked', async () => {
    const client = factory(CONFIGS[0]![1]);
    const body = Buffer.from('part bytes');
    const query = { partNumber: '7', uploadId: '2~a+b/c=d!x' };
    const ours = await signRequest({ client, bucket: 'b', key: 'big file.bin', method: 'PUT', headers: {}, body, query, unsignedPayload: true });
    expect(ours.path).toBe('/b/big%20file.bin?partNumber=7&uploadId=2~a%2Bb%2Fc%3Dd%21x');
    expect(Object.fromEntries(new URLSearchParams(ours.path.split('?')[1]))).toEqual(query);
    expect(ours.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    const signature = /Signature=([0-9a-f]{64})$/.exec(ours.headers['authorization']!)![1];
    expect(signature).toBe(expectedSignature('PUT', ours.path, ours.headers, credentials.secretAccessKey));
  });

  it('carries a session token when the credentials have one', async () => {
    const client = factory({ ...CONFIGS[0]![1], credentials: { ...credentials, sessionToken: 'TOKEN/+=' } });
    const ours = await signRequest({ client, bucket: 'b', key: 'k', method: 'GET', headers: {} });
    expect(ours.headers['x-amz-security-token']).toBe('TOKEN/+=');
    expect(/SignedHeaders=([^,]+)/.exec(ours.headers['authorization']!)![1]!.split(';')).toContain('x-amz-security-token');
  });
});
