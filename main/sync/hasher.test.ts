import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { multipartEtag } from './etag';
import { createHasher } from './hasher';

const MIB = 1024 * 1024;
const hasher = createHasher();
afterAll(() => hasher.close());

describe('worker hasher', () => {
  it('computes the MD5 and the multipart ETag of a part size in one pass', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 's3desk-hash-'));
    try {
      const body = Buffer.alloc(6 * MIB + 3);
      for (let i = 0; i < body.length; i += 4096) body[i] = i % 251;
      const file = path.join(dir, 'f.bin');
      await writeFile(file, body);
      const h = await hasher.hash(file, [5 * MIB]);
      expect(h.md5).toBe(createHash('md5').update(body).digest('hex'));
      const parts = [body.subarray(0, 5 * MIB), body.subarray(5 * MIB)].map((p) => createHash('md5').update(p).digest());
      expect(h.multipart.get(5 * MIB)).toBe(multipartEtag(parts));
      expect(h.changed).toBe(false);
      expect(h.bytes).toBe(body.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects a file that cannot be read', async () => {
    await expect(hasher.hash(path.join(tmpdir(), 'no-such-file-s3desk'), [])).rejects.toThrow(/ENOENT/);
  });
});
