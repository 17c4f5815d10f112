/**
 * A copy across two connections (the lane server behind a second counting proxy) streams through this machine,
 * so it keeps to the transfers' download and upload bandwidth limits alike, as the transfer queue's copies do.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountingProxy } from '../../testkit/counting-proxy';
import { addProxiedConnection, type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';

const MiB = 1024 * 1024;
const MB = 1_000_000;
let f: CoreFixture;
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

describe('an operation copying across connections under a bandwidth limit', () => {
  const size = 8 * MiB;
  const rate = 4 * MB;
  // The limit lets 50 ms of the rate through ahead of time; the rest must wait for it.
  const floorMs = ((size / rate) * 1000 - 50) * 0.95;

  for (const direction of ['download', 'upload'] as const) {
    it(`keeps a copy of 8 MiB to a ${direction} limit of 4 MB/s`, async () => {
      const bucket = `ops-bw-${direction}`;
      const body = randomBytes(size);
      await f.server.seed(bucket, [['src/big.bin', body]]);
      const plan = unwrap(
        await f.core.handlers['operations:plan']({
          kind: 'copy',
          source: { connectionId: f.connectionId, bucket, keys: ['src/big.bin'] },
          target: { connectionId: farId, bucket, prefix: 'dst/' },
        }),
      );
      expect(plan.method).toBe('stream');
      unwrap(await f.core.handlers['transfers:bandwidth']({ download: null, upload: null, [direction]: rate }));
      try {
        const started = performance.now();
        const report = unwrap(await f.core.handlers['operations:run']({ planId: plan.planId }));
        expect(report.status).toBe('done');
        expect(performance.now() - started).toBeGreaterThanOrEqual(floorMs);
      } finally {
        unwrap(await f.core.handlers['transfers:bandwidth']({ download: null, upload: null }));
      }
      expect((await f.server.body(bucket, 'dst/big.bin')).equals(body)).toBe(true);
    });
  }
});
