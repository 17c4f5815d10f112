/**
 * Local file hashing on a worker thread, so hashing a folder never blocks the main process. One pass per file
 * computes the whole-file MD5, for each candidate part size the part digests a multipart ETag is made of, and
 * any stored-checksum algorithm a rule asked for (CRC32, CRC32C, CRC64NVME, SHA-1, SHA-256), whole-object or
 * composite (the checksum of the parts' checksums, as S3 stores it for multipart uploads).
 * The worker's code is a plain script evaluated by worker_threads (no bundler entry), as in small-files.ts.
 * A file that changes while it is read (size or mtime differ before and after) is reported, not trusted.
 */
import { Worker } from 'node:worker_threads';
import type { ChecksumAlgorithmName } from '../../shared/sync';
import { multipartEtag } from './etag';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const zlib = require('node:zlib');
const buf = Buffer.allocUnsafe(1024 * 1024);

// Reflected CRC tables. CRC64 is kept as two 32-bit halves: BigInt per byte would be far too slow.
const crc32cTable = new Uint32Array(256);
const crc32Table = new Uint32Array(256);
const c64lo = new Uint32Array(256);
const c64hi = new Uint32Array(256);
for (let i = 0; i < 256; i++) {
  let c = i, d = i;
  for (let k = 0; k < 8; k++) {
    c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    d = d & 1 ? (d >>> 1) ^ 0xedb88320 : d >>> 1;
  }
  crc32cTable[i] = c >>> 0;
  crc32Table[i] = d >>> 0;
  let lo = i, hi = 0;
  for (let k = 0; k < 8; k++) {
    const bit = lo & 1;
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
    hi = hi >>> 1;
    if (bit) { lo = (lo ^ 0xac4bc9b5) >>> 0; hi = (hi ^ 0x9a6c9329) >>> 0; }
  }
  c64lo[i] = lo;
  c64hi[i] = hi;
}
const be32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32BE(n >>> 0); return b; };
function crc32With(table) {
  let c = 0xffffffff;
  return {
    update(b) { for (let i = 0; i < b.length; i++) c = table[(c ^ b[i]) & 0xff] ^ (c >>> 8); },
    digest() { return be32(~c); },
  };
}
function crc32Fast() {
  // zlib.crc32 (Node 20.15+) is native; the table is the fallback.
  if (typeof zlib.crc32 !== 'function') return crc32With(crc32Table);
  let c = 0;
  return { update(b) { c = zlib.crc32(b, c); }, digest() { return be32(c); } };
}
function crc64nvme() {
  let lo = 0xffffffff, hi = 0xffffffff;
  return {
    update(b) {
      for (let i = 0; i < b.length; i++) {
        const x = (lo ^ b[i]) & 0xff;
        lo = (((lo >>> 8) | (hi << 24)) ^ c64lo[x]) >>> 0;
        hi = ((hi >>> 8) ^ c64hi[x]) >>> 0;
      }
    },
    digest() { const out = Buffer.alloc(8); out.writeUInt32BE((~hi) >>> 0, 0); out.writeUInt32BE((~lo) >>> 0, 4); return out; },
  };
}
function make(algorithm) {
  switch (algorithm) {
    case 'MD5': return crypto.createHash('md5');
    case 'SHA1': return crypto.createHash('sha1');
    case 'SHA256': return crypto.createHash('sha256');
    case 'CRC32': return crc32Fast();
    case 'CRC32C': return crc32With(crc32cTable);
    case 'CRC64NVME': return crc64nvme();
    default: throw new Error('unknown checksum algorithm ' + algorithm);
  }
}
// One accumulator per (algorithm, part size); part size 0 means the whole file.
function accumulator(algorithm, size) {
  return { algorithm, size, used: 0, state: make(algorithm), digests: [] };
}
function feed(a, chunk) {
  if (a.size === 0) { a.state.update(chunk); return; }
  let at = 0;
  while (at < chunk.length) {
    const take = Math.min(chunk.length - at, a.size - a.used);
    a.state.update(chunk.subarray(at, at + take));
    a.used += take;
    at += take;
    if (a.used === a.size) { a.digests.push(a.state.digest()); a.state = make(a.algorithm); a.used = 0; }
  }
}
function finish(a) {
  if (a.size === 0) return a.state.digest();
  if (a.used > 0) a.digests.push(a.state.digest());
  return null;
}
parentPort.on('message', (job) => {
  let fd = -1;
  try {
    fd = fs.openSync(job.path, 'r');
    const before = fs.fstatSync(fd);
    const whole = accumulator('MD5', 0);
    const parts = job.partSizes.map((size) => accumulator('MD5', size));
    const sums = job.checksums.map((c) => accumulator(c.algorithm, c.partSize));
    const all = [whole, ...parts, ...sums];
    let total = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      const chunk = buf.subarray(0, n);
      for (const a of all) feed(a, chunk);
      if (job.progress) parentPort.postMessage({ id: job.id, progress: n });
    }
    const md5 = finish(whole).toString('hex');
    for (const p of parts) finish(p);
    const checksums = sums.map((s) => {
      const full = finish(s);
      if (full) return full.toString('base64');
      const outer = make(s.algorithm);
      for (const d of s.digests) outer.update(d);
      return outer.digest().toString('base64') + '-' + s.digests.length;
    });
    const after = fs.statSync(job.path);
    const changed = after.size !== before.size || after.mtimeMs !== before.mtimeMs || total !== before.size;
    parentPort.postMessage({ id: job.id, md5, bytes: total, changed, checksums,
      parts: parts.map((p) => ({ size: p.size, digests: p.digests })) });
  } catch (e) {
    parentPort.postMessage({ id: job.id, error: String(e && e.message || e) });
  } finally {
    if (fd >= 0) try { fs.closeSync(fd); } catch {}
  }
});
`;

/** A stored-checksum value to compute: whole-file (partSize 0) or composite over parts of partSize bytes. */
export interface ChecksumSpec {
  readonly algorithm: ChecksumAlgorithmName;
  readonly partSize: number;
}

export interface HashRequest {
  /** Candidate part sizes for multipart ETags. */
  readonly partSizes: readonly number[];
  readonly checksums?: readonly ChecksumSpec[];
  /** Called with each chunk's byte count as it is read, about once per MiB (for progress). */
  readonly onBytes?: (bytes: number) => void;
}

export interface FileHash {
  readonly md5: string;
  /** Part size → the multipart ETag a file uploaded with that part size would have. */
  readonly multipart: ReadonlyMap<number, string>;
  /** One base64 value per requested checksum, composite ones ending in "-<parts>" as S3 writes them. */
  readonly checksums: readonly string[];
  readonly bytes: number;
  /** The file changed while it was read: the hash describes no version of it. */
  readonly changed: boolean;
}

interface Reply {
  readonly id: number;
  readonly progress?: number;
  readonly md5?: string;
  readonly bytes?: number;
  readonly changed?: boolean;
  readonly checksums?: readonly string[];
  readonly parts?: readonly { size: number; digests: Uint8Array[] }[];
  readonly error?: string;
}

export interface Hasher {
  hash(path: string, request: HashRequest): Promise<FileHash>;
  /** Wall time spent with at least one file hashing, in ms. */
  busyMs(): number;
  close(): Promise<void>;
}

interface Pending {
  readonly resolve: (r: Reply) => void;
  readonly reject: (e: Error) => void;
  readonly onBytes?: (bytes: number) => void;
}

export function createHasher(): Hasher {
  let worker: Worker | null = null;
  let nextId = 0;
  let busy = 0;
  let busySince = 0;
  const pending = new Map<number, Pending>();

  const start = (): Worker => {
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.on('message', (reply: Reply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      if (reply.progress !== undefined) {
        p.onBytes?.(reply.progress);
        return;
      }
      pending.delete(reply.id);
      if (pending.size === 0) {
        busy += performance.now() - busySince;
        w.unref();
      }
      if (reply.error !== undefined) p.reject(new Error(reply.error));
      else p.resolve(reply);
    });
    w.on('error', (error) => {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
    });
    return w;
  };

  return {
    async hash(path, request) {
      worker ??= start();
      const w = worker;
      const id = nextId++;
      if (pending.size === 0) {
        busySince = performance.now();
        w.ref();
      }
      const reply = await new Promise<Reply>((resolve, reject) => {
        pending.set(id, { resolve, reject, ...(request.onBytes ? { onBytes: request.onBytes } : {}) });
        w.postMessage({ id, path, partSizes: [...request.partSizes], checksums: [...(request.checksums ?? [])], progress: request.onBytes !== undefined });
      });
      const multipart = new Map<number, string>();
      for (const p of reply.parts ?? []) multipart.set(p.size, multipartEtag(p.digests.map((d) => Buffer.from(d))));
      return { md5: reply.md5 ?? '', multipart, checksums: reply.checksums ?? [], bytes: reply.bytes ?? 0, changed: reply.changed ?? false };
    },
    busyMs: () => busy + (pending.size > 0 ? performance.now() - busySince : 0),
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
