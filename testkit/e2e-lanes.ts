/**
 * Which e2e specs run on which lane, and whether a Playwright command line selects any on RGW. Pure, so it is
 * tested without Ceph (e2e-lanes.test.ts); used by playwright.config.ts and testkit/rgw/playwright-setup.ts.
 */

/** Specs of features fauxqs lacks (versioning): RGW only, skipped by the fauxqs project. */
export const RGW_ONLY_SPECS = ['versions.spec.ts', 'properties.spec.ts', 'buckets.spec.ts', 'upload-options.spec.ts', 'archived-download.spec.ts'];

/** The specs that run on RGW (playwright.config.ts's rgw project). */
export const RGW_SPECS = [
  'browse.spec.ts',
  'transfers.spec.ts',
  'incomplete-uploads.spec.ts',
  'resume.spec.ts',
  'resume-upload.spec.ts',
  'search.spec.ts',
  // Ranged reads and conditional PUTs behave differently on RGW (If-Match with a bare ETag).
  'previews.spec.ts',
  'edit.spec.ts',
  'sync.spec.ts',
  ...RGW_ONLY_SPECS,
];

/** Playwright options whose value may follow as the next argument (so it is not a file filter). */
const VALUE_OPTIONS = new Set(['-c', '--config', '-g', '--grep', '--grep-invert', '-j', '--workers', '--reporter', '--timeout', '--retries',
  '--repeat-each', '-x', '--max-failures', '--shard', '--output', '--trace', '--tsconfig', '--global-timeout', '--update-snapshots', '-u']);

/**
 * Whether a Playwright command line (its arguments after `test`) can select a test of the rgw project. When in
 * doubt, yes: a gateway started for nothing costs 2 s, a missing one fails the rgw tests. (its arguments after `test`) can select a test of the rgw project. */
export function rgwSelected(argv: readonly string[]): boolean {
  const projects: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--project' || arg === '-p') projects.push(argv[++i] ?? '');
    else if (arg.startsWith('--project=')) projects.push(arg.slice('--project='.length));
    else if (VALUE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith('-') && arg !== 'test') files.push(arg);
  }
  if (projects.length > 0 && !projects.includes('rgw')) return false;
  // Positional arguments are regular expressions Playwright matches against each spec's path.
  return files.length === 0 || files.some((f) => RGW_SPECS.some((spec) => new RegExp(f).test(`e2e/${spec}`)));
}
