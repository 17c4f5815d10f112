import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './testkit/chromium';

/** Set by .ci/run: where machine-readable results go for the run's summary line. */
const reportDir = process.env['S3DESK_REPORT_DIR'];

export default defineConfig({
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
  use: {
    browserName: 'chromium',
    headless: true,
    // Debian's Chromium: Playwright cannot download its own browsers here.
    launchOptions: { executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] },
    viewport: { width: 1280, height: 820 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
