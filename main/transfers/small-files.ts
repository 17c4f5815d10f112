/**
 * Whole-file I/O for small files on one worker thread, as plain blocking calls there: downloads that are
 * complete in memory are written (create the part file exclusively, write, close, rename into place), and
 * files to upload in one PutObject are read (open, size, read, close).
 *
 * Why: through fs.promises each of those steps is a threadpool round trip (four per file), each a cross-thread
 * wake-up. Measured on this project's 2-core VM, the main thread spent ~40 µs per round trip, ~160 µs per file,
 * more than the HTTP request itself; a thousand small files were bound by it. One message per turn of the
 * event loop replaces them (the calls made in it, batched), and while the worker is busy, messages queue
 * without wake-ups. One thread also keeps creates in a folder from contending for its lock (kernel CPU that
 * grew with the number of threads creating at once).
 *
 * The worker's code is a plain script evaluated by worker_threads (no bundler entry, no TypeScript loader),
 * so the app, the tests and the benchmarks all run the same code.
 */
import { Worker } from 'node:worker_threads';

export interface SmallFiles {
  /**
   * Create `part` exclusively (making its folder if missing), write `data`, close, rename to `final`. On
   * failure the part file is removed. `data` is handed over (its memory moves to the worker): do not reuse it.
   * `replaceStale`: a `part` that already exists is a crashed attempt's leftover (a journaled download's part
   * path is its own): remove it and create it again, instead of failing with EEXIST.
   * `md5`: the hex MD5 `data` must have, checked here first (hashing on the worker keeps ~30 µs per 16 KiB
   * off the main thread); on a mismatch nothing is written and the answer names the MD5 found.
   */
  writeNew(part: string, final: string, data: Buffer, options?: { readonly replaceStale?: boolean; readonly md5?: string }): Promise<{ readonly md5Mismatch?: string }>;
  /** The file's current size, and its bytes when it is at most `limit` bytes (else only the size). */
  readSmall(file: string, limit: number): Promise<{ size: number; data: Buffer | null }>;
  /** Start the worker now (it takes ~40 ms), e.g. while a batch is still being planned. */
  warm(): void;
  /** Stop the worker (pending calls fail). */
  close(): Promise<void>;
}

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

function create(part, replaceStale) {
  try {
    return fs.openSync(part, 'wx');
  } catch (error) {
    if (error.code === 'EEXIST' && replaceStale) {
      fs.rmSync(part, { force: true });
      return fs.openSync(part, 'wx');
    }
    if (error.code !== 'ENOENT') throw error;
    fs.mkdirSync(path.dirname(part), { recursive: true });
    return fs.openSync(part, 'wx');
  }
}

function run(job) {
  let fd = -1;
  let created = false;
  try {
    const bytes = new Uint8Array(job.data, job.offset, job.length);
    if (job.md5) {
      const actual = crypto.createHash('md5').update(bytes).digest('hex');
      if (actual !== job.md5) return { id: job.id, md5Mismatch: actual };
    }
    fd = create(job.part, job.replaceStale === true);
    created = true;
    let at = 0;
    while (at < bytes.length) at += fs.writeSync(fd, bytes, at, bytes.length - at);
    fs.closeSync(fd);
    fd = -1;
    fs.renameSync(job.part, job.final);
    return { id: job.id };
  } catch (error) {
    if (fd >= 0) try { fs.closeSync(fd); } catch {}
    if (created) try { fs.unlinkSync(job.part); } catch {}
    return { id: job.id, error: { code: error.code, message: error.message, syscall: error.syscall, path: error.path, dest: error.dest } };
  }
}

