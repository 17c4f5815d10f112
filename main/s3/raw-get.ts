/**
 * HTTP/1.1 GET over a plain or TLS socket that reads into reused memory slabs (the socket's `onread` option)
 * and hands the body to the caller as views of those slabs, never as fresh buffers.
 *
 * Why not node:http: its client allocates a new 64 KiB buffer for every socket read and moves the body
 * through streams. Measured on a 2-core machine, receiving 1 GiB that way cost ~1.1 s of CPU (mostly page
 * faults on fresh memory) and capped a download at ~0.6 GB/s before a single byte was written to disk;
 * reading into reused slabs cost ~0.15 s. Only GET is spoken here (no request body); framing covers what
 * servers answer: Content-Length, chunked, or until close. Keep-alive sockets are pooled per agent.
 *
 * Longer than ~400 lines on purpose: the slab reader, the response parser and the socket pool share one
 * per-socket state machine on the hot path; split across modules it would be harder to read, not easier.
 */
import net from 'node:net';
import tls from 'node:tls';

export interface RawEndpoint {
  readonly secure: boolean;
  readonly hostname: string;
  readonly port: number;
  /** TLS options (trust anchors, a pinned certificate's check); servername is derived from the hostname. */
  readonly tls?: tls.ConnectionOptions;
  /** Sockets are pooled in this object (the client's agent), so they are reused only with the same trust. */
  readonly poolOwner: object;
}

export interface RawHead {
  readonly status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Called with each piece of the body, a view valid only during the call. To keep it longer (an async write),
 * call `hold()` and the returned release function when done; while too much is held the socket pauses.
 */
export type BodyHandler = (view: Buffer, hold: () => () => void) => void;

export interface RawGetArgs {
  readonly endpoint: RawEndpoint;
  /** Already escaped request target. */
  readonly path: string;
  /** Sent as given (the Host header included). */
  readonly headers: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  /** No byte for this long: the connection is dead. */
  readonly idleTimeoutMs: number;
  /** Called once with the final response head; throwing abandons the request (the socket is closed). */
  readonly onHead: (head: RawHead) => void;
  readonly onBody: BodyHandler;
}

const SLAB_SIZE = 1024 * 1024;
/** A slab with less room than this is retired: reads stay large. */
const MIN_READ = 64 * 1024;
/** Slabs one connection may have held by its consumer before the socket pauses (backpressure). */
const MAX_HELD_SLABS = 4;
/** Free slabs kept for reuse across connections (the rest are left to the GC). */
const MAX_FREE_SLABS = 16;
const MAX_IDLE_PER_HOST = 64;
/** Idle pooled sockets are closed after this (servers drop idle keep-alive connections after a few seconds). */
const IDLE_POOL_MS = 4_000;
const MAX_HEAD_BYTES = 64 * 1024;

interface Slab {
  readonly buf: Buffer;
  used: number;
  refs: number;
  retired: boolean;
  readonly conn: Connection;
}

const freeSlabs: Buffer[] = [];

function takeSlabMemory(): Buffer {
  return freeSlabs.pop() ?? Buffer.allocUnsafe(SLAB_SIZE);
}

function releaseSlab(slab: Slab): void {
  if (!slab.retired || slab.refs > 0) return;
  if (freeSlabs.length < MAX_FREE_SLABS) freeSlabs.push(slab.buf);
}

type Framing = { kind: 'none' } | { kind: 'length'; remaining: number } | { kind: 'chunked' } | { kind: 'eof' };

type ChunkState = 'size' | 'data' | 'data-crlf' | 'trailers';

/** One request/response on a connection: parses what arrives and settles when the response is complete. */
class Exchange {
  private state: 'head' | 'body' | 'done' = 'head';
  /** A head split across reads, so far (a copy: the slab is reused). */
  private head: Buffer | null = null;
  private framing: Framing = { kind: 'none' };
  private chunkState: ChunkState = 'size';
  private chunkRemaining = 0;
  private lineParts = '';
  private reusable = false;
  /** Any byte of the response arrived (a pooled socket that dies before that was stale: resend). */
  started = false;

