/**
 * Hostile keys against a local folder: keys that climb out of it, absolute or drive-letter names, NUL-free
 * control characters. Each is excluded with its reason, and a make-left run with deletes on writes nothing
 * outside the chosen folder (its parent is listed before and after).
 */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';

let f: CoreFixture;
let dir: string;
beforeAll(async () => {
  f = await startCoreFixture();
  dir = await mkdtemp(path.join(tmpdir(), 's3desk-sync-hostile-'));
});
afterAll(async () => {
  await f.close();
  await rm(dir, { recursive: true, force: true });
});

const HOSTILE = ['h/../escape.txt', 'h/a/../../escape2.txt', 'h/..', 'h/ctl\u0007.txt', 'h/a\\..\\b.txt'];

describe('hostile keys against a local folder', () => {
  it('are excluded with reasons and nothing is written outside the folder', async () => {
    await f.server.seed('sync-hostile', [['h/fine.txt', 'ok'], ['h/sub/fine2.txt', 'ok'], ...HOSTILE.map((k) => [k, 'bad'] as [string, string])]);
    const listed = (await f.server.keys('sync-hostile', 'h/')).map((k) => k.slice(2));
    const root = path.join(dir, 'chosen');
    await mkdir(root);
    const outside = await readdir(dir);
    const left = { kind: 'local' as const, path: root };
    const right = { kind: 's3' as const, connectionId: f.connectionId, bucket: 'sync-hostile', prefix: 'h/' };
    const cmp = unwrap(await f.core.handlers['sync:compare']({ left, right }));
    const excluded = cmp.rows.filter((r) => r.group === 'excluded');
    // Every hostile key the server kept as written is excluded, each with a reason naming the local-name problem.
    const kept = listed.filter((k) => k !== 'fine.txt' && k !== 'sub/fine2.txt');
    expect(kept.length).toBeGreaterThan(0);
    expect(excluded.map((r) => r.key).sort()).toEqual([...kept].sort());
    for (const r of excluded) expect(r.reason).toMatch(/^right: key cannot be a local file name/);
    const plan = unwrap(await f.core.handlers['sync:plan']({ compareId: cmp.compareId, direction: 'make-left', deleteExtras: true }));
    expect(plan.actions.map((a) => `${a.kind}:${a.key}`).sort()).toEqual(['download:fine.txt', 'download:sub/fine2.txt']);
    unwrap(await f.core.handlers['sync:run']({ planId: plan.planId }));
    await f.core.transfers.queue.whenIdle();
    expect(await readdir(dir)).toEqual(outside);
    expect((await readdir(root, { recursive: true })).sort()).toEqual(['fine.txt', 'sub', path.join('sub', 'fine2.txt')].sort());
  }, 120_000);
});
