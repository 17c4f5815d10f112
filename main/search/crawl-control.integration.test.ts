/**
 * A crawl's progress and cancel, on the wire: progress counts what arrived and the requests sent; Cancel
 * while a listing is held stops the crawl (Cancelled), keeps the previous index, and sends nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcEvents } from '../../shared/ipc';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { numberedKeys } from '../../testkit/s3-server';
import { currentLane } from '../../testkit/s3-lane';

const progress: Array<IpcEvents['search:progress']> = [];
let f: CoreFixture;

beforeAll(async () => {
  f = await startCoreFixture({
    events: (channel, payload) => {
      if (channel === 'search:progress') progress.push(payload as IpcEvents['search:progress']);
    },
    search: { progressIntervalMs: 0, backoffMs: 0 },
  });
  for (const d of ['a/', 'b/', 'c/']) await f.server.seed('ctl', numberedKeys(d, 1500));
});
afterAll(() => f.close());

describe(`crawl control (${currentLane()})`, () => {
  it('reports progress per page: objects and requests only grow, and end at the totals', async () => {
    f.proxy.reset();
    const report = unwrap(await f.core.handlers['search:crawl']({ connectionId: f.connectionId, bucket: 'ctl', prefix: '', crawlId: 'p1', concurrency: 3 }));
    const mine = progress.filter((p) => p.crawlId === 'p1');
    expect(mine.length).toBeGreaterThan(3);
    for (let i = 1; i < mine.length; i++) {
      expect(mine[i]!.objects).toBeGreaterThanOrEqual(mine[i - 1]!.objects);
      expect(mine[i]!.requests).toBeGreaterThanOrEqual(mine[i - 1]!.requests);
    }
    // Three folders and the root; a folder-free folder may be split again by key range (where the order is bytes).
    expect(mine.at(-1)).toMatchObject({ objects: 4500, requests: f.proxy.count('ListObjectsV2'), ranges: report.ranges, rangesDone: report.ranges });
    expect(report).toMatchObject({ objects: 4500, denied: [] });
    expect(report.ranges).toBeGreaterThanOrEqual(4);
  });

  it('a second crawl of the same scope knows its size, so progress has an ETA; Cancel stops it and keeps the old index', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let seen!: () => void;
    const arrived = new Promise<void>((r) => (seen = r));
    let n = 0;
    f.proxy.addRule((w) => {
      if (w.operation !== 'ListObjectsV2' || ++n !== 3) return undefined;
      seen();
      return { kind: 'hold', until: held };
    });
    try {
      const crawl = f.core.handlers['search:crawl']({ connectionId: f.connectionId, bucket: 'ctl', prefix: '', crawlId: 'p2', concurrency: 1 });
      await arrived;
      expect(progress.filter((p) => p.crawlId === 'p2').some((p) => p.etaSeconds !== null)).toBe(true);
      const before = f.proxy.count('ListObjectsV2');
      expect(unwrap(await f.core.handlers['search:cancel']({ crawlId: 'p2' }))).toEqual({ cancelled: true });
      const result = await crawl;
      expect(result.ok ? 'ok' : result.error.code).toBe('Cancelled');
      release();
      expect(f.proxy.count('ListObjectsV2')).toBe(before);
      const status = unwrap(await f.core.handlers['search:status']({ connectionId: f.connectionId, bucket: 'ctl' }));
      expect(status.objects).toBe(4500);
    } finally {
      release();
      f.proxy.clearRules();
    }
  });

  it('an invalid regular expression is refused with where it goes wrong', async () => {
    const r = await f.core.handlers['search:query']({ connectionId: f.connectionId, bucket: 'ctl', prefix: '', recursive: true, mode: 'regex', pattern: 'file-(0' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'InvalidInput', message: expect.stringMatching(/invalid at character 6/) });
  });
});