  constructor(
    readonly args: RawGetArgs,
    readonly resolve: (reusable: boolean) => void,
    readonly reject: (error: unknown) => void,
  ) {}

  /** Feed received bytes; returns true when the response ended (with bytes left over if any). */
  feed(data: Buffer, slab: Slab): { ended: boolean; leftover: boolean } {
    this.started = true;
    let at = 0;
    while (at < data.length && this.state !== 'done') {
      if (this.state === 'head') at = this.feedHead(data, at);
      else at = this.feedBody(data, at, slab);
    }
    return { ended: this.state === 'done', leftover: at < data.length };
  }

  /** The peer closed the connection: complete for an until-close body, otherwise an error. */
  endOfStream(): boolean {
    if (this.state === 'body' && this.framing.kind === 'eof') {
      this.state = 'done';
      return true;
    }
    return false;
  }

  get isReusable(): boolean {
    return this.reusable;
  }

  private feedHead(data: Buffer, at: number): number {
    if (!this.head) {
      // The usual case: the whole head is in this read; parse it in place.
      const end = data.indexOf('\r\n\r\n', at);
      if (end >= 0) {
        this.startBody(data.toString('latin1', at, end));
        return end + 4;
      }
    }
    // A head split across reads: keep a copy (the slab is reused) and look for the blank line across the seam.
    const previous = this.head?.length ?? 0;
    const piece = Buffer.from(data.subarray(at));
    const all = this.head ? Buffer.concat([this.head, piece]) : piece;
    const end = all.indexOf('\r\n\r\n', Math.max(0, previous - 3));
    if (end < 0) {
      if (all.length > MAX_HEAD_BYTES) throw protocolError('response head too large');
      this.head = all;
      return data.length;
    }
    this.head = null;
    this.startBody(all.toString('latin1', 0, end));
    return at + (end + 4 - previous);
  }

  private startBody(headText: string): void {
    const [statusLine = '', ...lines] = headText.split('\r\n');
    const m = /^HTTP\/1\.([01]) (\d{3})/.exec(statusLine);
    if (!m) throw protocolError(`not an HTTP/1.x response: ${statusLine.slice(0, 40)}`);
    const status = Number(m[2]);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    // 100 Continue and other interim answers precede the real one.
    if (status >= 100 && status < 200) return;
    const connection = (headers['connection'] ?? '').toLowerCase();
    const keepAlive = m[1] === '1' && !connection.includes('close');
    if (status === 204 || status === 304) this.framing = { kind: 'none' };
    else if ((headers['transfer-encoding'] ?? '').toLowerCase().includes('chunked')) this.framing = { kind: 'chunked' };
    else if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      if (!Number.isSafeInteger(length) || length < 0) throw protocolError(`bad content-length ${headers['content-length']}`);
      this.framing = { kind: 'length', remaining: length };
    } else this.framing = { kind: 'eof' };
    this.reusable = keepAlive && this.framing.kind !== 'eof';
    this.state = 'body';
    this.args.onHead({ status, headers });
    if (this.framing.kind === 'none' || (this.framing.kind === 'length' && this.framing.remaining === 0)) this.state = 'done';
  }

