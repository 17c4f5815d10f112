/**
 * Every preview type renders real content in Chromium over the real core (issue 18): files are made here
 * (PDF, WAV, WebM, Parquet, gzip, ZIP written by the test or by Info-ZIP) and seeded on the lane; a
 * double-click opens the pane, arrow keys move through the folder, and hostile HTML/SVG never runs a script
 * or reaches the network (a beacon server counts any attempt). Malformed files name what is wrong; a stalled
 * read can be cancelled; a media stream cut mid-way says playback failed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync, gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { expect, test } from '../testkit/app-fixture';
import { makeZip } from '../testkit/make-zip';
import { BrowserPage } from './pages/browser-page';

const CONNECTION = 'Local fauxqs';
const BUCKET = 'previews';

/** A w×h opaque red PNG (RGB, filter 0 per row). */
function makePng(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.concat(Array.from({ length: h }, () => Buffer.from([0, ...Array.from({ length: w }, () => [220, 20, 20]).flat()])));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const PNG = makePng(8, 6);

/** A two-page PDF with real text, offsets computed so pdf.js reads the xref as written. */
function makePdf(): Buffer {
  const page = (text: string) => `BT /F1 24 Tf 40 100 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 5 0 R /Resources << /Font << /F1 7 0 R >> >> >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 6 0 R /Resources << /Font << /F1 7 0 R >> >> >>',
    `<< /Length ${page('Page one').length} >>\nstream\n${page('Page one')}\nendstream`,
    `<< /Length ${page('Page two').length} >>\nstream\n${page('Page two')}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** One second of a 440 Hz tone, 8 kHz mono 16-bit PCM. */
function makeWav(): Buffer {
  const rate = 8000;
  const samples = rate;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 12000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A short WebM recorded by Chromium itself from a canvas (no video encoder on the test side). */
async function makeWebm(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const ctx = canvas.getContext('2d')!;
    const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm' });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start();
    for (let frame = 0; frame < 20; frame++) {
      ctx.fillStyle = `rgb(${frame * 12}, 80, 200)`;
      ctx.fillRect(0, 0, 64, 48);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    recorder.stop();
    await stopped;
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary);
  });
  return Buffer.from(base64, 'base64');
}

const PARQUET = Buffer.from(
  parquetWriteBuffer({
    columnData: [
      { name: 'id', data: Int32Array.from({ length: 250 }, (_, i) => i), type: 'INT32', nullable: false },
      { name: 'city', data: Array.from({ length: 250 }, (_, i) => `city ${i}`), type: 'STRING' },
    ],
    rowGroupSize: 100,
  }),
);

/** Counts any request a preview makes to the network (there must be none). */
async function startBeacon(): Promise<{ url: string; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
}

async function openFolder(app: Page, address: string): Promise<BrowserPage> {
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo(address);
  await ui.waitForFolder(address);
  return ui;
}

/** Double-click a row: its preview opens (the pane names the file). */
async function preview(ui: BrowserPage, key: string): Promise<void> {
  await ui.row(key).dblclick();
  await expect(ui.page.getByTestId('preview-name')).toHaveText(key.slice(key.lastIndexOf('/') + 1));
}

async function closePreview(ui: BrowserPage): Promise<void> {
  await ui.page.keyboard.press('Escape');
  await expect(ui.page.getByTestId('preview')).toHaveCount(0);
}

test('images zoom, PDFs draw their pages, text is highlighted with line numbers, Markdown renders', async ({ app, lane, s3Proxy }) => {
  await lane.seed(BUCKET, [
    ['a/dot.png', PNG],
    ['a/doc.pdf', makePdf()],
    ['a/app.ts', 'export const answer = 42;\nfunction hi(): string {\n  return "hi";\n}\n'],
    ['a/notes.md', '# Release notes\n\n- **fast** previews\n- safe\n'],
  ]);
  const ui = await openFolder(app, `s3://${BUCKET}/a/`);

  s3Proxy.reset();
  await preview(ui, 'a/dot.png');
  const img = ui.page.getByTestId('preview-image');
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight])).toEqual([8, 6]);
  await expect(ui.page.getByTestId('preview-cost')).toContainText('1 request,');
  expect(s3Proxy.count('GetObject')).toBe(1);
  const before = (await img.boundingBox())!.width;
  await ui.page.getByTestId('preview-zoom-in').click();
  await ui.page.getByTestId('preview-zoom-in').click();
  await expect(ui.page.getByTestId('preview-zoom')).toHaveText('156%');
  await expect.poll(async () => (await img.boundingBox())!.width).toBeGreaterThan(before);
  await closePreview(ui);

  await preview(ui, 'a/doc.pdf');
  await expect(ui.page.getByTestId('preview-pdf-page')).toHaveText('Page 1 of 2');
  // pdf.js drew the page: the canvas holds dark text pixels on white.
  const inked = () =>
    ui.page.getByTestId('preview-pdf-canvas').evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] as number) < 100 && (data[i + 3] as number) > 200) dark++;
      return dark;
    });
  await expect.poll(inked).toBeGreaterThan(50);
  await ui.page.getByRole('button', { name: 'Next page' }).click();
  await expect(ui.page.getByTestId('preview-pdf-page')).toHaveText('Page 2 of 2');
  await closePreview(ui);

  await preview(ui, 'a/app.ts');
  await expect(ui.page.getByTestId('preview-code').locator('.hljs-keyword').first()).toHaveText('export');
  await expect(ui.page.getByTestId('preview-code')).toContainText('return "hi";');
  await expect(ui.page.getByTestId('preview-text').locator('.pv-lines')).toHaveText(/^1\s+2\s+3\s+4\s+5\s*$/);
  await closePreview(ui);

  await preview(ui, 'a/notes.md');
  await expect(ui.page.getByTestId('preview-markdown').getByRole('heading', { level: 1 })).toHaveText('Release notes');
  await expect(ui.page.getByTestId('preview-markdown').locator('li strong')).toHaveText('fast');
});

