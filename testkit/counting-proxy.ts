import { createServer, type IncomingMessage, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fireAndForget } from '../shared/fire-and-forget';
import { failRequest } from './fail-request';

/** One request as seen on the wire between the app and the S3 server. */
export interface WireRequest {
  /** Decoded "bucket/key" of x-amz-copy-source (CopyObject, UploadPartCopy), else null. */
  readonly copySource: string | null;
  readonly method: string;
  readonly bucket: string;
  readonly key: string;
  readonly query: URLSearchParams;
  readonly operation: string;
  /** The request's Range header, if any (to see where a retried download resumed). */
  readonly range?: string;
  /** Request headers as received (e.g. to read the region an Authorization header was signed for). */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  status: number;
  /** Response body bytes forwarded to the client (what a request cost on the wire). */
  bytesOut: number;
}

/** What a rule may do to a matching request instead of forwarding it untouched. */
export type Interference =
  | { readonly kind: 'deny' }
  | { readonly kind: 'slowdown' }
  | { readonly kind: 'status'; readonly status: number; readonly code: string; readonly message?: string; readonly headers?: Record<string, string> }
  /** Answer for the server with this response (not an error); `onBody` gets the request body first. Stand-ins
   *  for operations the server lacks (testkit/aws-standins/restore-standin.ts) are built from it. */
  | { readonly kind: 'answer'; readonly status: number; readonly headers?: Record<string, string>; readonly body?: string; readonly onBody?: (body: string) => Interference | undefined }
  /** Forward, and add these headers to the server's response (e.g. x-amz-restore on HEAD of an archived object). */
  | { readonly kind: 'add-headers'; readonly headers: Record<string, string> }
  /** Forward, and hand the client the server's response body changed by `body` (e.g. a listing reporting a
   *  storage class fauxqs does not keep, or ListBuckets' BucketRegion). Headers kept; content-length fixed. */
  | { readonly kind: 'rewrite'; readonly body: (text: string) => string }
  /** Forward only once `until` settles (hold one request on the wire while a test acts, without sleeping). */
  | { readonly kind: 'hold'; readonly until: Promise<unknown> }
  /** Forward, but cut the connection after this many body bytes of the response. */
  | { readonly kind: 'cut'; readonly afterBytes: number }
  /** DeleteObjects only (fauxqs only: the changed body no longer matches the signed payload hash): forward the request without the keys `fails` picks, and answer those keys with a
   *  per-key <Error> in the 200 response, as S3 does when it refuses some keys of a batch. */
  | { readonly kind: 'delete-errors'; readonly fails: (key: string) => boolean; readonly code: string };

export type Rule = (req: WireRequest) => Interference | undefined;

/** Bucket sub-resources by query name: GET → Get<Name>, PUT → Put<Name>, DELETE → Delete<Name>. */
const BUCKET_SUBRESOURCES = [
  { query: 'policy', name: 'BucketPolicy' },
  { query: 'cors', name: 'BucketCors' },
  { query: 'lifecycle', name: 'BucketLifecycleConfiguration' },
  { query: 'encryption', name: 'BucketEncryption' },
  { query: 'object-lock', name: 'ObjectLockConfiguration' },
  { query: 'publicAccessBlock', name: 'PublicAccessBlock' },
  { query: 'ownershipControls', name: 'BucketOwnershipControls' },
  { query: 'tagging', name: 'BucketTagging' },
  { query: 'acl', name: 'BucketAcl' },
  { query: 'policyStatus', name: 'BucketPolicyStatus' },
] as const;

/**
 * Name the S3 operation of a path-style request from its method and query, the way S3 itself dispatches.
 * Used to count requests at the HTTP level, independent of anything the app reports about itself.
 */
