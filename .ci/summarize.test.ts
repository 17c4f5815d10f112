import { describe, expect, it } from 'vitest';
import { tallyPlaywright, tallyVitest } from './summarize';

describe('CI summary', () => {
  it('counts a vitest file that failed to load as a failure', () => {
    const t = tallyVitest({
      numPassedTests: 5,
      numFailedTests: 1,
      numPendingTests: 1,
      numTodoTests: 1,
      numFailedTestSuites: 1,
      testResults: [
        { name: 'a.test.ts', status: 'failed', assertionResults: [{}, {}] },
        { name: 'broken.test.ts', status: 'failed', message: 'Cannot find module x\nstack', assertionResults: [] },
      ],
    });
    expect([t.passed, t.failed, t.skipped]).toEqual([5, 2, 2]);
    expect(t.notes).toEqual(['vitest: broken.test.ts failed to run: Cannot find module x']);
  });

  it('counts flaky Playwright tests as passed, global errors as failed, and lists skip reasons', () => {
    const t = tallyPlaywright({
      stats: { expected: 3, unexpected: 1, skipped: 1, flaky: 1 },
      errors: [{ message: 'global setup failed\nat x' }],
      suites: [
        {
          suites: [
            {
              specs: [
                { title: 'runs', file: 'a.spec.ts', tests: [{ status: 'expected' }] },
                { title: 'electron', file: 'b.spec.ts', tests: [{ status: 'skipped', annotations: [{ type: 'skip', description: 'no binary' }] }] },
              ],
            },
          ],
        },
      ],
    });
    expect([t.passed, t.failed, t.skipped]).toEqual([4, 2, 1]);
    expect(t.notes).toEqual(['playwright: skipped b.spec.ts › electron: no binary', 'playwright: global setup failed']);
  });

  it('counts a spec once per project it ran in and names the project of a skip', () => {
    const t = tallyPlaywright({
      stats: { expected: 1, unexpected: 0, skipped: 1, flaky: 0 },
      errors: [],
      suites: [
        {
          specs: [
            {
              title: 'lists',
              file: 'browse.spec.ts',
              tests: [
                { status: 'expected', projectName: 'fauxqs' },
                { status: 'skipped', projectName: 'rgw', annotations: [{ type: 'skip', description: 'fauxqs only' }] },
              ],
            },
          ],
        },
      ],
    });
    expect([t.passed, t.failed, t.skipped]).toEqual([1, 0, 1]);
    expect(t.notes).toEqual(['playwright: skipped browse.spec.ts › lists [rgw]: fauxqs only']);
  });
});
