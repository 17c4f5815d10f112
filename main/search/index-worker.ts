/**
 * The index worker's entry: one IndexKeeper, each message a method call answered by id. Built as its own
 * file beside the main bundle (electron.vite.config.ts); from source it is loaded through tsx (index-host.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CodedError } from '../core/app-error';
import { IndexKeeper } from './index-keeper';

export interface WorkerCall {
  readonly id: number;
  readonly op: string;
  readonly args: readonly unknown[];
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly code: string | null; readonly message: string };

const keeper = new IndexKeeper((workerData as { dir?: string } | null)?.dir);
const port = parentPort!;

port.on('message', (call: WorkerCall) => {
  const method = (keeper as unknown as Record<string, (...args: readonly unknown[]) => unknown>)[call.op];
  void (async () => {
    try {
      if (typeof method !== 'function') throw new Error(`index worker: no operation ${call.op}`);
      const value = await method.apply(keeper, [...call.args]);
      if (call.id >= 0) port.postMessage({ id: call.id, ok: true, value } satisfies WorkerReply);
    } catch (error) {
      const code = error instanceof CodedError ? error.appError.code : null;
      const message = error instanceof Error ? error.message : String(error);
      if (call.id >= 0) port.postMessage({ id: call.id, ok: false, code, message } satisfies WorkerReply);
    }
  })();
});