  private emit(data: Buffer, from: number, to: number, slab: Slab): void {
    if (to <= from) return;
    this.args.onBody(data.subarray(from, to), () => {
      slab.refs++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        slab.refs--;
        if (slab.refs === 0) slab.conn.slabFreed(slab);
      };
    });
  }

  private feedBody(data: Buffer, at: number, slab: Slab): number {
    const f = this.framing;
    if (f.kind === 'eof') {
      this.emit(data, at, data.length, slab);
      return data.length;
    }
    if (f.kind === 'length') {
      const take = Math.min(f.remaining, data.length - at);
      this.emit(data, at, at + take, slab);
      f.remaining -= take;
      if (f.remaining === 0) this.state = 'done';
      return at + take;
    }
    if (f.kind === 'chunked') return this.feedChunked(data, at, slab);
    this.state = 'done';
    return at;
  }

  private feedChunked(data: Buffer, at: number, slab: Slab): number {
    switch (this.chunkState) {
      case 'data': {
        const take = Math.min(this.chunkRemaining, data.length - at);
        this.emit(data, at, at + take, slab);
        this.chunkRemaining -= take;
        if (this.chunkRemaining === 0) this.chunkState = 'data-crlf';
        return at + take;
      }
      case 'data-crlf':
      case 'size':
      case 'trailers': {
        const lf = data.indexOf(10, at);
        const end = lf < 0 ? data.length : lf + 1;
        this.lineParts += data.toString('latin1', at, end);
        if (this.lineParts.length > 4096) throw protocolError('chunk framing line too long');
        if (lf < 0) return end;
        const line = this.lineParts.replace(/\r?\n$/, '');
        this.lineParts = '';
        if (this.chunkState === 'data-crlf') {
          if (line !== '') throw protocolError('missing CRLF after a chunk');
          this.chunkState = 'size';
        } else if (this.chunkState === 'size') {
          const size = parseInt(line.split(';')[0]!.trim(), 16);
          if (!Number.isSafeInteger(size) || size < 0) throw protocolError(`bad chunk size "${line.slice(0, 20)}"`);
          this.chunkRemaining = size;
          this.chunkState = size === 0 ? 'trailers' : 'data';
        } else if (line === '') this.state = 'done';
        return end;
      }
    }
  }
}

function protocolError(message: string): Error {
  // EPROTO: mapped to a (retryable) network failure like any broken connection.
  return Object.assign(new Error(`invalid HTTP response: ${message}`), { code: 'EPROTO' });
}

function closedEarly(): Error {
  return Object.assign(new Error('connection closed before the response was complete'), { code: 'ECONNRESET' });
}

/** One socket, reused for request after request while the server keeps it alive. */
class Connection {
  readonly socket: net.Socket;
  private fill: Slab | null = null;
  private held = 0;
  private paused = false;
  exchange: Exchange | null = null;
  private dead = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private pool: Connection[] | null = null;

  constructor(endpoint: RawEndpoint) {
    const onread = { buffer: () => this.nextBuffer(), callback: (n: number, buf: Uint8Array) => this.onRead(n, buf) };
    this.socket = endpoint.secure
      ? tls.connect({
          ...endpoint.tls,
          host: endpoint.hostname,
          port: endpoint.port,
          ...(net.isIP(endpoint.hostname) ? {} : { servername: endpoint.hostname }),
          onread,
        } as tls.ConnectionOptions)
      : net.connect({ host: endpoint.hostname, port: endpoint.port, onread } as net.NetConnectOpts);
    this.socket.setNoDelay(true);
    this.socket.setKeepAlive(true, 30_000);
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('end', () => this.onEnd());
    this.socket.on('close', () => this.onEnd());
    this.socket.on('timeout', () =>
      this.socket.destroy(Object.assign(new Error('no data from the server for too long'), { code: 'ETIMEDOUT' })),
    );
  }

  get alive(): boolean {
    return !this.dead && !this.socket.destroyed;
  }

  /** Node asks for the next read's memory right after each read (and once at connect). */
  private nextBuffer(): Buffer {
    let slab = this.fill;
    if (!slab || slab.buf.length - slab.used < MIN_READ) {
      if (slab) this.retire(slab);
      slab = this.fill = { buf: takeSlabMemory(), used: 0, refs: 0, retired: false, conn: this };
    }
    return slab.buf.subarray(slab.used);
  }

  private retire(slab: Slab): void {
    slab.retired = true;
    if (slab.refs > 0) {
      this.held++;
      if (this.held >= MAX_HELD_SLABS && !this.paused) {
        this.paused = true;
        this.socket.pause();
      }
    } else releaseSlab(slab);
  }

  slabFreed(slab: Slab): void {
    if (!slab.retired) return;
    this.held--;
    releaseSlab(slab);
    if (this.paused && this.held < MAX_HELD_SLABS) {
      this.paused = false;
      this.socket.resume();
    }
  }

  private onRead(nread: number, buf: Uint8Array): boolean {
    const slab = this.fill!;
    const data = Buffer.from(buf.buffer, buf.byteOffset, nread);
    slab.used += nread;
    const exchange = this.exchange;
    if (!exchange) {
      // Bytes nobody asked for (a server speaking out of turn): this socket can't be trusted for reuse.
      this.socket.destroy();
      return false;
    }
    try {
      const { ended, leftover } = exchange.feed(data, slab);
      if (ended) this.finish(exchange, !leftover && exchange.isReusable);
    } catch (error) {
      this.fail(error);
    }
    return true;
  }

