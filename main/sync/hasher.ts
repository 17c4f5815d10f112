/**
 * Local file hashing on a worker thread, so hashing a folder never blocks the main process. One pass per file
 * computes the whole-file MD5 and, for each candidate part size, the part digests a multipart ETag is made of.
 * The worker's code is a plain script evaluated by worker_threads (no bundler entry), as in small-files.ts.
 * A file that changes while it is read (size or mtime differ before and after) is reported, not trusted.
 */
import { Worker } from 'node:worker_threads';
import { multipartEtag } from './etag';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const buf = Buffer.allocUnsafe(1024 * 1024);
parentPort.on('message', (job) => {
  let fd = -1;
  try {
    fd = fs.openSync(job.path, 'r');
    const before = fs.fstatSync(fd);
    const whole = crypto.createHash('md5');
    const parts = job.partSizes.map((size) => ({ size, used: 0, hash: crypto.createHash('md5'), digests: [] }));
    let total = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      whole.update(buf.subarray(0, n));
      for (const p of parts) {
        let at = 0;
        while (at < n) {
          const take = Math.min(n - at, p.size - p.used);
          p.hash.update(buf.subarray(at, at + take));
          p.used += take;
          at += take;
          if (p.used === p.size) { p.digests.push(p.hash.digest()); p.hash = crypto.createHash('md5'); p.used = 0; }
        }
      }
    }
    for (const p of parts) if (p.used > 0) p.digests.push(p.hash.digest());
    const after = fs.statSync(job.path);
    const changed = after.size !== before.size || after.mtimeMs !== before.mtimeMs || total !== before.size;
    parentPort.postMessage({ id: job.id, md5: whole.digest('hex'), bytes: total, changed,
      parts: parts.map((p) => ({ size: p.size, digests: p.digests })) });
  } catch (e) {
    parentPort.postMessage({ id: job.id, error: String(e && e.message || e) });
  } finally {
    if (fd >= 0) try { fs.closeSync(fd); } catch {}
  }
});
`;

export interface FileHash {
  readonly md5: string;
  /** Part size → the multipart ETag a file uploaded with that part size would have. */
  readonly multipart: ReadonlyMap<number, string>;
  readonly bytes: number;
  /** The file changed while it was read: the hash describes no version of it. */
  readonly changed: boolean;
}

interface Reply {
  readonly id: number;
  readonly md5?: string;
  readonly bytes?: number;
  readonly changed?: boolean;
  readonly parts?: readonly { size: number; digests: Uint8Array[] }[];
  readonly error?: string;
}

export interface Hasher {
  hash(path: string, partSizes: readonly number[]): Promise<FileHash>;
  /** Wall time spent with at least one file hashing, in ms. */
  busyMs(): number;
  close(): Promise<void>;
}

export function createHasher(): Hasher {
  let worker: Worker | null = null;
  let nextId = 0;
  let busy = 0;
  let busySince = 0;
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();

  const start = (): Worker => {
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.on('message', (reply: Reply) => {
      const p = pending.get(reply.id);
      if (!p) return;
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
    async hash(path, partSizes) {
      worker ??= start();
      const w = worker;
      const id = nextId++;
      if (pending.size === 0) {
        busySince = performance.now();
        w.ref();
      }
      const reply = await new Promise<Reply>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, path, partSizes: [...partSizes] });
      });
      const multipart = new Map<number, string>();
      for (const p of reply.parts ?? []) multipart.set(p.size, multipartEtag(p.digests.map((d) => Buffer.from(d))));
      return { md5: reply.md5 ?? '', multipart, bytes: reply.bytes ?? 0, changed: reply.changed ?? false };
    },
    busyMs: () => busy + (pending.size > 0 ? performance.now() - busySince : 0),
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
