/**
 * Global setup for vitest and Playwright alike (both call the default export and await the teardown it
 * returns): one gateway for the whole run. Only configured when the rgw lane runs (see rgwUnavailable).
 */
import { join } from 'node:path';
import { publishRgw } from './rgw-run';
import { startRgw } from './rgw-server';

export default async function setup(): Promise<() => Promise<void>> {
  const started = Date.now();
  const rgw = await startRgw();
  publishRgw({ url: rgw.url, region: rgw.region, conf: join(rgw.dir, 'ceph.conf') });
  console.log(`RGW lane: Ceph RGW on ${rgw.url}, up in ${Date.now() - started} ms`);
  // Signals and process exit are handled inside startRgw.
  return () => rgw.stop();
}
