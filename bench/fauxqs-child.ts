/** A fauxqs S3 server in its own process, so benchmarks don't share an event loop with the client measured.
 *  Prints its URL on the first stdout line and runs until stdin closes. A "gc" line on stdin collects its heap
 *  (with --expose-gc) and answers "gc-done": the previous timed run's garbage is not left to the next one.
 *  "trace-start" samples the bytes its sockets have read and written every 50 ms (on this process's clock,
 *  as epoch milliseconds, so the bench can line them up with its own); "trace-stop" answers
 *  "trace <json [[ms, read, written], …]>" (also sampled as each request arrives and is answered: see below).
 *  Read bytes are what a client's uploads put on the wire. */
import type { Socket } from 'node:net';
import { startS3Server } from '../testkit/s3-server';

const SAMPLE_MS = 50;

void startS3Server().then((server) => {
  const sockets = new Set<Socket>();
  const closed = { read: 0, written: 0 };
  server.http.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      closed.read += socket.bytesRead;
      closed.written += socket.bytesWritten;
      sockets.delete(socket);
    });
  });
  const sample = (): [number, number, number] => {
    let { read, written } = closed;
    for (const s of sockets) {
      read += s.bytesRead;
      written += s.bytesWritten;
    }
    return [performance.timeOrigin + performance.now(), read, written];
  };
  let trace: Array<[number, number, number]> = [];
  let timer: NodeJS.Timeout | null = null;
  // Also a sample as each request arrives and as each response is sent: fauxqs works synchronously (its
  // CompleteMultipartUpload re-hashes and joins every part, 5-9 s for 1 GiB here), and a timer cannot fire
  // while it does. Without these, bytes read before such a block were dated after it, so an upload's trace
  // showed a near-zero tail that was the server assembling the object, not the wire.
  server.http.on('request', (_req, res) => {
    if (!timer) return;
    trace.push(sample());
    res.once('finish', () => {
      if (timer) trace.push(sample());
    });
  });

  process.stdout.write(`${server.url}\n`);
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (text: string) => {
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line === 'gc') {
        (globalThis as { gc?: () => void }).gc?.();
        process.stdout.write('gc-done\n');
      } else if (line === 'trace-start') {
        trace = [sample()];
        if (timer) clearInterval(timer);
        timer = setInterval(() => trace.push(sample()), SAMPLE_MS);
      } else if (line === 'trace-stop') {
        if (timer) clearInterval(timer);
        timer = null;
        trace.push(sample());
        process.stdout.write(`trace ${JSON.stringify(trace)}\n`);
        trace = [];
      }
    }
  });
  process.stdin.on('end', () => {
    if (timer) clearInterval(timer);
    void server.close().then(() => process.exit(0));
  });
});
