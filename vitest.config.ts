import { defineConfig } from 'vitest/config';

/** Set by .ci/run: where machine-readable results go for the run's summary line. */
const reportDir = process.env['S3DESK_REPORT_DIR'];

export default defineConfig({
  test: {
    include: [
      'main/**/*.test.ts',
      '.ci/**/*.test.ts',
      'shared/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'testkit/**/*.test.ts',
      'demo/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    ...(reportDir ? { reporters: ['default', 'json'], outputFile: { json: `${reportDir}/vitest.json` } } : {}),
  },
});
