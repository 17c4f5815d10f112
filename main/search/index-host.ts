/**
 * The main process's side of the index worker: a typed call per IndexKeeper method, answered by id. The
 * worker starts on the first call and holds the event loop open only while a call is waiting, so an idle
 * index never keeps a test or the app from exiting. Fire-and-forget calls (a crawl's pages) are sent in order
 * with the rest, so a commit after them sees every page.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isErrorCode } from '../../shared/errors';
import { codedError } from '../core/app-error';
import type { IndexKeeper } from './index-keeper';
import type { WorkerCall, WorkerReply } from './index-worker';

type Ops = {
  [K in keyof IndexKeeper]: IndexKeeper[K] extends (...args: infer A) => infer R ? { args: A; result: Awaited<R> } : never;
};

/**
 * The worker's code: the built index-worker.js beside the main bundle, or, when main runs from its sources
 * (tests, bench, e2e), the .ts file loaded through tsx's loader registered inside the worker.
 */
function spawn(dir: string | undefined): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(join(dirname(fileURLToPath(here)), 'index-worker.js'), { workerData: { dir } });
  // The ES module build of tsx's API (its CommonJS one resolves its loader wrongly from an eval'd worker).
  const tsx = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./index-worker.ts', here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: { dir } });
}

export class IndexHost {
  private worker: Worker | null = null;
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(private readonly dir: string | undefined) {}

  private started(): Worker {
    if (this.worker) return this.worker;
    const w = spawn(this.dir);
    w.unref();
    w.on('message', (reply: WorkerReply) => {
      const wait = this.waiting.get(reply.id);
      if (!wait) return;
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) w.unref();
      if (reply.ok) wait.resolve(reply.value);
      else wait.reject(reply.code !== null && isErrorCode(reply.code) ? codedError(reply.code, reply.message) : new Error(reply.message));
    });
    const failAll = (error: Error) => {
      if (this.worker === w) this.worker = null;
      for (const wait of this.waiting.values()) wait.reject(error);
      this.waiting.clear();
    };
    w.on('error', failAll);
    w.on('exit', (code) => failAll(new Error(`index worker exited (${code})`)));
    this.worker = w;
    return w;
  }

  call<K extends keyof Ops>(op: K, ...args: Ops[K]['args']): Promise<Ops[K]['result']> {
    const w = this.started();
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.ref();
      w.postMessage({ id, op, args } satisfies WorkerCall);
    });
  }

  /** A call with no answer (errors are dropped; the commit that follows reports a missing build). */
  send<K extends keyof Ops>(op: K, ...args: Ops[K]['args']): void {
    this.started().postMessage({ id: -1, op, args } satisfies WorkerCall);
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
