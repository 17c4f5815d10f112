import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type RawHead, rawGet } from './raw-get';

/** A TCP server that answers each request with whatever `answer` writes, counting connections and requests. */
async function startServer(answer: (socket: Socket, request: string, n: number) => void): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  let requests = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let pending = '';
    socket.on('data', (d) => {
      pending += d.toString('latin1');
      let end: number;
      while ((end = pending.indexOf('\r\n\r\n')) >= 0) {
        const request = pending.slice(0, end);
        pending = pending.slice(end + 4);
        answer(socket, request, requests++);
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

let stop: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const s of stop) await s();
  stop = [];
});

async function serve(answer: Parameters<typeof startServer>[0]) {
  const server = await startServer(answer);
  stop.push(server.close);
  return server;
}

const owner = {};

/** GET and collect: every view is kept (held) and copied only later, as an async writer would. */
async function get(port: number, options: { signal?: AbortSignal; slowRelease?: boolean; poolOwner?: object } = {}) {
  let head: RawHead | undefined;
  const views: Array<{ view: Buffer; release: () => void }> = [];
  const copies: Buffer[] = [];
  const done = rawGet({
    endpoint: { secure: false, hostname: '127.0.0.1', port, poolOwner: options.poolOwner ?? owner },
    path: '/b/k',
    headers: { host: `127.0.0.1:${port}` },
    signal: options.signal ?? new AbortController().signal,
    idleTimeoutMs: 5_000,
    onHead: (h) => (head = h),
    onBody: (view, hold) => {
      if (!options.slowRelease) return void copies.push(Buffer.from(view));
      views.push({ view, release: hold() });
      // Release (after copying) on a later turn, like a disk write completing, while more data keeps coming.
      setImmediate(() => {
        const v = views.shift()!;
        copies.push(Buffer.from(v.view));
        v.release();
      });
    },
  });
  await done;
  while (views.length > 0) await new Promise((r) => setImmediate(r));
  return { head: head!, body: Buffer.concat(copies) };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A request to the test server on `port` with no-op handlers, fresh pool, and `overrides` applied. */
function request(port: number, overrides: Partial<Parameters<typeof rawGet>[0]> = {}): Parameters<typeof rawGet>[0] {
  return {
    endpoint: { secure: false, hostname: '127.0.0.1', port, poolOwner: {} },
    path: '/b/k',
    headers: { host: 'h' },
    signal: new AbortController().signal,
    idleTimeoutMs: 5_000,
    onHead: () => {},
    onBody: () => {},
    ...overrides,
  };
}

describe('rawGet', () => {
  it('delivers a Content-Length body byte for byte while the consumer holds views (slabs are not reused early)', async () => {
    const body = randomBytes(24 * 1024 * 1024 + 123);
    const server = await serve((socket) => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\nETag: "x"\r\n\r\n`);
      socket.write(body);
    });
    const got = await get(server.port, { slowRelease: true });
    expect(got.head.status).toBe(200);
    expect(got.head.headers['etag']).toBe('"x"');
    expect(sha(got.body)).toBe(sha(body));
  });

  it('decodes chunked bodies, chunk framing split across reads, and skips 100 Continue', async () => {
    const parts = [randomBytes(10), randomBytes(70_000), randomBytes(1)];
    const server = await serve((socket) => {
      let wire = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 206 Partial Content\r\nTransfer-Encoding: chunked\r\n\r\n';
      const out: Buffer[] = [Buffer.from(wire, 'latin1')];
      for (const p of parts) out.push(Buffer.from(`${p.length.toString(16)};ext=1\r\n`), p, Buffer.from('\r\n'));
      wire = '0\r\nx-trailer: t\r\n\r\n';
      out.push(Buffer.from(wire));
      const all = Buffer.concat(out);
      // Dribble it out a few bytes at a time so every boundary lands mid-read somewhere.
      let at = 0;
      const step = () => {
        if (at >= all.length) return;
        socket.write(all.subarray(at, (at += at < 200 ? 3 : 9000)));
        setImmediate(step);
      };
      step();
    });
    const got = await get(server.port);
    expect(got.head.status).toBe(206);
    expect(sha(got.body)).toBe(sha(Buffer.concat(parts)));
  });

  it('reads a body framed by connection close', async () => {
    const body = randomBytes(300_000);
    const server = await serve((socket) => {
      socket.write('HTTP/1.0 200 OK\r\n\r\n');
      socket.end(body);
    });
    expect(sha((await get(server.port)).body)).toBe(sha(body));
  });

  it('reuses a kept-alive connection, and resends on a new one when the server drops it unanswered', async () => {
    const server = await serve((socket, _request, n) => {
      // The third request finds the kept-alive connection closed by the server (the race every client meets).
      if (n === 2) return void socket.destroy();
      socket.write(`HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nr${n}`);
    });
    const poolOwner = {};
    expect((await get(server.port, { poolOwner })).body.toString()).toBe('r0');
    expect((await get(server.port, { poolOwner })).body.toString()).toBe('r1');
    expect(server.connections()).toBe(1);
    expect((await get(server.port, { poolOwner })).body.toString()).toBe('r3');
    expect(server.connections()).toBe(2);
  });

  it('fails with a network error when the connection is cut mid-body, after delivering the bytes that came', async () => {
    const body = randomBytes(200_000);
    const server = await serve((socket) => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\n\r\n`);
      socket.write(body.subarray(0, 50_000), () => socket.destroy());
    });
    const copies: Buffer[] = [];
    const error = await rawGet(request(server.port, { onBody: (view) => void copies.push(Buffer.from(view)) })).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('ECONNRESET');
    const got = Buffer.concat(copies);
    expect(got.length).toBe(50_000);
    expect(got.equals(body.subarray(0, 50_000))).toBe(true);
  });

  it('aborts on the signal: AbortError, and the socket is closed', async () => {
    let serverSocket: Socket | undefined;
    const server = await serve((socket) => {
      serverSocket = socket;
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 1000000\r\n\r\nabc');
    });
    const controller = new AbortController();
    const result = rawGet(request(server.port, { signal: controller.signal, onBody: () => controller.abort() })).catch((e: unknown) => e);
    expect((await result as Error).name).toBe('AbortError');
    await new Promise<void>((resolve) => (serverSocket!.destroyed ? resolve() : serverSocket!.once('close', () => resolve())));
  });

  it('a throwing onHead abandons the request with that error', async () => {
    const server = await serve((socket) => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\nabc'));
    const onHead = () => {
      throw new Error('not what I asked for');
    };
    const error = await rawGet(request(server.port, { onHead })).catch((e: unknown) => e);
    expect((error as Error).message).toBe('not what I asked for');
  });

  it('refuses garbage instead of an HTTP response, and header values with line breaks', async () => {
    const server = await serve((socket) => socket.write('SSH-2.0-OpenSSH\r\n\r\n'));
    expect(((await rawGet(request(server.port)).catch((e: unknown) => e)) as { code?: string }).code).toBe('EPROTO');
    await expect(rawGet(request(server.port, { headers: { host: 'h', x: 'a\r\nevil: 1' } }))).rejects.toThrow(/line break/);
  });
});
