import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartEtag } from './etag';
import { createHasher } from './hasher';

const MIB = 1024 * 1024;
const hasher = createHasher();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 's3desk-hash-'));
});
afterAll(async () => {
  await hasher.close();
  await rm(dir, { recursive: true, force: true });
});

const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
const be32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

describe('worker hasher', () => {
  it('computes the MD5 and the multipart ETag of a part size in one pass', async () => {
    const body = Buffer.alloc(6 * MIB + 3);
    for (let i = 0; i < body.length; i += 4096) body[i] = i % 251;
    const file = path.join(dir, 'f.bin');
    await writeFile(file, body);
    const h = await hasher.hash(file, { partSizes: [5 * MIB] });
    expect(h.md5).toBe(createHash('md5').update(body).digest('hex'));
    const parts = [body.subarray(0, 5 * MIB), body.subarray(5 * MIB)].map((p) => createHash('md5').update(p).digest());
    expect(h.multipart.get(5 * MIB)).toBe(multipartEtag(parts));
    expect(h.changed).toBe(false);
    expect(h.bytes).toBe(body.length);
  });

  it('computes every stored-checksum algorithm as S3 writes it (check values of "123456789")', async () => {
    const file = path.join(dir, 'check.txt');
    await writeFile(file, '123456789');
    const h = await hasher.hash(file, {
      partSizes: [],
      checksums: [
        { algorithm: 'CRC32', partSize: 0 },
        { algorithm: 'CRC32C', partSize: 0 },
        { algorithm: 'CRC64NVME', partSize: 0 },
        { algorithm: 'SHA1', partSize: 0 },
        { algorithm: 'SHA256', partSize: 0 },
      ],
    });
    expect(h.checksums).toEqual([
      b64('cbf43926'),
      b64('e3069283'),
      b64('ae8b14860a799888'),
      createHash('sha1').update('123456789').digest('base64'),
      createHash('sha256').update('123456789').digest('base64'),
    ]);
  });

  it('computes composite checksums: the checksum of the part checksums, with the part count', async () => {
    const body = Buffer.alloc(2 * MIB + 10);
    for (let i = 0; i < body.length; i += 997) body[i] = (i * 7) % 256;
    const file = path.join(dir, 'composite.bin');
    await writeFile(file, body);
    const parts = [body.subarray(0, MIB), body.subarray(MIB, 2 * MIB), body.subarray(2 * MIB)];
    const h = await hasher.hash(file, { partSizes: [], checksums: [{ algorithm: 'SHA256', partSize: MIB }, { algorithm: 'CRC32', partSize: MIB }, { algorithm: 'CRC32', partSize: 0 }] });
    const sha = createHash('sha256').update(Buffer.concat(parts.map((p) => createHash('sha256').update(p).digest()))).digest('base64');
    const crc = be32(crc32(Buffer.concat(parts.map((p) => be32(crc32(p)))))).toString('base64');
    expect(h.checksums).toEqual([`${sha}-3`, `${crc}-3`, be32(crc32(body)).toString('base64')]);
  });

  it('reports hashing progress for the bytes it reads', async () => {
    const file = path.join(dir, 'progress.bin');
    await writeFile(file, Buffer.alloc(3 * MIB + 5, 1));
    let seen = 0;
    await hasher.hash(file, { partSizes: [], onBytes: (n) => (seen += n) });
    expect(seen).toBe(3 * MIB + 5);
  });

  it('says when a file changed while it was read', async () => {
    const file = path.join(dir, 'growing.bin');
    await writeFile(file, Buffer.alloc(64 * MIB, 3));
    let settled = false;
    const hashing = hasher.hash(file, { partSizes: [] }).finally(() => (settled = true));
    // Keep appending until the hash is done, so the file changes during the read whatever the timing.
    while (!settled) await appendFile(file, 'more');
    expect((await hashing).changed).toBe(true);
  });

  it('rejects a file that cannot be read', async () => {
    await expect(hasher.hash(path.join(dir, 'no-such-file'), { partSizes: [] })).rejects.toThrow(/ENOENT/);
  });
});
