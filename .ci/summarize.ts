/**
 * Prints one line for the whole test run, `N passed, N failed, N skipped`, from the JSON reports vitest and
 * Playwright wrote into the report directory, and exits non-zero if anything failed or did not run.
 *   node --import tsx .ci/summarize.ts <report-dir> <exit status of npm test>
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  /** One-line notes: skip reasons, files that failed to load. */
  notes: string[];
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
  testResults: Array<{ name: string; status: string; message?: string; assertionResults: unknown[] }>;
}

interface PlaywrightSpec {
  title: string;
  file: string;
  /** One per project the spec ran in (fauxqs, rgw): the stats count each, so the notes name the project. */
  tests: Array<{ status: string; projectName?: string; annotations?: Array<{ type: string; description?: string }> }>;
}
interface PlaywrightSuite {
  specs?: PlaywrightSpec[];
  suites?: PlaywrightSuite[];
}
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; skipped: number; flaky: number };
  suites: PlaywrightSuite[];
  errors: Array<{ message?: string }>;
}

export function tallyVitest(report: VitestReport): Tally {
  // A file that fails to import has no test results but must not count as green.
  const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0);
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles.length,
    skipped: report.numPendingTests + report.numTodoTests,
    notes: brokenFiles.map((f) => `vitest: ${f.name} failed to run: ${(f.message ?? '').split('\n')[0]}`),
  };
}

export function tallyPlaywright(report: PlaywrightReport): Tally {
  const notes: string[] = [];
  const visit = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status !== 'skipped') continue;
        const reason = test.annotations?.find((a) => a.type === 'skip')?.description;
        const project = test.projectName ? ` [${test.projectName}]` : '';
        notes.push(`playwright: skipped ${spec.file} › ${spec.title}${project}${reason ? `: ${reason}` : ''}`);
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  report.suites.forEach(visit);
  notes.push(...report.errors.map((e) => `playwright: ${(e.message ?? 'error').split('\n')[0]}`));
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected + report.errors.length,
    skipped: report.stats.skipped,
    notes,
  };
}

function main(): void {
  const [dir = 'test-reports', statusArg = '0'] = process.argv.slice(2);
  const total: Tally = { passed: 0, failed: 0, skipped: 0, notes: [] };
  let incomplete = false;
  const tools: Array<[name: string, file: string, tally: (json: never) => Tally]> = [
    ['vitest', 'vitest.json', tallyVitest],
    ['playwright', 'playwright.json', tallyPlaywright],
  ];
  for (const [name, file, tally] of tools) {
    const path = join(dir, file);
    if (!existsSync(path)) {
      console.log(`${name}: no report at ${path} (it did not run, or an earlier step failed)`);
      incomplete = true;
      continue;
    }
    const t = tally(JSON.parse(readFileSync(path, 'utf8')) as never);
    console.log(`${name}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
    total.passed += t.passed;
    total.failed += t.failed;
    total.skipped += t.skipped;
    total.notes.push(...t.notes);
  }
  for (const note of total.notes) console.log(`  ${note}`);

  const artifacts = fileURLToPath(new URL('../e2e/artifacts/', import.meta.url));
  const shots = existsSync(artifacts) ? readdirSync(artifacts, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.png')) : [];
  console.log(`screenshots saved by specs: ${shots.length} in ${artifacts}${shots.length ? ` (${shots.join(', ')})` : ''}`);
  const results = fileURLToPath(new URL('../test-results/', import.meta.url));
  const failureShots = existsSync(results)
    ? readdirSync(results, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.png') || f.endsWith('trace.zip'))
    : [];
  console.log(`failure screenshots and traces: ${failureShots.length} in ${results}`);
  for (const f of failureShots) console.log(`  ${join(results, f)}`);

  const status = Number(statusArg);
  if (status !== 0) console.log(`npm test exited with status ${status}`);
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  if (total.failed > 0 || incomplete || status !== 0) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
