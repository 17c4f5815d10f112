/**
 * The comparer's stored-checksum rules and its failure paths, over real files and the real worker hasher.
 * Neither test server stores checksums (fauxqs has no x-amz-checksum support, RGW 16 predates it), so the
 * S3 side here is a listing plus a reader of what S3 would answer to GetObjectAttributes.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareListings, emptyStats } from './compare';
import { createHasher } from './hasher';
import type { SideListing, SyncItem } from './listers';
import { planSync } from './planner';
import type { ChecksumReader, StoredChecksum } from './stored-checksum';

const MIB = 1024 * 1024;
const hasher = createHasher();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 's3desk-compare-'));
});
afterAll(async () => {
  await hasher.close();
  await rm(dir, { recursive: true, force: true });
});

const be32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
const sha = (b: Buffer) => createHash('sha256').update(b).digest();
const OPAQUE = '"not-an-md5-etag"';

async function localFile(name: string, body: Buffer): Promise<SyncItem> {
  const full = path.join(dir, name);
  await writeFile(full, body);
  return { key: name, size: body.length, lastModified: 1, path: full };
}

const listing = (items: SyncItem[]): SideListing => ({ items: [...items].sort((a, b) => (a.key < b.key ? -1 : 1)), problems: [] });

function reader(stored: Record<string, StoredChecksum | Error>, calls: string[]): ChecksumReader {
  return async (key) => {
    calls.push(key);
    const s = stored[key];
    if (s instanceof Error) throw s;
    return s ?? null;
  };
}

describe('stored checksums', () => {
  it('proves or disproves content where the ETag cannot, asking only for the rows that need it', async () => {
    const body = Buffer.alloc(3 * MIB + 7, 5);
    const other = Buffer.from(body);
    other[2 * MIB] = 6;
    const parts = [body.subarray(0, MIB), body.subarray(MIB, 2 * MIB), body.subarray(2 * MIB, 3 * MIB), body.subarray(3 * MIB)];
    const composite = createHash('sha256').update(Buffer.concat(parts.map(sha))).digest('base64');
    const files = await Promise.all([
      localFile('full-same.bin', body),
      localFile('full-diff.bin', other),
      localFile('composite-exact.bin', body),
      localFile('composite-exact-diff.bin', other),
      localFile('composite-inferred-diff.bin', other),
      localFile('md5.txt', Buffer.from('plain')),
      localFile('unreadable.bin', body),
      localFile('none.bin', body),
    ]);
    const object = (key: string, size: number, etag: string, withChecksum = true): SyncItem => ({
      key,
      size,
      lastModified: 1,
      etag,
      ...(withChecksum ? { checksumAlgorithm: key.startsWith('full') ? 'CRC32' : 'SHA256' } : {}),
    });
    const n = body.length;
    const right = listing([
      object('full-same.bin', n, OPAQUE),
      object('full-diff.bin', n, OPAQUE),
      object('composite-exact.bin', n, '"0123456789abcdef0123456789abcdef-4"'),
      object('composite-exact-diff.bin', n, '"0123456789abcdef0123456789abcdef-4"'),
      object('composite-inferred-diff.bin', n, '"0123456789abcdef0123456789abcdef-4"'),
      object('md5.txt', 5, `"${createHash('md5').update('plain').digest('hex')}"`),
      object('unreadable.bin', n, OPAQUE),
      object('none.bin', n, OPAQUE, false),
    ]);
    const crc = be32(crc32(body)).toString('base64');
    const calls: string[] = [];
    const read = reader(
      {
        'full-same.bin': { algorithm: 'CRC32', type: 'FULL_OBJECT', value: crc, parts: null, partSize: null },
        'full-diff.bin': { algorithm: 'CRC32', type: 'FULL_OBJECT', value: crc, parts: null, partSize: null },
        'composite-exact.bin': { algorithm: 'SHA256', type: 'COMPOSITE', value: composite, parts: 4, partSize: MIB },
        'composite-exact-diff.bin': { algorithm: 'SHA256', type: 'COMPOSITE', value: composite, parts: 4, partSize: MIB },
        'composite-inferred-diff.bin': { algorithm: 'SHA256', type: 'COMPOSITE', value: composite, parts: 4, partSize: null },
        'unreadable.bin': new Error('Access Denied'),
      },
      calls,
    );
    const stats = emptyStats();
    const out = await compareListings(listing(files), right, { mode: 'content', hasher, stats, checksums: { right: read } });
    const by = Object.fromEntries(out.rows.map((r) => [r.key, `${r.group}: ${r.reason}`]));
    expect(by).toEqual({
      'full-same.bin': 'same: same size, stored CRC32 (full object) matches',
      'full-diff.bin': "different: same size, stored CRC32 (full object) differs from the local file's",
      'composite-exact.bin': 'same: same size, stored SHA-256 (composite of 4 part checksums) matches with 1 MiB parts',
      'composite-exact-diff.bin': "different: same size, stored SHA-256 (composite of 4 part checksums) differs from the local file's (1 MiB parts, as listed)",
      'composite-inferred-diff.bin': expect.stringMatching(/^unverified: same size, content unverified: stored SHA-256 \(composite of 4 part checksums\) not matched with inferred/),
      'md5.txt': 'same: same size, MD5 matches the single-part ETag',
      'unreadable.bin': 'unverified: same size, content unverified: the ETag is not an MD5 (encrypted or server-specific); the stored checksum could not be read (Access Denied)',
      'none.bin': 'unverified: same size, content unverified: the ETag is not an MD5 (encrypted or server-specific)',
    });
    // The single-part MD5 row and the row without a checksum cost no request.
    expect(calls.sort()).toEqual(['composite-exact-diff.bin', 'composite-exact.bin', 'composite-inferred-diff.bin', 'full-diff.bin', 'full-same.bin', 'unreadable.bin']);
    expect(stats.checksumRequests).toBe(6);
    // Hashing is skipped where no rule can use it (none.bin, unreadable.bin).
    expect(out.hashing.files).toBe(6);
  });

  it('compares two S3 sides by equal stored checksums when their ETags are of different kinds', async () => {
    const left = listing([
      { key: 'a', size: 10, lastModified: 1, etag: '"0123456789abcdef0123456789abcdef"', checksumAlgorithm: 'CRC64NVME' },
      { key: 'b', size: 10, lastModified: 1, etag: '"0123456789abcdef0123456789abcdef"', checksumAlgorithm: 'CRC64NVME' },
      { key: 'c', size: 10, lastModified: 1, etag: '"0123456789abcdef0123456789abcdef"', checksumAlgorithm: 'CRC32C' },
    ]);
    const right = listing([
      { key: 'a', size: 10, lastModified: 1, etag: '"ffffffffffffffffffffffffffffffff-2"', checksumAlgorithm: 'CRC64NVME' },
      { key: 'b', size: 10, lastModified: 1, etag: '"ffffffffffffffffffffffffffffffff-2"', checksumAlgorithm: 'CRC64NVME' },
      { key: 'c', size: 10, lastModified: 1, etag: '"ffffffffffffffffffffffffffffffff-2"', checksumAlgorithm: 'SHA256' },
    ]);
    const full = (value: string): StoredChecksum => ({ algorithm: 'CRC64NVME', type: 'FULL_OBJECT', value, parts: null, partSize: null });
    const calls: string[] = [];
    const out = await compareListings(left, right, {
      mode: 'content',
      hasher,
      checksums: { left: reader({ a: full('AAAA'), b: full('AAAA') }, calls), right: reader({ a: full('AAAA'), b: full('BBBB') }, calls) },
    });
    expect(out.rows.map((r) => `${r.key} ${r.group}: ${r.reason}`)).toEqual([
      'a same: same size, same stored CRC64NVME (full object) on both sides',
      'b different: same size, stored CRC64NVME (full object) differs',
      'c unverified: same size, content unverified: the ETags are of different kinds or part sizes',
    ]);
    expect(calls).toHaveLength(4);
  });
});

describe('failures while comparing', () => {
  it('excludes a file that changes while it is hashed, and the plan leaves it out with that reason', async () => {
    const body = Buffer.alloc(64 * MIB, 9);
    const file = await localFile('growing.bin', body);
    const right = listing([{ key: 'growing.bin', size: body.length, lastModified: 1, etag: `"${createHash('md5').update(body).digest('hex')}"` }]);
    let settled = false;
    const comparing = compareListings(listing([file]), right, { mode: 'content', hasher }).finally(() => (settled = true));
    while (!settled) await appendFile(file.path ?? '', 'x');
    const out = await comparing;
    expect(out.rows).toMatchObject([{ key: 'growing.bin', group: 'excluded', reason: 'left: file changed while it was hashed; compare again' }]);
    const plan = planSync(out.rows, { left: { kind: 'local', path: dir }, right: { kind: 's3', connectionId: 'c', bucket: 'b', prefix: '' } }, 'make-right', true);
    expect(plan.actions).toEqual([]);
    expect(plan.skipped).toEqual([{ key: 'growing.bin', reason: 'left: file changed while it was hashed; compare again' }]);
  });

  it('stops when cancelled and reports the cancel, not a row', async () => {
    const files = await Promise.all(Array.from({ length: 20 }, (_, i) => localFile(`c${String(i).padStart(2, '0')}`, Buffer.alloc(MIB, i))));
    const right = listing(files.map((f) => ({ key: f.key, size: f.size, lastModified: 1, etag: '"00000000000000000000000000000000"' })));
    const controller = new AbortController();
    const stats = emptyStats();
    const comparing = compareListings(listing(files), right, { mode: 'content', hasher, stats, signal: controller.signal });
    controller.abort();
    await expect(comparing).rejects.toThrow();
    expect(stats.filesHashed).toBeLessThan(20);
  });
});