export function operationOf(method: string, bucket: string, key: string, q: URLSearchParams, copySource: string | null = null): string {
  if (!bucket) return method === 'GET' ? 'ListBuckets' : `${method}Service`;
  if (!key) {
    if (method === 'GET' && q.get('list-type') === '2') return 'ListObjectsV2';
    if (method === 'GET' && q.has('location')) return 'GetBucketLocation';
    if (method === 'GET' && q.has('uploads')) return 'ListMultipartUploads';
    if (method === 'GET' && q.has('versions')) return 'ListObjectVersions';
    if (q.has('versioning')) return method === 'PUT' ? 'PutBucketVersioning' : 'GetBucketVersioning';
    const sub = BUCKET_SUBRESOURCES.find((r) => q.has(r.query));
    if (sub) return method === 'PUT' ? `Put${sub.name}` : method === 'DELETE' ? `Delete${sub.name}` : `Get${sub.name}`;
    if (method === 'GET') return 'ListObjects';
    if (method === 'HEAD') return 'HeadBucket';
    if (method === 'POST' && q.has('delete')) return 'DeleteObjects';
    if (method === 'PUT') return 'CreateBucket';
    if (method === 'DELETE') return 'DeleteBucket';
    return `${method}Bucket`;
  }
  if (method === 'HEAD') return 'HeadObject';
  if (q.has('tagging')) return method === 'PUT' ? 'PutObjectTagging' : method === 'DELETE' ? 'DeleteObjectTagging' : 'GetObjectTagging';
  if (q.has('acl')) return method === 'PUT' ? 'PutObjectAcl' : 'GetObjectAcl';
  if (method === 'POST' && q.has('restore')) return 'RestoreObject';
  if (method === 'GET') return q.has('uploadId') ? 'ListParts' : 'GetObject';
  if (method === 'PUT' && copySource !== null) return q.has('partNumber') ? 'UploadPartCopy' : 'CopyObject';
  if (method === 'PUT') return q.has('partNumber') ? 'UploadPart' : 'PutObject';
  if (method === 'POST' && q.has('uploads')) return 'CreateMultipartUpload';
  if (method === 'POST' && q.has('uploadId')) return 'CompleteMultipartUpload';
  if (method === 'DELETE') return q.has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
  return `${method}Object`;
}

