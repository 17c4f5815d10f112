/** The only main-process file that touches ipcMain: wires the headless handler map to Electron. */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { fail } from '../../shared/errors';
import type { Channel, EventSink, HandlerMap } from '../../shared/ipc';

let registered = false;

/**
 * Register every handler once. Requests from any frame other than our own top-level window are refused:
 * `isTrusted` decides (the app's own file or dev-server origin).
 */
export function registerIpc(handlers: HandlerMap, isTrusted: (event: IpcMainInvokeEvent) => boolean): void {
  if (registered) throw new Error('IPC handlers are already registered');
  registered = true;
  for (const channel of Object.keys(handlers) as Channel[]) {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    ipcMain.handle(channel, (event, request: unknown) => {
      if (!isTrusted(event)) return fail('AccessDenied', `${channel}: request from an untrusted frame`);
      return handler(request);
    });
  }
}

/** An event sink that sends to one window's renderer (events are dropped while no window exists). */
export function webContentsSink(target: () => WebContents | undefined): EventSink {
  return (channel, payload) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(channel, payload);
  };
}
