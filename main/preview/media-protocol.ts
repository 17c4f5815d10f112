/**
 * The media protocol's request→response half, plain Node (web Request/Response) so it is tested without
 * Electron: <audio>/<video> in the renderer stream an object by seeking with Range requests, and each request
 * is answered with exactly one ranged GET (nothing is downloaded whole). The renderer never sees a bucket or
 * key in the address: main hands out an opaque token per previewed object.
 */
import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { MEDIA_SCHEME } from '../../shared/preview';
import { type ByteRange, newMeter, readRange } from './ranged-read';

/**
 * The most one answer carries. Chromium's media stack asks "bytes=N-" and takes a shorter 206 as it is (it asks
 * again from where the answer ended), so capping keeps memory bounded without streaming through a second buffer.
 */
export const MEDIA_MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export interface MediaTarget {
  readonly connectionId: string;
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  /** The object's listed Content-Type guess (the renderer knows the name); S3's own header wins when set. */
  readonly contentType?: string;
}

const MAX_MEDIA_TOKENS = 64;

/** Tokens for objects the renderer may stream; forgotten with the preview. */
export class MediaTokens {
  private readonly byToken = new Map<string, MediaTarget>();

  add(target: MediaTarget): string {
    const token = randomUUID();
    this.byToken.set(token, target);
    // A renderer that never closes its previews must not grow this without end: the oldest token goes first.
    if (this.byToken.size > MAX_MEDIA_TOKENS) this.byToken.delete(this.byToken.keys().next().value!);
    return `${MEDIA_SCHEME}://media/${token}`;
  }

  get(token: string): MediaTarget | undefined {
    return this.byToken.get(token);
  }

  remove(url: string): boolean {
    return this.byToken.delete(tokenOf(url) ?? '');
  }

  clear(): void {
    this.byToken.clear();
  }
}

function tokenOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === `${MEDIA_SCHEME}:` && u.host === 'media' ? u.pathname.replace(/^\//, '') : null;
  } catch {
    return null;
  }
}

/** One range of a Range header; null for anything else (several ranges, other units, start after end). */
export function parseRangeHeader(value: string): ByteRange | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') return Number(m[2]) > 0 ? { suffix: Number(m[2]) } : null;
  const start = Number(m[1]);
  if (m[2] === '') return { start };
  const end = Number(m[2]);
  return end >= start ? { start, end } : null;
}

function capped(range: ByteRange, max: number): ByteRange {
  if ('suffix' in range) return { suffix: Math.min(range.suffix, max) };
  const last = range.start + max - 1;
  return { start: range.start, end: range.end === undefined ? last : Math.min(range.end, last) };
}

export interface MediaProtocolDeps {
  readonly tokens: MediaTokens;
  readonly clientFor: (connectionId: string, bucket: string) => S3Client;
  readonly maxAnswerBytes?: number;
}

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

export function createMediaHandler(deps: MediaProtocolDeps): (request: Request) => Promise<Response> {
  const max = deps.maxAnswerBytes ?? MEDIA_MAX_ANSWER_BYTES;
  return async (request) => {
    const target = deps.tokens.get(tokenOf(request.url) ?? '');
    if (!target) return new Response('not found', { status: 404 });
    if (request.method !== 'GET') return new Response(null, { status: 405 });
    const header = request.headers.get('range');
    const asked = header === null ? null : parseRangeHeader(header);
    if (header !== null && asked === null) return new Response(null, { status: 416 });
    const ref = { client: deps.clientFor(target.connectionId, target.bucket), bucket: target.bucket, key: target.key, ...(target.versionId !== undefined ? { versionId: target.versionId } : {}) };
    try {
      const answer = await readRange(ref, capped(asked ?? { start: 0 }, max), newMeter(), request.signal);
      const end = answer.start + answer.bytes.length - 1;
      const whole = asked === null && answer.start === 0 && answer.bytes.length === answer.total;
      const headers: Record<string, string> = {
        'content-type': answer.contentType ?? target.contentType ?? 'application/octet-stream',
        'content-length': String(answer.bytes.length),
        'accept-ranges': 'bytes',
        'cache-control': 'no-store',
      };
      if (!whole) headers['content-range'] = `bytes ${answer.start}-${end}/${answer.total}`;
      return new Response(answer.bytes, { status: whole ? 200 : 206, headers });
    } catch (error) {
      const status = statusOf(error);
      // An empty object has no satisfiable range; asked for nothing in particular, it is simply empty.
      if (status === 416 && asked === null) return new Response(new Uint8Array(), { status: 200, headers: { 'content-length': '0' } });
      if (status === 416) return new Response(null, { status: 416 });
      if (status === 404 || status === 403) return new Response(null, { status });
      // Anything else (network, 5xx) reaches the player as a failed load, which it shows as an error.
      return new Response(null, { status: 502 });
    }
  };
}
