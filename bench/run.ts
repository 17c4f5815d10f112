/**
 * `npm run bench [-- name ...]`: runs benchmark modules and writes bench/RESULTS.md. Not a test: it measures.
 * Each module is an async function returning one markdown section. Add a module with one line in MODULES.
 * Running a subset keeps the other modules' sections from the previous RESULTS.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runBandwidthBench } from './bandwidth';
import { runBrowseUiBench } from './browse-ui';
import { crawlBench } from './crawl';
import { listingBench, listingTools } from './listing';
import { machineMarkdown } from './machine';
import { runMemoryBench } from './memory';
import { runSyncBench, syncTools } from './sync';
import { runTransfersBench } from './transfers';
import { runUndeleteBench } from './undelete';

export interface BenchModule {
  readonly name: string;
  readonly title: string;
  /** Returns the section body (markdown, without its heading). */
  run(): Promise<string>;
  /** Versions of outside tools this module compares against, for the machine table. */
  tools?(): Readonly<Record<string, string>>;
}

const MODULES: readonly BenchModule[] = [
  { name: 'listing', title: 'Listing big folders', run: listingBench, tools: listingTools },
  { name: 'browse-ui', title: 'Browsing a 100,000-object folder in Chromium', run: runBrowseUiBench },
  { name: 'transfers', title: 'Transfers', run: runTransfersBench },
  { name: 'memory', title: 'Memory over idle', run: runMemoryBench },
  { name: 'bandwidth', title: 'Bandwidth limits', run: runBandwidthBench },
  { name: 'crawl', title: 'Crawling and searching a whole bucket', run: crawlBench },
  { name: 'sync', title: 'Compare and sync a folder with a prefix', run: runSyncBench, tools: syncTools },
  { name: 'undelete', title: 'Undelete a deleted folder', run: runUndeleteBench },
];

const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const begin = (name: string) => `<!-- bench:${name} -->`;
const end = (name: string) => `<!-- /bench:${name} -->`;

/** Sections of an earlier RESULTS.md, by module name. */
function previousSections(): Map<string, string> {
  const sections = new Map<string, string>();
  if (!existsSync(RESULTS)) return sections;
  const text = readFileSync(RESULTS, 'utf8');
  for (const m of MODULES) {
    const from = text.indexOf(begin(m.name));
    const to = text.indexOf(end(m.name));
    if (from >= 0 && to > from) sections.set(m.name, text.slice(from, to + end(m.name).length));
  }
  return sections;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !MODULES.some((m) => m.name === w));
  if (unknown.length > 0) {
    console.error(`unknown bench module(s): ${unknown.join(', ')}; known: ${MODULES.map((m) => m.name).join(', ')}`);
    process.exit(2);
  }
  const selected = wanted.length > 0 ? MODULES.filter((m) => wanted.includes(m.name)) : MODULES;
  const sections = previousSections();
  for (const m of selected) {
    console.log(`bench: ${m.name} …`);
    const started = Date.now();
    const body = await m.run();
    const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    // A module may bring its own "## " heading; otherwise its title is the heading.
    const [first = '', ...rest] = body.trim().split('\n');
    const [heading, text] = first.startsWith('## ') ? [first, rest.join('\n').trim()] : [`## ${m.title}`, body.trim()];
    const took = ((Date.now() - started) / 1000).toFixed(0);
    sections.set(m.name, `${begin(m.name)}\n${heading}\n\n_Run ${date}, took ${took} s._\n\n${text}\n${end(m.name)}`);
    console.log(`bench: ${m.name} done`);
  }
  let tools: Record<string, string> = {};
  for (const m of MODULES) if (sections.has(m.name)) tools = { ...tools, ...(m.tools?.() ?? {}) };
  const doc = [
    '# S3 Desk benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Each section says when it ran.`,
    '',
    '## Machine',
    '',
    machineMarkdown(tools),
    '',
    ...MODULES.flatMap((m) => (sections.has(m.name) ? [sections.get(m.name)!, ''] : [])),
  ].join('\n');
  writeFileSync(RESULTS, doc);
  console.log(`bench: wrote ${RESULTS}`);
}

await main();
