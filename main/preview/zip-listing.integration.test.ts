/** ZIP listing against a real server; archives made by Info-ZIP's `zip` (an independent writer). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoreFixture, startCoreFixture } from '../../testkit/core-fixture';
import { makeZip } from '../../testkit/make-zip';
import { currentLane } from '../../testkit/s3-lane';
import { listZip } from './zip-listing';

let f: CoreFixture;
const BUCKET = 'zip-bucket';
let many: Buffer;
let small: Buffer;

beforeAll(async () => {
  small = makeZip({ 'readme.txt': 'hello', 'docs/ünïcødé.md': '# title\n'.repeat(100), 'data/zeros.bin': Buffer.alloc(100_000) });
  // 3000 entries: a central directory of ~250 KB, larger than the tail read.
  many = makeZip(Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`folder-${i % 7}/file-with-a-long-name-${String(i).padStart(5, '0')}.txt`, `${i}`])));
  f = await startCoreFixture();
  await f.server.seed(BUCKET, [
    ['small.zip', small],
    ['many.zip', many],
    ['truncated.zip', many.subarray(0, many.length - 30_000)],
    ['not.zip', Buffer.alloc(1000, 0x41)],
  ]);
}, 60_000);
afterAll(() => f.close());

const list = (key: string) => listZip({ client: f.core.context.clientFor(f.connectionId, BUCKET), bucket: BUCKET, key }, new AbortController().signal);

describe('ZIP listing', () => {
  it('lists a small archive with one GET on S3 and RGW: names, sizes, folders', async () => {
    f.proxy.reset();
    const z = await list('small.zip');
    if (z.kind !== 'zip') throw new Error(z.message);
    const byName = new Map(z.entries.map((e) => [e.name, e]));
    expect([...byName.keys()].sort()).toEqual(['data/', 'data/zeros.bin', 'docs/', 'docs/ünïcødé.md', 'readme.txt']);
    expect(byName.get('data/zeros.bin')).toMatchObject({ size: 100_000, folder: false });
    expect(byName.get('data/zeros.bin')!.compressedSize).toBeLessThan(1000);
    expect(byName.get('docs/')!.folder).toBe(true);
    expect(byName.get('readme.txt')!.modified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    // fauxqs answers a suffix longer than the object with 416 (S3 and RGW send the whole object): one more GET.
    expect(f.proxy.count('GetObject')).toBe(currentLane() === 'fauxqs' ? 2 : 1);
    // The cost counts the bodies of answered reads (a refusal's error text is not file bytes).
    const bodies = f.proxy.log.filter((r) => r.status < 300).reduce((s, r) => s + r.bytesOut, 0);
    expect(z.cost).toEqual({ requests: f.proxy.count(), bytes: bodies });
  });

  it('reads a large central directory with one more ranged GET, never the file data before it', async () => {
    f.proxy.reset();
    const z = await list('many.zip');
    if (z.kind !== 'zip') throw new Error(z.message);
    expect(z.entryCount).toBe(3007);
    expect(z.entries).toHaveLength(3007);
    expect(z.entries.filter((e) => !e.folder).map((e) => e.name)).toContain('folder-3/file-with-a-long-name-02999.txt');
    expect(f.proxy.count('GetObject')).toBe(2);
    const wire = f.proxy.log.reduce((s, r) => s + r.bytesOut, 0);
    expect(z.cost).toEqual({ requests: 2, bytes: wire });
    // The local headers and data (about 3000 × 100 bytes) are never read in full.
    expect(wire).toBeLessThan(many.length);
  });

  it.each(['truncated.zip', 'not.zip'])('says %s is not a readable archive', async (key) => {
    const z = await list(key);
    expect(z.kind).toBe('unreadable');
  });
});
