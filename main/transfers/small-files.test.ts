import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmallFiles, type SmallFiles } from './small-files';

let root: string;
let io: SmallFiles;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 's3desk-small-files-'));
  io = createSmallFiles();
});
afterAll(async () => {
  await io.close();
  await rm(root, { recursive: true, force: true });
});

describe('small files on the worker thread', () => {
  it('writes a new file through its part file, making missing folders, and leaves no part file', async () => {
    const body = randomBytes(100_000);
    const part = path.join(root, 'a', 'b', '.x.part');
    const final = path.join(root, 'a', 'b', 'x.bin');
    await io.writeNew(part, final, Buffer.from(body));
    expect((await readFile(final)).equals(body)).toBe(true);
    expect(await readdir(path.join(root, 'a', 'b'))).toEqual(['x.bin']);
  });

  it('checks the MD5 before writing: a match is written, a mismatch writes nothing and names the MD5 found', async () => {
    const body = randomBytes(16_384);
    const md5 = createHash('md5').update(body).digest('hex');
    const good = path.join(root, 'md5', 'good.bin');
    expect(await io.writeNew(path.join(root, 'md5', '.good.part'), good, Buffer.from(body), { md5 })).toEqual({});
    expect((await readFile(good)).equals(body)).toBe(true);
    const wrong = 'ffffffffffffffffffffffffffffffff';
    expect(await io.writeNew(path.join(root, 'md5', '.bad.part'), path.join(root, 'md5', 'bad.bin'), Buffer.from(body), { md5: wrong })).toEqual({ md5Mismatch: md5 });
    expect(await readdir(path.join(root, 'md5'))).toEqual(['good.bin']);
  });

  it('takes pooled Buffers without disturbing the pool others share', async () => {
    const pooled = Buffer.from('tiny'); // a view into Node's shared 8 KiB pool
    const neighbour = Buffer.from('neighbour');
    expect(pooled.buffer).toBe(neighbour.buffer);
    await io.writeNew(path.join(root, '.p.part'), path.join(root, 'pooled.txt'), pooled);
    expect(await readFile(path.join(root, 'pooled.txt'), 'utf8')).toBe('tiny');
    expect(neighbour.toString()).toBe('neighbour');
    expect(pooled.toString()).toBe('tiny');
  });

  it('never overwrites an existing part file and reports the error like node:fs', async () => {
    const part = path.join(root, '.taken.part');
    await writeFile(part, 'someone else');
    await expect(io.writeNew(part, path.join(root, 'taken.bin'), Buffer.from('mine'))).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(part, 'utf8')).toBe('someone else');
    expect((await readdir(root)).includes('taken.bin')).toBe(false);
  });

  it("replaces a crashed attempt's part file only when asked to", async () => {
    const part = path.join(root, '.stale.part');
    await writeFile(part, 'left by a crash, longer than the new body');
    await io.writeNew(part, path.join(root, 'stale.bin'), Buffer.from('fresh'), { replaceStale: true });
    expect(await readFile(path.join(root, 'stale.bin'), 'utf8')).toBe('fresh');
    expect((await readdir(root)).includes('.stale.part')).toBe(false);
  });

  it('removes its part file when the rename fails', async () => {
    const part = path.join(root, '.r.part');
    // Renaming a file onto a non-empty folder fails.
    const final = path.join(root, 'occupied');
    await mkdir(final);
    await writeFile(path.join(final, 'inside'), 'x');
    await expect(io.writeNew(part, final, Buffer.from('data'))).rejects.toHaveProperty('code');
    expect((await readdir(root)).includes('.r.part')).toBe(false);
  });

  it('reads a small file whole, and only the size of one over the limit', async () => {
    const body = randomBytes(5000);
    const file = path.join(root, 'read.bin');
    await writeFile(file, body);
    const small = await io.readSmall(file, 5000);
    expect(small.size).toBe(5000);
    expect(small.data?.equals(body)).toBe(true);
    expect(await io.readSmall(file, 4999)).toEqual({ size: 5000, data: null });
    const empty = path.join(root, 'empty');
    await writeFile(empty, '');
    expect(await io.readSmall(empty, 10)).toEqual({ size: 0, data: Buffer.alloc(0) });
    await expect(io.readSmall(path.join(root, 'missing'), 10)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('can be started ahead of use, and still answers after', async () => {
    const early = createSmallFiles();
    early.warm();
    early.warm();
    const file = path.join(root, 'warm.txt');
    await early.writeNew(path.join(root, '.warm.part'), file, Buffer.from('warm'));
    expect((await early.readSmall(file, 10)).data?.toString()).toBe('warm');
    await early.close();
  });

  it('serves many calls at once, each with its own answer', async () => {
    const bodies = Array.from({ length: 200 }, (_, i) => Buffer.from(`file ${i} `.repeat(i + 1)));
    await Promise.all(bodies.map((b, i) => io.writeNew(path.join(root, 'many', `.${i}.part`), path.join(root, 'many', `${i}.txt`), Buffer.from(b))));
    const read = await Promise.all(bodies.map((_, i) => io.readSmall(path.join(root, 'many', `${i}.txt`), 1e6)));
    read.forEach((r, i) => expect(r.data?.equals(bodies[i]!)).toBe(true));
    expect(await readdir(path.join(root, 'many'))).toHaveLength(200);
  });
});
