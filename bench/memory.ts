/**
 * Memory benchmark (issue 12, finding 7): what a big folder costs each process over idle, after GC.
 *
 * Main process: the headless core runs alone in a child process started with --expose-gc; fauxqs and the
 * counting proxy run in another (bench/s3-stack.ts), so the server's memory is not counted. It lists two real
 * 100,000-object folders page by page through objects:list, as the renderer does. The 1,000,000-object row is
 * SYNTHETIC: seeding a million objects into fauxqs costs more memory and minutes than this shared machine has,
 * so those pages are fed straight into the core's cache (S3Cache.setPage) with entries shaped like a real
 * listing's (keys of the same length, MD5 ETags, times, STANDARD), as BrowseService would store them.
 *
 * Renderer: the real built renderer in Debian Chromium over the real core (the e2e bridge), one 100,000-object
 * folder opened, then flung through from top to bottom. Measured with CDP after HeapProfiler.collectGarbage:
 * the page's JS heap (Performance.getMetrics JSHeapUsedSize) and the renderer process's RSS (/proc).
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createCore } from '../main/core/create-core';
import type { Entry, ListPage } from '../shared/types';
import { unwrap } from '../testkit/core-fixture';
import { installBridge } from '../testkit/preload-bridge';
import { TEST_CREDENTIALS } from '../testkit/s3-server';
import { openRendererStack } from './renderer-stack';
import { startS3Stack } from './s3-stack';

const BUCKET = 'bench';
const FOLDER = 100_000;
const SYNTHETIC = 1_000_000;
const TARGET_MB = 100;

interface Sample {
  readonly rss: number;
  readonly heapUsed: number;
  /** Typed arrays' backing stores are outside the JS heap. */
  readonly arrayBuffers: number;
  readonly cacheEntries?: number;
  readonly cacheBytes?: number;
}
type MainReport = Readonly<Record<string, Sample>> & { readonly notes: readonly string[] };

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const delta = (bytes: number) => `${bytes >= 0 ? '+' : ''}${(bytes / 1024 / 1024).toFixed(1)} MB`;

// ── the measuring child ──
async function settle(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  // Twice, with a turn of the event loop between, so finalizers and weak callbacks run.
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function runChild(url: string): Promise<void> {
  const core = createCore();
  const { id } = unwrap(await core.handlers['connections:add']({ name: 'bench', endpoint: url, region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS }));
  const samples: Record<string, Sample> = {};
  const notes: string[] = [];
  const take = async (name: string) => {
    await settle();
    const m = process.memoryUsage();
    const s = core.context.cache.stats();
    samples[name] = { rss: m.rss, heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, cacheEntries: s.entries, cacheBytes: s.approxBytes };
  };
  const listAll = async (prefix: string) => {
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ListPage = unwrap(await core.handlers['objects:list']({ connectionId: id, bucket: BUCKET, prefix, cursor }));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    return pages;
  };
  const firstPageCached = async (prefix: string) =>
    unwrap(await core.handlers['objects:list']({ connectionId: id, bucket: BUCKET, prefix, cursor: null })).fromCache;

  // Warm up every code path once (SDK, parser, cache), then forget it: that is "idle".
  await listAll('warm/');
  unwrap(await core.handlers['cache:invalidate']({ connectionId: id }));
  await take('idle');
  await listAll('folder-a/');
  await take('one');
  notes.push(`after one folder, its first page comes from the cache: ${await firstPageCached('folder-a/')}`);
  await listAll('folder-b/');
  await take('two');
  notes.push(`after two folders, the first folder's first page is cached: ${await firstPageCached('folder-a/')}`);
  unwrap(await core.handlers['cache:invalidate']({ connectionId: id }));
  await take('dropped');

  // SYNTHETIC: 1,000 pages of 1,000 entries straight into the cache (see the header).
  const cache = core.context.cache;
  const prefix = 'synthetic/folder-1000000/';
  for (let p = 0; p < SYNTHETIC / 1000; p++) {
    const entries: Entry[] = [];
    for (let i = 0; i < 1000; i++) {
      const n = p * 1000 + i;
      const name = `object-${String(n).padStart(7, '0')}.dat`;
      const etag = `"${(n * 2654435761).toString(16).padStart(32, '0').slice(-32)}"`;
      entries.push({ kind: 'object', key: prefix + name, name, size: n % 9973, lastModified: 1_764_000_000_000 + n, etag, storageClass: 'STANDARD' });
    }
    cache.setPage(id, BUCKET, prefix, p === 0 ? '' : `token-${p}`, { entries, nextCursor: p === SYNTHETIC / 1000 - 1 ? null : `token-${p + 1}` });
  }
  await take('million');
  const first = cache.getPage(id, BUCKET, prefix, '') !== undefined;
  const last = cache.getPage(id, BUCKET, prefix, `token-${SYNTHETIC / 1000 - 1}`) !== undefined;
  notes.push(`1,000,000 synthetic: first page cached ${first}, last page cached ${last}`);
  process.send?.({ ...samples, notes });
  await core.dispose();
}

async function measureMain(): Promise<MainReport> {
  const stack = await startS3Stack({ bucket: BUCKET, folders: { 'warm/': 1000, 'folder-a/': FOLDER, 'folder-b/': FOLDER } });
  try {
    const child = fork(fileURLToPath(import.meta.url), ['--memory-child', stack.url], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return await new Promise<MainReport>((resolve, reject) => {
      child.once('message', (m) => resolve(m as MainReport));
      child.once('exit', (code) => reject(new Error(`memory child exited (${code})`)));
    });
  } finally {
    await stack.close();
  }
}

// ── the renderer ──
interface RendererSample {
  readonly jsHeap: number;
  readonly rss: number;
}

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? Number.NaN) * 1024;
}