function read(job) {
  let fd = -1;
  try {
    fd = fs.openSync(job.file, 'r');
    const size = fs.fstatSync(fd).size;
    if (size > job.limit) return [{ id: job.id, size }];
    const bytes = new Uint8Array(size);
    let at = 0;
    for (let n = 1; at < size && n > 0; at += n) n = fs.readSync(fd, bytes, at, size - at, at);
    // A file that shrank meanwhile answers fewer bytes than its size: the caller refuses it.
    return [{ id: job.id, size, data: bytes.buffer, length: at }, [bytes.buffer]];
  } catch (error) {
    return [{ id: job.id, error: { code: error.code, message: error.message, syscall: error.syscall, path: error.path, dest: error.dest } }];
  } finally {
    if (fd >= 0) try { fs.closeSync(fd); } catch {}
  }
}

parentPort.on('message', (jobs) => {
  const replies = [];
  const transfer = [];
  for (const job of jobs) {
    if (job.op !== 'read') {
      replies.push(run(job));
      continue;
    }
    const [reply, moved] = read(job);
    replies.push(reply);
    if (moved) transfer.push(...moved);
  }
  parentPort.postMessage(replies, transfer);
});
`;

interface Reply {
  readonly id: number;
  readonly error?: { readonly code?: string; readonly message: string; readonly syscall?: string; readonly path?: string; readonly dest?: string };
  readonly size?: number;
  readonly data?: ArrayBuffer;
  readonly length?: number;
  readonly md5Mismatch?: string;
}

interface Pending {
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

/** Small-file I/O on its own worker thread, started on first use; it never keeps the process alive idle. */
export function createSmallFiles(): SmallFiles {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const settle = (reply: Reply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (!reply.error) return p.resolve(reply);
    // Shaped like a node:fs error (code, syscall, path, dest), so the error mapper names the path and errno.
    const { message, ...fields } = reply.error;
    const known = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    p.reject(Object.assign(new Error(message), known));
  };

  const start = (): Worker => {
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.unref();
    w.on('message', (replies: Reply[]) => {
      for (const reply of replies) settle(reply);
      if (pending.size === 0) w.unref();
    });
    w.on('error', (error) => failAll(error));
    w.on('exit', () => {
      if (worker === w) worker = null;
      failAll(new Error('the file writer stopped'));
    });
    return w;
  };

  const call = (job: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<Reply> => {
    worker ??= start();
    const w = worker;
    const id = nextId++;
    // Keep the process alive only while calls are pending (a finished transfer must not hold it open).
    if (pending.size === 0) w.ref();
    return new Promise<Reply>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      if (!outbox) {
        outbox = { jobs: [], transfer: [] };
        setImmediate(flush);
      }
      outbox.jobs.push({ ...job, id });
      outbox.transfer.push(...transfer);
    });
  };

  // Calls made in one turn of the event loop go in one message (and come back in one): each message is a
  // cross-thread wake-up, ~30 µs of the main thread's time when every 16 KiB download sent its own.
  let outbox: { jobs: Array<Record<string, unknown>>; transfer: ArrayBuffer[] } | null = null;
  const flush = () => {
    const box = outbox;
    outbox = null;
    // A worker closed meanwhile has already failed these calls.
    if (box && worker) worker.postMessage(box.jobs, box.transfer);
  };

  return {
    warm() {
      worker ??= start();
    },
    async writeNew(part, final, data, options) {
      // A Buffer may be a view into a shared pool: hand over its own ArrayBuffer only when it owns it whole.
      const owned = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer;
      const bytes = owned ? (data.buffer as ArrayBuffer) : new Uint8Array(data).buffer;
      const reply = await call({ op: 'write', part, final, data: bytes, offset: 0, length: data.byteLength, replaceStale: options?.replaceStale === true, md5: options?.md5 }, [bytes]);
      return reply.md5Mismatch !== undefined ? { md5Mismatch: reply.md5Mismatch } : {};
    },
    async readSmall(file, limit) {
      const reply = await call({ op: 'read', file, limit });
      const size = reply.size ?? 0;
      return { size, data: reply.data ? Buffer.from(reply.data, 0, reply.length ?? 0) : null };
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