  private finish(exchange: Exchange, reusable: boolean): void {
    this.exchange = null;
    exchange.resolve(reusable && this.alive);
  }

  private onEnd(): void {
    const exchange = this.exchange;
    if (exchange?.endOfStream()) this.finish(exchange, false);
    else this.fail(closedEarly());
  }

  fail(error: unknown): void {
    this.dead = true;
    this.leavePool();
    const exchange = this.exchange;
    this.exchange = null;
    if (!this.socket.destroyed) this.socket.destroy();
    // The socket reads no more: its slab (always handed to the next read, hence kept while it lived) is free.
    if (this.fill && !this.fill.retired) this.retire(this.fill);
    exchange?.reject(error);
  }

  start(exchange: Exchange, request: string, idleTimeoutMs: number): void {
    this.leavePool();
    this.exchange = exchange;
    this.socket.setTimeout(idleTimeoutMs);
    this.socket.write(request);
  }

  park(pool: Connection[]): void {
    if (!this.alive || pool.length >= MAX_IDLE_PER_HOST) {
      this.fail(closedEarly());
      return;
    }
    this.socket.setTimeout(0);
    this.pool = pool;
    pool.push(this);
    this.idleTimer = setTimeout(() => this.fail(closedEarly()), IDLE_POOL_MS);
    this.idleTimer.unref();
    this.socket.unref();
  }

  private leavePool(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.socket.ref();
    if (this.pool) {
      const i = this.pool.indexOf(this);
      if (i >= 0) this.pool.splice(i, 1);
      this.pool = null;
    }
  }
}

const pools = new WeakMap<object, Map<string, Connection[]>>();

function poolFor(endpoint: RawEndpoint): Connection[] {
  let byHost = pools.get(endpoint.poolOwner);
  if (!byHost) pools.set(endpoint.poolOwner, (byHost = new Map()));
  const key = `${endpoint.secure ? 's' : ''}|${endpoint.hostname}|${endpoint.port}`;
  let pool = byHost.get(key);
  if (!pool) byHost.set(key, (pool = []));
  return pool;
}

function requestText(args: RawGetArgs): string {
  let text = `GET ${args.path} HTTP/1.1\r\n`;
  for (const [name, value] of Object.entries(args.headers)) {
    if (/[\r\n]/.test(name) || /[\r\n]/.test(value)) throw new TypeError(`header ${name} contains a line break`);
    text += `${name}: ${value}\r\n`;
  }
  if (/[\s]/.test(args.path)) throw new TypeError('request path contains whitespace');
  return `${text}\r\n`;
}

/** Send one GET and stream its response to the handlers; resolves once the whole response has arrived. */
export async function rawGet(args: RawGetArgs): Promise<void> {
  const request = requestText(args);
  const pool = poolFor(args.endpoint);
  for (;;) {
    if (args.signal.aborted) throw abortError();
    const pooled = pool.pop();
    const reused = pooled?.alive ? pooled : undefined;
    const conn = reused ?? new Connection(args.endpoint);
    let exchange!: Exchange;
    const done = new Promise<boolean>((resolve, reject) => {
      exchange = new Exchange(args, resolve, reject);
    });
    const onAbort = () => conn.fail(abortError());
    args.signal.addEventListener('abort', onAbort, { once: true });
    conn.start(exchange, request, args.idleTimeoutMs);
    try {
      const reusable = await done;
      if (reusable) conn.park(pool);
      else conn.fail(closedEarly());
      return;
    } catch (error) {
      // A kept-alive socket the server had closed meanwhile: nothing was answered, so send again on a new one.
      if (reused && !exchange.started && !args.signal.aborted) continue;
      throw args.signal.aborted ? abortError() : error;
    } finally {
      args.signal.removeEventListener('abort', onAbort);
    }
  }
}

function abortError(): Error {
  return Object.assign(new Error('cancelled'), { name: 'AbortError' });
}
