import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SYNC_GROUPS } from '../../shared/sync';
import { SyncPairs } from './sync-pairs';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('saved sync pairs', () => {
  it('survive a restart with their last result, and can be removed', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 's3desk-pairs-'));
    const pairs = new SyncPairs(dir);
    const pair = await pairs.save({
      name: 'photos',
      left: { kind: 'local', path: path.join(dir, 'photos') },
      right: { kind: 's3', connectionId: 'c1', bucket: 'b', prefix: 'photos/' },
      mode: 'content',
    });
    const groups = Object.fromEntries(SYNC_GROUPS.map((g) => [g, { count: 1, bytes: 2 }])) as never;
    await pairs.recordResult(pair.id, 123, groups);
    const again = new SyncPairs(dir);
    expect(again.get(pair.id)).toMatchObject({ name: 'photos', last: { at: 123 } });
    expect(await again.remove(pair.id)).toBe(true);
    expect(JSON.parse(await readFile(path.join(dir, 'sync-pairs.json'), 'utf8')).pairs).toEqual([]);
  });
});
