/** Text and gzip previews through the core's handlers against a real server, costs counted at the proxy. */
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GZIP_READ_SLACK, TEXT_PREVIEW_BYTES } from '../../shared/preview';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';

let f: CoreFixture;
const BUCKET = 'text-bucket';
// Lines of varied text with multi-byte characters, so a step boundary falls inside one somewhere.
const LINES = Array.from({ length: 40_000 }, (_, i) => `line ${i} — ünïcødé ${(i * 7919) % 100_003}`).join('\n');
const PLAIN = Buffer.from(LINES);
// Random printable bytes compress poorly (about 0.8×): the worst case for the bounded compressed read.
const NOISE = Buffer.from(randomBytes(12 * 1024 * 1024).map((b) => 32 + (b % 90)));
let big: Buffer;

beforeAll(async () => {
  big = gzipSync(NOISE, { level: 1 });
  f = await startCoreFixture();
  await f.server.seed(BUCKET, [
    ['log.txt', PLAIN],
    ['log.txt.gz', gzipSync(PLAIN)],
    ['noise.txt.gz', big],
    ['cut.txt.gz', gzipSync(PLAIN).subarray(0, 20_000)],
    ['not.gz', Buffer.from('plain text, not gzip at all')],
    ['empty.txt', Buffer.alloc(0)],
  ]);
}, 120_000);
afterAll(() => f.close());

const text = (key: string, offset = 0, gzip?: boolean) =>
  f.core.handlers['preview:text']({ connectionId: f.connectionId, bucket: BUCKET, key, offset, ...(gzip ? { gzip } : {}) });

describe('text preview', () => {
  it('reads 256 KiB per step with one ranged GET each; the steps join to the exact text', async () => {
    f.proxy.reset();
    let offset = 0;
    let joined = '';
    let steps = 0;
    for (;;) {
      const chunk = unwrap(await text('log.txt', offset));
      if (chunk.kind !== 'text') throw new Error(chunk.message);
      joined += chunk.text;
      steps++;
      expect(chunk.cost.requests).toBe(1);
      expect(chunk.cost.bytes).toBeLessThanOrEqual(TEXT_PREVIEW_BYTES);
      if (!chunk.more) break;
      offset = chunk.next;
    }
    expect(joined).toBe(LINES);
    expect(steps).toBe(Math.ceil(PLAIN.length / TEXT_PREVIEW_BYTES));
    expect(f.proxy.count('GetObject')).toBe(steps);
    expect(f.proxy.count()).toBe(steps);
  });

  it('shows an empty object as empty text', async () => {
    const chunk = unwrap(await text('empty.txt'));
    expect(chunk).toMatchObject({ kind: 'text', text: '', more: false, size: 0 });
  });
});

describe('gzip preview', () => {
  it('decompresses in main from one bounded GET and shows the exact start of the text', async () => {
    f.proxy.reset();
    const chunk = unwrap(await text('log.txt.gz', 0, true));
    if (chunk.kind !== 'text') throw new Error(chunk.message);
    expect(LINES.startsWith(chunk.text)).toBe(true);
    expect(chunk.text.length).toBeGreaterThan(TEXT_PREVIEW_BYTES / 2);
    expect(chunk.more).toBe(true);
    expect(f.proxy.count('GetObject')).toBe(1);
    const next = unwrap(await text('log.txt.gz', chunk.next, true));
    if (next.kind !== 'text') throw new Error(next.message);
    expect(LINES.startsWith(chunk.text + next.text)).toBe(true);
  });

  it('never reads more than the bounded prefix of a large gzip', async () => {
    f.proxy.reset();
    const chunk = unwrap(await text('noise.txt.gz', 0, true));
    if (chunk.kind !== 'text') throw new Error(chunk.message);
    expect(chunk.text).toBe(NOISE.subarray(0, chunk.text.length).toString('latin1'));
    expect(chunk.more).toBe(true);
    const wire = f.proxy.log.reduce((s, r) => s + r.bytesOut, 0);
    expect(big.length).toBeGreaterThan(8 * 1024 * 1024);
    expect(chunk.text.length).toBe(TEXT_PREVIEW_BYTES);
    expect(chunk.cost).toEqual({ requests: 1, bytes: TEXT_PREVIEW_BYTES + GZIP_READ_SLACK });
    expect(wire).toBeLessThanOrEqual(TEXT_PREVIEW_BYTES + GZIP_READ_SLACK + 4096);
  });

  it('shows what a truncated gzip inflated, and says where it stopped', async () => {
    const chunk = unwrap(await text('cut.txt.gz', 0, true));
    if (chunk.kind !== 'text') throw new Error(chunk.message);
    expect(chunk.more).toBe(false);
    expect(chunk.text).toContain('[decompression stopped: the file ends before the gzip stream does (truncated)]');
    expect(LINES.startsWith(chunk.text.slice(0, chunk.text.indexOf('\n\n[decompression')))).toBe(true);
  });

  it('says a file that is not gzip is unreadable, with the reason', async () => {
    const chunk = unwrap(await text('not.gz', 0, true));
    expect(chunk.kind).toBe('unreadable');
    if (chunk.kind === 'unreadable') expect(chunk.message).toMatch(/^Not readable as gzip: /);
  });
});
