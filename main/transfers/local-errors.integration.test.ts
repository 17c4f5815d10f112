/**
 * A download that fails on the local disk says so: the item fails with LocalFileError, naming the path and
 * what the errno means, never as a network or server problem. Both write paths: a small object (written by
 * the small-file worker) and one fetched in parallel ranges into a part file (renamed by fs.promises).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferItem } from '../../shared/transfers';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';

const MiB = 1024 * 1024;
let f: CoreFixture;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 's3desk-local-errors-'));
  f = await startCoreFixture({
    transfers: { tempDir: path.join(root, 'app-temp'), download: { partSize: 1 * MiB, partConcurrency: 2, maxRetries: 2, retryBaseMs: 5 } },
  });
  await f.server.seed('local', [
    ['small.txt', Buffer.from('a few bytes')],
    ['big.bin', randomBytes(3 * MiB)],
  ]);
}, 60_000);
afterAll(async () => {
  await f.close();
  await rm(root, { recursive: true, force: true });
});

async function downloadOnto(key: string): Promise<{ item: TransferItem; target: string; dest: string }> {
  const dest = await mkdtemp(path.join(root, 'dest-'));
  const target = path.join(dest, key);
  // A folder where the file should land: the final rename cannot replace it (EISDIR on Linux).
  await mkdir(path.join(target, 'keep-me'), { recursive: true });
  const outcome = unwrap(
    await f.core.handlers['transfers:download']({ connectionId: f.connectionId, bucket: 'local', items: [{ key, kind: 'object' }], destination: dest, conflict: 'overwrite' }),
  );
  expect(outcome).toMatchObject({ status: 'queued', queued: 1 });
  await f.core.transfers.queue.whenIdle();
  const item = f.core.transfers.list().items.find((i) => i.key === key && i.localPath === target);
  if (!item) throw new Error(`no queue item for ${key}`);
  return { item, target, dest };
}

describe('a local file-system failure during a download', () => {
  it.each([
    ['a small object (worker write)', 'small.txt'],
    ['a ranged object (part file)', 'big.bin'],
  ])('%s onto an existing folder is reported as a local error naming the path', async (_label, key) => {
    const { item, target, dest } = await downloadOnto(key);
    expect(item.state).toBe('failed');
    expect(item.error?.code).toBe('LocalFileError');
    expect(item.error?.message).toContain(target);
    expect(item.error?.message).toContain('exists as a folder');
    expect(item.error?.message).not.toMatch(/network|server/i);
    // Nothing replaced the folder and no part file was left beside it.
    expect((await stat(path.join(target, 'keep-me'))).isDirectory()).toBe(true);
    expect((await readdir(dest)).filter((n) => n.endsWith('.part'))).toEqual([]);
  });
});