function errorXml(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>proxy</RequestId></Error>`;
}

const xmlUnescape = (s: string) =>
  s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');
const xmlEscape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Forward a DeleteObjects request minus the refused keys; splice per-key <Error> entries into the answer. */
async function deleteWithErrors(
  req: IncomingMessage,
  res: ServerResponse,
  wire: WireRequest,
  target: URL,
  rule: Extract<Interference, { kind: 'delete-errors' }>,
): Promise<void> {
  const body = (await readAll(req)).toString('utf8');
  const refused: string[] = [];
  const kept = body.replace(/<Object>\s*<Key>([\s\S]*?)<\/Key>[\s\S]*?<\/Object>/g, (whole, raw: string) => {
    const key = xmlUnescape(raw);
    if (!rule.fails(key)) return whole;
    refused.push(key);
    return '';
  });
  const headers: Record<string, string | string[] | undefined> = { ...req.headers, 'content-length': String(Buffer.byteLength(kept)) };
  // The body changed, so any checksum of it would no longer match.
  for (const h of Object.keys(headers)) if (h === 'content-md5' || h.startsWith('x-amz-checksum-') || h === 'x-amz-sdk-checksum-algorithm') delete headers[h];
  const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
    const r = httpRequest({ host: target.hostname, port: target.port, method: 'POST', path: req.url, headers }, resolve);
    r.on('error', reject);
    r.end(kept);
  });
  const answer = (await readAll(upstream)).toString('utf8');
  const errors = refused
    .map((k) => `<Error><Key>${xmlEscape(k)}</Key><Code>${rule.code}</Code><Message>refused by test proxy</Message></Error>`)
    .join('');
  const spliced = answer.includes('</DeleteResult>') ? answer.replace('</DeleteResult>', `${errors}</DeleteResult>`) : answer;
  wire.status = upstream.statusCode ?? 0;
  res.writeHead(upstream.statusCode ?? 502, { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(spliced)) });
  res.end(spliced);
}

export interface CountingProxy {
  readonly url: string;
  readonly port: number;
  /** Every request since start or the last reset, in arrival order. */
  readonly log: readonly WireRequest[];
  count(operation?: string): number;
  reset(): void;
  /** Milliseconds added before each request is forwarded (a stand-in for network round trips). */
  setDelay(ms: number): void;
  /** Add a rule; returns a function that removes it. */
  addRule(rule: Rule): () => void;
  clearRules(): void;
  close(): Promise<void>;
}

/**
 * A path-style HTTP proxy in front of an S3 server on loopback. It counts S3 requests by operation, can delay
 * them, and can answer for the server (403, 503 SlowDown, any status) or cut a response mid-body.
 */
export async function startCountingProxy(targetUrl: string): Promise<CountingProxy> {
  const target = new URL(targetUrl);
  const log: WireRequest[] = [];
  let rules: Rule[] = [];
  let delayMs = 0;
  const sockets = new Set<Socket>();

  const reply = (res: ServerResponse, wire: WireRequest, status: number, code: string, message: string, headers: Record<string, string> = {}) => {
    wire.status = status;
    const body = wire.method === 'HEAD' ? '' : errorXml(code, message);
    res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': 'proxy', ...headers });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const [, bucket = '', ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const method = req.method ?? 'GET';
    const copyHeader = req.headers['x-amz-copy-source'];
    const copySource = typeof copyHeader === 'string' ? decodeURIComponent(copyHeader.replace(/^\//, '')) : null;
    const wire: WireRequest = {
      copySource,
      method,
      bucket: decodeURIComponent(bucket),
      key,
      query: url.searchParams,
      operation: operationOf(method, bucket, key, url.searchParams),
      ...(typeof req.headers.range === 'string' ? { range: req.headers.range } : {}),
      headers: req.headers,
      status: 0,
      bytesOut: 0,
    };
    // A copy is a PUT that only its header tells apart.
    if (copySource !== null) Object.assign(wire, { operation: operationOf(method, bucket, key, url.searchParams, copySource) });
    log.push(wire);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));

    let interference: Interference | undefined;
    for (const rule of rules) if ((interference = rule(wire))) break;
    if (interference?.kind === 'deny') {
      req.resume();
      return reply(res, wire, 403, 'AccessDenied', 'Access Denied');
    }
    if (interference?.kind === 'slowdown') {
      req.resume();
      return reply(res, wire, 503, 'SlowDown', 'Please reduce your request rate.');
    }
    if (interference?.kind === 'status') {
      req.resume();
      return reply(res, wire, interference.status, interference.code, interference.message ?? interference.code, interference.headers);
    }
    if (interference?.kind === 'answer') {
      let answer: Interference = interference;
      if (interference.onBody) answer = interference.onBody((await readAll(req)).toString('utf8')) ?? interference;
      else req.resume();
      if (answer.kind === 'status') return reply(res, wire, answer.status, answer.code, answer.message ?? answer.code, answer.headers);
      if (answer.kind !== 'answer') throw new Error(`an answer may only become another answer or a status, not ${answer.kind}`);
      wire.status = answer.status;
      const body = wire.method === 'HEAD' ? '' : (answer.body ?? '');
      res.writeHead(answer.status, { 'x-amz-request-id': 'proxy', 'content-length': String(Buffer.byteLength(body)), ...answer.headers });
      res.end(body);
      return;
    }
    if (interference?.kind === 'hold') {
      await interference.until.catch(() => undefined);
      // The client gave up meanwhile (an aborted request): nothing to forward; status stays 0.
      if (req.destroyed || res.destroyed || res.socket?.destroyed) return;
    }
    if (interference?.kind === 'delete-errors') {
      return deleteWithErrors(req, res, wire, target, interference);
    }
    const cutAfter = interference?.kind === 'cut' ? interference.afterBytes : undefined;
    const rewrite = interference?.kind === 'rewrite' ? interference.body : undefined;

    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method,
        path: req.url,
        // The client's Host goes through unchanged: it is part of what SigV4 signed, and RGW checks it.
        headers: req.headers,
      },
      (up) => {
        wire.status = up.statusCode ?? 0;
        if (rewrite) {
          fireAndForget(readAll(up).then((original) => {
            const body = Buffer.from(rewrite(original.toString('utf8')));
            const headers = { ...up.headers, 'content-length': String(body.length) };
            delete headers['transfer-encoding'];
            res.writeHead(up.statusCode ?? 502, headers);
            res.end(body);
          }), 'counting proxy rewrite', failRequest(res));
          return;
        }
        res.writeHead(up.statusCode ?? 502, interference?.kind === 'add-headers' ? { ...up.headers, ...interference.headers } : up.headers);
        up.on('data', (chunk: Buffer) => {
          wire.bytesOut += chunk.length;
        });
        if (cutAfter === undefined) {
          up.pipe(res);
          return;
        }
        let sent = 0;
        up.on('data', (chunk: Buffer) => {
          const room = cutAfter - sent;
          if (room > 0) res.write(chunk.subarray(0, room));
          sent += chunk.length;
          if (sent >= cutAfter) {
            up.destroy();
            res.socket?.destroy();
          }
        });
        up.on('end', () => res.end());
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) reply(res, wire, 502, 'BadGateway', 'upstream failed');
      else res.socket?.destroy();
    });
    // A client that gives up mid-body must not leave the server waiting for the rest of it.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  };
  const server: Server = createServer((req, res) => fireAndForget(handle(req, res), 'counting proxy', failRequest(res)));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    count: (operation) => (operation ? log.filter((r) => r.operation === operation).length : log.length),
    reset: () => {
      log.length = 0;
    },
    setDelay: (ms) => {
      delayMs = ms;
    },
    addRule: (rule) => {
      rules.push(rule);
      return () => {
        rules = rules.filter((r) => r !== rule);
      };
    },
    clearRules: () => {
      rules = [];
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
