/**
 * The Electron security check of `npm run lint`: runs Doyensec's electronegativity over the main-process
 * sources (window options, preload, navigation handlers, CSP) and the renderer's index.html, prints every
 * finding, and fails on any HIGH finding or on any file it could not parse (a skipped file is not a pass).
 *
 * Offline by design: the check that downloads Electron's release list from GitHub is excluded (Electron's
 * version is pinned in package-lock.json and updated on purpose), and the installed Electron version is
 * passed in so version-dependent defaults are judged for the Electron we ship.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SecurityFinding {
  readonly id: string;
  readonly severity: string;
  readonly confidence: string;
  readonly file: string;
  readonly line: number;
  readonly description: string;
}

export interface SecurityReport {
  readonly findings: readonly SecurityFinding[];
  /** Files electronegativity failed to parse (and therefore did not check). */
  readonly unparsed: ReadonlyArray<{ readonly file: string; readonly message: string }>;
}

interface RawIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
  description: string;
}
interface RunOptions {
  input: string;
  output?: string;
  isSarif: boolean;
  customScan: string[];
  excludeFromScan: string[];
  severitySet?: string;
  confidenceSet?: string;
  isRelative: boolean;
  isVerbose: boolean;
  electronUpgrade?: string;
  electronVersionOverride?: string;
  parserPlugins: string[];
}
type Run = (options: RunOptions) => Promise<{ issues: RawIssue[]; errors: Array<{ file: string; message: string; tolerable: boolean }> }>;

const require = createRequire(import.meta.url);
const OFFLINE_EXCLUDES = ['availablesecurityfixesglobalcheck'];

/** Scan a directory (or file) of Electron app sources. */
export async function scanElectronSecurity(input: string, electronVersion: string): Promise<SecurityReport> {
  const run = (require('@doyensec/electronegativity') as { default?: Run }).default ?? (require('@doyensec/electronegativity') as Run);
  // electronegativity prints a warning when its translation download fails; that is expected offline.
  const log = console.log;
  console.log = () => {};
  try {
    const { issues, errors } = await run({
      input,
      isSarif: false,
      customScan: [],
      excludeFromScan: OFFLINE_EXCLUDES,
      isRelative: false,
      isVerbose: false,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    });
    return {
      findings: issues.map((i) => ({
        id: i.id,
        severity: i.severity.name,
        confidence: i.confidence.name,
        file: relative(input, i.file) || i.file,
        line: i.location.line,
        description: i.description,
      })),
      unparsed: errors.filter((e) => !e.tolerable).map((e) => ({ file: relative(input, e.file) || e.file, message: e.message })),
    };
  } finally {
    console.log = log;
  }
}

/** What the app ships: main-process sources (without tests) and the renderer's HTML with its CSP meta tag. */
function stageAppSources(root: string): string {
  const stage = mkdtempSync(join(tmpdir(), 's3desk-electronegativity-'));
  cpSync(join(root, 'main'), join(stage, 'main'), { recursive: true, filter: (src) => !/\.test\.ts$/.test(src) });
  cpSync(join(root, 'renderer/index.html'), join(stage, 'renderer/index.html'));
  return stage;
}

async function main(): Promise<void> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
  const stage = stageAppSources(root);
  try {
    const report = await scanElectronSecurity(stage, electronVersion);
    for (const f of report.findings) console.log(`${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.id}  ${f.file}:${f.line}  ${f.description}`);
    for (const u of report.unparsed) console.log(`UNPARSED      ${u.file}: ${u.message}`);
    const high = report.findings.filter((f) => f.severity === 'HIGH' || f.severity === 'CRITICAL');
    console.log(`electronegativity (Electron ${electronVersion}): ${report.findings.length} findings, ${high.length} high, ${report.unparsed.length} unparsed files`);
    if (high.length > 0 || report.unparsed.length > 0) process.exitCode = 1;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
