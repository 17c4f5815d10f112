/**
 * A sync between two connections (the same lane server behind two counting proxies, so the bytes stream through
 * the app as transfer-queue copies): `sync:cancel` stops the copies the run already queued — running ones end,
 * queued ones are marked cancelled, and neither proxy sees another request — and the copies keep to the
 * download and the upload bandwidth limit alike (they come in and go out through this machine).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountingProxy } from '../../testkit/counting-proxy';
import { addProxiedConnection, type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';

const MiB = 1024 * 1024;
const MB = 1_000_000;
let f: CoreFixture;
/** The target side: a second connection to the same server, through its own proxy. */
let far: CountingProxy;
let farId: string;

beforeAll(async () => {
  f = await startCoreFixture();
  ({ proxy: far, connectionId: farId } = await addProxiedConnection(f, 'far'));
});
afterAll(async () => {
  await f.close();
  await far.close();
});

const s3 = (connectionId: string, bucket: string, prefix: string) => ({ kind: 's3' as const, connectionId, bucket, prefix });

async function planCopies(bucket: string, token: string) {
  const left = s3(f.connectionId, bucket, 'src/');
  const right = s3(farId, bucket, 'dst/');
  const cmp = unwrap(await f.core.handlers['sync:compare']({ left, right, compareToken: `${token}-cmp` }));
  return { left, right, plan: unwrap(await f.core.handlers['sync:plan']({ compareId: cmp.compareId, direction: 'make-right' })) };
}

describe('sync:cancel and the copies a cross-connection run queued', () => {
  it('cancels the running copies and marks the queued ones cancelled; no copy request follows', async () => {
    const bucket = 'sync-across-cancel';
    const n = 12;
    await f.server.seed(bucket, Array.from({ length: n }, (_, i) => [`src/k${String(i).padStart(2, '0')}`, randomBytes(64 * 1024)] as [string, Buffer]));
    const { left, right, plan } = await planCopies(bucket, 'cancel');
    expect(plan.totals.copy.count).toBe(n);
    // Two copies at a time, each held on its GetObject: the other ten wait in the queue.
    f.core.transfers.setConcurrency(2, 32);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let arrived = 0;
    let bothArrived!: () => void;
    const two = new Promise<void>((r) => (bothArrived = r));
    const remove = f.proxy.addRule((w) => {
      if (w.operation !== 'GetObject' || w.bucket !== bucket) return undefined;
      if (++arrived === 2) bothArrived();
      return { kind: 'hold', until: held };
    });
    try {
      const ran = unwrap(await f.core.handlers['sync:run']({ planId: plan.planId, runToken: 'across-cancel' }));
      expect(ran).toMatchObject({ queued: n, copied: 0, cancelled: false });
      await two;
      expect(unwrap(await f.core.handlers['sync:cancel']({ token: 'across-cancel' }))).toEqual({ cancelled: true });
      // Once cancel has answered, every copy has settled: nothing it started may reach either server again.
      const items = f.core.transfers.list().items.filter((i) => i.bucket === bucket);
      expect(items).toHaveLength(n);
      expect(items.map((i) => i.state)).toEqual(Array.from({ length: n }, () => 'cancelled'));
      const before = { near: f.proxy.log.length, far: far.log.length };
      expect(f.proxy.count('GetObject')).toBe(2);
      expect(far.log.filter((w) => w.bucket === bucket && w.operation !== 'ListObjectsV2')).toEqual([]);
      release();
      // A comparison afterwards lists both sides (a barrier on both proxies) and finds nothing copied.
      const again = unwrap(await f.core.handlers['sync:compare']({ left, right }));
      expect(again.groups['left-only'].count).toBe(n);
      const after = [...f.proxy.log.slice(before.near), ...far.log.slice(before.far)].map((w) => w.operation);
      expect(after.filter((op) => op !== 'ListObjectsV2')).toEqual([]);
      expect(await f.server.keys(bucket, 'dst/')).toEqual([]);
    } finally {
      release();
      remove();
      f.core.transfers.setConcurrency(32, 32);
    }
    // Nothing is left to cancel under that token now.
    expect(unwrap(await f.core.handlers['sync:cancel']({ token: 'across-cancel' }))).toEqual({ cancelled: false });
  });
});

describe('cross-connection copies under a bandwidth limit', () => {
  const size = 8 * MiB;
  const rate = 4 * MB;
  // The bucket lets 50 ms of the rate through ahead of time; the rest must wait for it.
  const floorMs = ((size / rate) * 1000 - 50) * 0.95;

  for (const direction of ['download', 'upload'] as const) {
    it(`keeps a copy of 8 MiB to a ${direction} limit of 4 MB/s`, async () => {
      const bucket = `sync-across-${direction}`;
      const body = randomBytes(size);
      await f.server.seed(bucket, [['src/big.bin', body]]);
      const { plan } = await planCopies(bucket, direction);
      unwrap(await f.core.handlers['transfers:bandwidth']({ download: null, upload: null, [direction]: rate }));
      try {
        const started = performance.now();
        expect(unwrap(await f.core.handlers['sync:run']({ planId: plan.planId }))).toMatchObject({ queued: 1 });
        const item = f.core.transfers.list().items.find((i) => i.bucket === bucket)!;
        expect((await f.core.transfers.queue.whenSettled(item.id))?.state).toBe('done');
        const took = performance.now() - started;
        expect(took).toBeGreaterThanOrEqual(floorMs);
      } finally {
        unwrap(await f.core.handlers['transfers:bandwidth']({ download: null, upload: null }));
      }
      expect((await f.server.body(bucket, 'dst/big.bin')).equals(body)).toBe(true);
    });
  }
});
