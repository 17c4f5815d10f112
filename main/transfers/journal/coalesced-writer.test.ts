import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoalescedWriter } from './coalesced-writer';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 's3desk-coalesced-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CoalescedWriter', () => {
  it('flush waits for the changes made before it, not for the ones a busy batch keeps making', async () => {
    let snapshots = 0;
    let busy = true;
    // Each write's snapshot is followed by another change, as a running batch keeps changing the journal.
    const snapshot = (): string => {
      snapshots++;
      if (busy && snapshots < 200) queueMicrotask(() => writer.schedule());
      return JSON.stringify({ n: snapshots });
    };
    const writer = new CoalescedWriter(path.join(dir, 'j.json'), snapshot, 0, false);
    writer.schedule();
    await writer.flush();
    // The change before the flush is in the first write; a flush that chased later changes would see ~200.
    expect(snapshots).toBeLessThanOrEqual(2);
    // Once the batch is quiet, flushing again leaves the writer idle with the last snapshot on disk.
    busy = false;
    await writer.flush();
    await writer.flush();
    expect(JSON.parse(await readFile(path.join(dir, 'j.json'), 'utf8'))).toEqual({ n: snapshots });
  });

  it('a flush skips the interval between writes', async () => {
    let n = 0;
    const writer = new CoalescedWriter(path.join(dir, 'j.json'), () => String(++n), 60_000, false);
    writer.schedule();
    writer.schedule(); // lands while the first write is under way: the next write waits a minute unless flushed
    await writer.flush();
    expect(await readFile(path.join(dir, 'j.json'), 'utf8')).toBe('2');
  });
});
