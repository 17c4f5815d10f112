import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { partPathFor } from './download-object';
import { appTempName, isProcessAlive, partName, sweepStaleParts, sweepStaleTempDirs } from './temp-sweep';

/** The pid of a process that has exited (so certainly not alive, unless the OS reused it at once). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 's3desk-sweep-test-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('sweepStaleTempDirs', () => {
  it('removes the temp folders of processes that are gone, with their contents, and nothing else', async () => {
    const dead = await deadPid();
    expect(isProcessAlive(dead)).toBe(false);
    const stale = appTempName(dead, 'a1b2c3d4');
    await mkdir(path.join(root, stale, 'drag', 'x'), { recursive: true });
    await writeFile(path.join(root, stale, 'drag', 'x', 'big.bin'), 'staged');
    const mine = appTempName(process.pid, '0badcafe');
    const alive = appTempName(process.ppid, 'deadbeef');
    const others = ['s3desk-e2e-dl-123', 's3desk-bench-x', 's3desk-42-notahex!', 'unrelated'];
    for (const name of [mine, alive, ...others]) await mkdir(path.join(root, name));
    await writeFile(path.join(root, appTempName(dead, 'ffffffff')), 'a file, not a folder');

    expect(await sweepStaleTempDirs(root)).toEqual([stale]);
    expect((await readdir(root)).sort()).toEqual([mine, alive, ...others, appTempName(dead, 'ffffffff')].sort());
  });

  it('asks about every candidate pid but its own', async () => {
    await mkdir(path.join(root, appTempName(111111, '00000000')));
    await mkdir(path.join(root, appTempName(process.pid, '11111111')));
    const asked: number[] = [];
    await sweepStaleTempDirs(root, (pid) => (asked.push(pid), true));
    expect(asked).toEqual([111111]);
    expect(await readdir(root)).toHaveLength(2);
  });

  it('is quiet when the folder does not exist', async () => {
    expect(await sweepStaleTempDirs(path.join(root, 'missing'))).toEqual([]);
  });
});

describe('sweepStaleParts', () => {
  it("removes part files of processes that are gone, never the user's files or a live download's part", async () => {
    const dead = await deadPid();
    const stale = [partName(dead, 'a1b2c3d4', 0), partName(dead, 'a1b2c3d4', 1234567)];
    // The name a download in this process would use right now.
    const live = path.basename(partPathFor(path.join(root, 'movie.mkv')));
    const users = ['movie.mkv', '.s3desk-notes.part', 'x.part', `.s3desk-${dead}-a1b2c3d4-1.part.txt`];
    for (const name of [...stale, live, ...users]) await writeFile(path.join(root, name), 'x');
    await mkdir(path.join(root, partName(dead, 'ffffffff', 2))); // a folder by that name is not ours

    expect((await sweepStaleParts(root)).sort()).toEqual(stale.sort());
    expect((await readdir(root)).sort()).toEqual([live, ...users, partName(dead, 'ffffffff', 2)].sort());
  });

  it('keeps the part files and sidecars the journal holds, and sweeps orphaned sidecars', async () => {
    const dead = await deadPid();
    const journaled = partName(dead, 'a1b2c3d4', 7);
    const orphan = partName(dead, 'a1b2c3d4', 8);
    // Half-written sidecars: one by a dead writer, one by this process (resuming the dead one's part file).
    const deadTemp = `.${journaled}.ranges.${dead}.tmp`;
    const liveTemp = `.${journaled}.ranges.${process.pid}.tmp`;
    const names = [journaled, `${journaled}.ranges`, orphan, `${orphan}.ranges`, deadTemp, liveTemp];
    for (const name of names) await writeFile(path.join(root, name), 'x');
    const keep = new Set([path.join(root, journaled), path.join(root, `${journaled}.ranges`)]);
    expect((await sweepStaleParts(root, undefined, keep)).sort()).toEqual([orphan, `${orphan}.ranges`, deadTemp].sort());
    expect((await readdir(root)).sort()).toEqual([journaled, `${journaled}.ranges`, liveTemp].sort());
  });

  it('recognises the part files downloads make', async () => {
    const made = path.basename(partPathFor(path.join(root, 'a.bin')));
    await writeFile(path.join(root, made), 'x');
    expect(await sweepStaleParts(root, () => false)).toEqual([]); // its pid is this process
    expect(made.startsWith(`.s3desk-${process.pid}-`)).toBe(true);
  });
});

