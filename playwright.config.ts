import { defineConfig } from '@playwright/test';
import type { AppOptions } from './testkit/app-fixture';
import { CHROMIUM_ARGS, chromiumPath } from './testkit/chromium';
import { rgwUnavailable } from './testkit/rgw/rgw-run.js';
import { RGW_ONLY_SPECS, RGW_SPECS } from './testkit/e2e-lanes.js';

/** Set by .ci/run: where machine-readable results go for the run's summary line. */
const reportDir = process.env['S3DESK_REPORT_DIR'];

/**
 * The rgw project needs Ceph on the machine; without it a developer's run drops the project with one line,
 * CI fails. (Workers load this config too: only the runner prints.)
 */
function rgwLane(): boolean {
  const missing = rgwUnavailable();
  if (missing === null) return true;
  if (process.env['CI']) throw new Error(`${missing} — CI must run the RGW lane`);
  if (process.env['TEST_WORKER_INDEX'] === undefined) console.warn(missing);
  return false;
}
const withRgw = rgwLane();

export default defineConfig<AppOptions>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Failure screenshots and traces; screenshots specs take on purpose go to e2e/artifacts/ (see app-fixture.ts).
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  workers: process.env['CI'] ? 2 : undefined,
  reporter: [['list'], ...(reportDir ? [['json', { outputFile: `${reportDir}/playwright.json` }] as const] : [])],
  // One Ceph RGW for the whole run, stopped by the teardown it returns (testkit/rgw/playwright-setup.ts).
  ...(withRgw ? { globalSetup: './testkit/rgw/playwright-setup.ts' } : {}),
  use: {
    browserName: 'chromium',
    headless: true,
    // Debian's Chromium: Playwright cannot download its own browsers here.
    launchOptions: { executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] },
    viewport: { width: 1280, height: 820 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'fauxqs', testIgnore: RGW_ONLY_SPECS.map((spec) => `**/${spec}`), use: { laneName: 'fauxqs' } },
    ...(withRgw ? [{ name: 'rgw', testMatch: RGW_SPECS.map((spec) => `**/${spec}`), use: { laneName: 'rgw' as const } }] : []),
  ],
});
