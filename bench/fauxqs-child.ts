/** A fauxqs S3 server in its own process, so benchmarks don't share an event loop with the client measured.
 *  Prints its URL on the first stdout line and runs until stdin closes. A "gc" line on stdin collects its heap
 *  (with --expose-gc) and answers "gc-done": the previous timed run's garbage is not left to the next one. */
import { startS3Server } from '../testkit/s3-server';

void startS3Server().then((server) => {
  process.stdout.write(`${server.url}\n`);
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (text: string) => {
    for (const line of text.split('\n')) {
      if (line.trim() !== 'gc') continue;
      (globalThis as { gc?: () => void }).gc?.();
      process.stdout.write('gc-done\n');
    }
  });
  process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
});