test('audio and video play from the media scheme with ranged reads', async ({ app, lane, s3Proxy }) => {
  const webm = await makeWebm(app);
  expect(webm.length).toBeGreaterThan(100);
  await lane.seed(BUCKET, [
    ['m/tone.wav', makeWav()],
    ['m/clip.webm', webm],
  ]);
  const ui = await openFolder(app, `s3://${BUCKET}/m/`);

  s3Proxy.reset();
  await preview(ui, 'm/tone.wav');
  const audio = ui.page.getByTestId('preview-audio');
  await expect(audio).toHaveAttribute('src', /^s3desk-media:\/\/media\//);
  await expect.poll(() => audio.evaluate((el: HTMLMediaElement) => Math.round(el.duration * 10) / 10)).toBe(1);
  await audio.evaluate((el: HTMLMediaElement) => {
    el.muted = true;
    return el.play();
  });
  await expect.poll(() => audio.evaluate((el: HTMLMediaElement) => el.currentTime)).toBeGreaterThan(0);
  // Every GET the player caused was a ranged one (no whole download).
  expect(s3Proxy.count('GetObject')).toBeGreaterThan(0);
  expect(s3Proxy.log.filter((r) => r.operation === 'GetObject').every((r) => r.range?.startsWith('bytes='))).toBe(true);
  await closePreview(ui);

  await preview(ui, 'm/clip.webm');
  const video = ui.page.getByTestId('preview-video');
  await expect.poll(() => video.evaluate((el: HTMLVideoElement) => [el.videoWidth, el.videoHeight])).toEqual([64, 48]);
  await video.evaluate((el: HTMLVideoElement) => {
    el.muted = true;
    return el.play();
  });
  await expect.poll(() => video.evaluate((el: HTMLVideoElement) => el.currentTime)).toBeGreaterThan(0);
  await expect(ui.page.getByTestId('preview-media-error')).toHaveCount(0);
});

test('CSV, JSON Lines, Parquet, gzip text and ZIP listings; arrow keys move through the folder', async ({ app, lane, s3Proxy }) => {
  await lane.seed(BUCKET, [
    ['d/1-people.csv', 'name,age,joined\nada,36,2020-01-02\nbob,41,2021-03-04\n'],
    ['d/2-events.jsonl', '{"id":1,"ok":true}\n{"id":2,"ok":false}\n{"id":3,"ok":true}\n'],
    ['d/3-cities.parquet', PARQUET],
    ['d/4-app.log.gz', gzipSync('first line\nsecond line\n')],
    ['d/5-bundle.zip', makeZip({ 'readme.txt': 'hello', 'docs/guide.md': '# guide' })],
    ['d/sub/', ''],
  ]);
  const ui = await openFolder(app, `s3://${BUCKET}/d/`);

  await preview(ui, 'd/1-people.csv');
  await expect(ui.page.getByTestId('preview-column')).toHaveText(['name text', 'age integer', 'joined date']);
  await expect(ui.page.getByTestId('preview-row')).toHaveCount(2);
  await expect(ui.page.getByTestId('preview-row').first()).toContainText('ada');

  // → moves to the next file of the table (selected as shown), ← back.
  await ui.page.keyboard.press('ArrowRight');
  await expect(ui.page.getByTestId('preview-name')).toHaveText('2-events.jsonl');
  await expect(ui.row('d/2-events.jsonl')).toHaveAttribute('aria-selected', 'true');
  await expect(ui.page.getByTestId('preview-column')).toHaveText(['id integer', 'ok boolean']);
  await expect(ui.page.getByTestId('preview-row')).toHaveCount(3);

  s3Proxy.reset();
  await ui.page.keyboard.press('ArrowRight');
  await expect(ui.page.getByTestId('preview-name')).toHaveText('3-cities.parquet');
  await expect(ui.page.getByTestId('preview-parquet-summary')).toContainText('250 rows in 3 row groups · 2 columns');
  await expect(ui.page.getByTestId('preview-parquet-row')).toHaveCount(100);
  await expect(ui.page.getByTestId('preview-parquet-row').nth(42)).toHaveText('42city 42');
  await expect(ui.page.getByTestId('preview-cost')).toContainText(`${s3Proxy.count('GetObject')} request`);

  await ui.page.keyboard.press('ArrowRight');
  await expect(ui.page.getByTestId('preview-name')).toHaveText('4-app.log.gz');
  await expect(ui.page.getByTestId('preview-code')).toHaveText('first line\nsecond line\n');

  await ui.page.keyboard.press('ArrowRight');
  await expect(ui.page.getByTestId('preview-name')).toHaveText('5-bundle.zip');
  // In the archive's own order (Info-ZIP's), folder entries included.
  await expect(ui.page.getByTestId('preview-zip-entry')).toHaveCount(3);
  expect((await ui.page.getByTestId('preview-zip-entry').locator('td:first-child').allTextContents()).sort()).toEqual(['docs/', 'docs/guide.md', 'readme.txt']);
  // The last file: → stays (the folder row sorts first and is skipped anyway).
  await ui.page.keyboard.press('ArrowRight');
  await expect(ui.page.getByTestId('preview-name')).toHaveText('5-bundle.zip');
  await ui.page.keyboard.press('ArrowLeft');
  await expect(ui.page.getByTestId('preview-name')).toHaveText('4-app.log.gz');
});

test('hostile HTML and SVG never run a script or reach the network', async ({ app, lane }) => {
  const beacon = await startBeacon();
  try {
    const attack = (tag: string) =>
      `<script>window.top.__pwned = '${tag} script'</script><img src="${beacon.url}/${tag}-img" onerror="window.top.__pwned='${tag} onerror'">`;
    await lane.seed(BUCKET, [
      ['h/page.html', `<!doctype html><html><body onload="window.top.__pwned='html onload'">${attack('html')}<iframe src="${beacon.url}/frame"></iframe></body></html>`],
      [
        'h/logo.svg',
        `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="20" height="10" onload="window.top.__pwned='svg onload'">` +
          `<script>window.top.__pwned = 'svg script'</script><image href="${beacon.url}/svg-image" width="5" height="5"/>` +
          `<rect width="20" height="10" fill="blue"/></svg>`,
      ],
      ['h/notes.md', `# Notes\n\n${attack('md')}\n\n<a href="javascript:window.top.__pwned='md link'">link</a>\n`],
    ]);
    const ui = await openFolder(app, `s3://${BUCKET}/h/`);

    await preview(ui, 'h/page.html');
    // Shown as its source, never rendered.
    await expect(ui.page.getByTestId('preview-code')).toContainText('<script>window.top.__pwned');
    await expect(ui.page.locator('[data-testid="preview"] iframe')).toHaveCount(0);
    await closePreview(ui);

    await preview(ui, 'h/logo.svg');
    await expect.poll(() => ui.page.getByTestId('preview-svg').evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(20);
    await closePreview(ui);

    await preview(ui, 'h/notes.md');
    await expect(ui.page.getByTestId('preview-markdown').getByRole('heading', { name: 'Notes' })).toBeVisible();
    await expect(ui.page.getByTestId('preview-markdown').locator('script, [onerror]')).toHaveCount(0);
    await expect(ui.page.getByTestId('preview-markdown').locator('a[href^="javascript:"]')).toHaveCount(0);

    expect(await app.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null)).toBeNull();
    expect(beacon.hits).toEqual([]);
  } finally {
    await new Promise((resolve) => beacon.server.close(resolve));
  }
});

test('malformed files say what is wrong, and the pane moves on to the next file', async ({ app, lane }) => {
  await lane.seed(BUCKET, [
    ['bad/1-doc.pdf', '%PDF-1.4\nthis is not a PDF body\n'],
    ['bad/2-table.parquet', Buffer.concat([PARQUET.subarray(0, 200), Buffer.from('PAR1')])],
    ['bad/3-bundle.zip', Buffer.from('PK\u0003\u0004 a torn archive')],
    ['bad/4-app.log.gz', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xfe, 0xfd])],
    ['bad/5-rows.jsonl', '{"id":1}\n{"id": oops}\n'],
    ['bad/6-fine.txt', 'still fine\n'],
  ]);
  const ui = await openFolder(app, `s3://${BUCKET}/bad/`);
  const unreadable = ui.page.getByTestId('preview-unreadable');

  await preview(ui, 'bad/1-doc.pdf');
  await expect(unreadable).toContainText('Not readable as PDF');
  for (const name of ['2-table.parquet', '3-bundle.zip', '4-app.log.gz']) {
    await ui.page.keyboard.press('ArrowRight');
    await expect(ui.page.getByTestId('preview-name')).toHaveText(name);
    // A reason a user can act on, not a blank pane or a raw stack.
    const problem = unreadable.or(ui.page.getByTestId('preview-error'));
    await expect(problem).toHaveText(/\w{4,}/);
    await expect(problem).not.toHaveText(/at \S+ \(|undefined|\[object /);
  }
  // A table with a bad line shows the good rows and names the line it could not read.
  await ui.page.keyboard.press('ArrowRight');
  await expect(ui.page.getByTestId('preview-name')).toHaveText('5-rows.jsonl');
  await expect(ui.page.getByTestId('preview-row')).toHaveCount(1);
  await expect(ui.page.getByTestId('preview-table')).toContainText('1 line not read (line 2:');
  await ui.page.keyboard.press('ArrowRight');
  await expect(ui.page.getByTestId('preview-name')).toHaveText('6-fine.txt');
  await expect(ui.page.getByTestId('preview-code')).toHaveText('still fine\n');
});

test('a stalled read can be cancelled, and a media stream cut mid-way says playback failed', async ({ app, lane, s3Proxy }) => {
  const webm = await makeWebm(app);
  await lane.seed(BUCKET, [
    ['slow/big.txt', 'line\n'.repeat(10_000)],
    ['slow/clip.webm', webm],
  ]);
  const ui = await openFolder(app, `s3://${BUCKET}/slow/`);

  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const removeHold = s3Proxy.addRule((w) => (w.operation === 'GetObject' && w.key === 'slow/big.txt' ? { kind: 'hold', until: gate } : undefined));
  try {
    await preview(ui, 'slow/big.txt');
    await expect(ui.page.getByTestId('preview-loading')).toBeVisible();
    await ui.page.getByTestId('preview-cancel').click();
    await expect(ui.page.getByTestId('preview-error')).toContainText('The preview was stopped');
    await expect(ui.page.getByTestId('preview-cancel')).toHaveCount(0);
    await expect(ui.page.getByTestId('preview-loading')).toHaveCount(0);
  } finally {
    removeHold();
    release();
  }
  await closePreview(ui);

  // Every ranged read of the clip is cut after a few bytes: the player fails and the pane says so.
  const removeCut = s3Proxy.addRule((w) => (w.operation === 'GetObject' && w.key === 'slow/clip.webm' ? { kind: 'cut', afterBytes: 40 } : undefined));
  try {
    await preview(ui, 'slow/clip.webm');
    await expect(ui.page.getByTestId('preview-media-error')).toContainText('Playback failed');
  } finally {
    removeCut();
  }
});
