import { API_GLOBAL, type RendererApi } from '../../../shared/ipc';

/** The preload's API. Only the app's entry point reads the global; everything else receives it as a parameter. */
export function getApi(): RendererApi {
  const api = (window as unknown as Record<string, RendererApi | undefined>)[API_GLOBAL];
  if (!api) throw new Error('S3 Desk API is missing: the preload did not run');
  return api;
}
