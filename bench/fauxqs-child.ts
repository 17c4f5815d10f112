/** A fauxqs S3 server in its own process, so benchmarks don't share an event loop with the client measured.
 *  Prints its URL on the first stdout line and runs until stdin closes. */
import { startS3Server } from '../e2e/support/s3-server';

void startS3Server().then((server) => {
  process.stdout.write(`${server.url}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
});
