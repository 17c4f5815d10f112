import { defineConfig } from 'vitest/config';
import { rgwUnavailable } from './testkit/rgw/rgw-run.js';

/** Set by .ci/run: where machine-readable results go for the run's summary line. */
const reportDir = process.env['S3DESK_REPORT_DIR'];

/** The suites that talk to an S3 server; they run once per lane (testkit/s3-lane.ts). */
const SERVER_SUITES = ['main/**/*.integration.test.ts', 'main/connections/test-connection.test.ts'];
/** Tests of the RGW test kit itself: they need Ceph, so they live in the rgw project only. */
const RGW_KIT = 'testkit/rgw/**/*.test.ts';

/** The rgw lane needs Ceph on the machine; without it a developer's run skips the lane, CI fails. */
function rgwLane(): boolean {
  const missing = rgwUnavailable();
  if (missing === null) return true;
  if (process.env['CI']) throw new Error(`${missing} — CI must run the RGW lane`);
  console.warn(missing);
  return false;
}

export default defineConfig({
  test: {
    // Stylesheets are stubbed in tests, except when read as text (renderer/src/styles/tokens.test.ts checks them).
    css: { include: [/\.css\?raw$/] },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    ...(reportDir ? { reporters: ['default', 'json'], outputFile: { json: `${reportDir}/vitest.json` } } : {}),
    projects: [
      {
        extends: true,
        test: {
          name: 'fauxqs',
          include: [
            'main/**/*.test.ts',
            '.ci/**/*.test.ts',
            'shared/**/*.test.ts',
            'renderer/**/*.test.{ts,tsx}',
            'testkit/**/*.test.ts',
            'demo/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          exclude: [RGW_KIT, 'node_modules/**'],
          env: { S3DESK_LANE: 'fauxqs' },
        },
      },
      ...(rgwLane()
        ? [
            {
              extends: true as const,
              test: {
                name: 'rgw',
                include: [...SERVER_SUITES, RGW_KIT],
                env: { S3DESK_LANE: 'rgw' },
                globalSetup: ['testkit/rgw/global-setup.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