async function measureRenderer(): Promise<Record<string, RendererSample>> {
  const { core, events, proxy, browser, url, close } = await openRendererStack(
    BUCKET,
    (function* () {
      for (let i = 0; i < FOLDER; i++) yield [`big/file-${String(i).padStart(6, '0')}.txt`, 'x'] as [string, string];
    })(),
  );
  try {
    unwrap(await core.handlers['connections:add']({ name: 'Bench', endpoint: proxy.url, region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS }));
    const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
    await page.addInitScript('globalThis.__name ??= (fn) => fn;');
    await installBridge(page, core, events);
    await page.goto(url);
    const cdp = await page.context().newCDPSession(page);
    const browserCdp = await browser.newBrowserCDPSession();
    await cdp.send('Performance.enable');
    const take = async (): Promise<RendererSample> => {
      for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> };
      const rss = processInfo.filter((p) => p.type === 'renderer').reduce((sum, p) => sum + rssOf(p.id), 0);
      return { jsHeap: metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN, rss };
    };
    await page.locator('[data-testid="connection"][data-name="Bench"] [data-testid="connection-open"]').click();
    await page.getByTestId('bucket-list').waitFor();
    const idle = await take();
    await page.getByTestId('address-input').fill(`s3://${BUCKET}/big/`);
    await page.getByTestId('address-input').press('Enter');
    await page.locator('[data-testid="browser"][data-complete="true"][data-status="ready"]').waitFor({ timeout: 600_000 });
    const loaded = await take();
    // Fling from the top to the bottom, one step per frame, so every row was rendered once.
    await page.evaluate(async () => {
      const g = globalThis as unknown as {
        document: { querySelector(s: string): { scrollTop: number; scrollHeight: number; clientHeight: number } | null };
        requestAnimationFrame(cb: () => void): number;
      };
      const body = g.document.querySelector('[data-testid="file-table-body"]')!;
      const steps = 400;
      const px = Math.ceil((body.scrollHeight - body.clientHeight) / steps);
      for (let i = 0; i <= steps; i++) {
        body.scrollTop = i * px;
        await new Promise<void>((resolve) => g.requestAnimationFrame(() => resolve()));
      }
    });
    const scrolled = await take();
    await page.close();
    return { idle, loaded, scrolled };
  } finally {
    await close();
  }
}

export async function runMemoryBench(): Promise<string> {
  const main = await measureMain();
  const renderer = await measureRenderer();
  const idle = main['idle']!;
  const row = (label: string, s: Sample, target: boolean) => {
    const over = s.rss - idle.rss;
    const verdict = target ? (over < TARGET_MB * 1024 * 1024 ? ' ✅' : ' ❌') : '';
    return `| ${label} | ${delta(over)}${verdict} | ${delta(s.heapUsed - idle.heapUsed)} | ${delta(s.arrayBuffers - idle.arrayBuffers)} | ${(s.cacheEntries ?? 0).toLocaleString('en-US')} | ${mb(s.cacheBytes ?? 0)} |`;
  };
  const r0 = renderer['idle']!;
  const rrow = (label: string, s: RendererSample) => {
    const over = s.rss - r0.rss;
    return `| ${label} | ${delta(over)}${over < TARGET_MB * 1024 * 1024 ? ' ✅' : ' ❌'} | ${delta(s.jsHeap - r0.jsHeap)} |`;
  };
  return [
    '## Memory over idle (main process and renderer)',
    '',
    `After GC; idle = the core connected, every code path warmed, the cache empty (main: RSS ${mb(idle.rss)}, heap ${mb(idle.heapUsed)}); renderer idle = the bucket list shown (RSS ${mb(r0.rss)}, JS heap ${mb(r0.jsHeap)}). Target: under ${TARGET_MB} MB over idle for 100,000 objects in each process. ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)} at the end.`,
    '',
    '| Main process (core in a child with --expose-gc, fauxqs in another process) | RSS over idle | JS heap over idle | array buffers over idle | cache entries | cache estimate |',
    '|---|---|---|---|---|---|',
    row('one 100,000-object folder listed (real ListObjectsV2 through the proxy)', main['one']!, true),
    row('two 100,000-object folders listed', main['two']!, false),
    row('both dropped (cache:invalidate)', main['dropped']!, false),
    row('1,000,000 objects in one folder — SYNTHETIC: pages fed to S3Cache.setPage, not listed from a server', main['million']!, false),
    '',
    ...main.notes.map((n) => `- ${n}`),
    '',
    '| Renderer (built renderer in Chromium, 100,000-row folder) | RSS over idle | JS heap over idle |',
    '|---|---|---|',
    rrow('folder loaded (all 100 pages in)', renderer['loaded']!),
    rrow('after flinging through every row', renderer['scrolled']!),
    '',
    'RSS includes memory V8 has freed but not yet returned to the OS, so it lags the heap. The cache estimate is',
    "S3Cache's own byte estimate (what maxBytes bounds), next to what the process really grew by.",
    '',
  ].join('\n');
}

if (process.argv[2] === '--memory-child') await runChild(process.argv[3]!);
else if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  console.log(await runMemoryBench());
}
