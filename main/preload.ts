/**
 * The preload: the renderer's only door to main. It exposes one named method per contract channel and one
 * subscription per event; never ipcRenderer itself or a generic invoke.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent, webUtils } from 'electron';
import { API_GLOBAL, API_METHODS, EVENT_SUBSCRIPTIONS, type RendererApi } from '../shared/ipc';
import type { PRELOAD_EXTRAS } from '../shared/transfers';

const api: Record<string, unknown> = {};
for (const [method, channel] of Object.entries(API_METHODS)) {
  api[method] = (request: unknown) => ipcRenderer.invoke(channel, request);
}
for (const [method, channel] of Object.entries(EVENT_SUBSCRIPTIONS)) {
  api[method] = (listener: (payload: unknown) => void) => {
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  };
}

// Not a channel: the local path of a File dropped from the OS ("" for files that have none), so drops upload
// from disk in main instead of streaming bytes through IPC.
api['getPathForFile' satisfies (typeof PRELOAD_EXTRAS)[number]] = (file: File) => webUtils.getPathForFile(file);

contextBridge.exposeInMainWorld(API_GLOBAL, Object.freeze(api as RendererApi));
