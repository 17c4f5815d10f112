/**
 * The stack the Chromium benches share: fauxqs behind the counting proxy, a real core, the built renderer
 * served with the app's CSP, and Debian Chromium. One bucket is seeded when it opens.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from '@playwright/test';
import { createCore } from '../main/core/create-core';
import { CONTENT_SECURITY_POLICY } from '../main/security';
import { CHROMIUM_ARGS, chromiumPath } from '../testkit/chromium';
import { type CountingProxy, startCountingProxy } from '../testkit/counting-proxy';
import { BridgeEvents } from '../testkit/preload-bridge';
import { startS3Server } from '../testkit/s3-server';
import { startStaticServer } from '../testkit/static-server';

const RENDERER_DIR = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'out', 'renderer');

export interface RendererStack {
  readonly core: ReturnType<typeof createCore>;
  readonly events: BridgeEvents;
  readonly proxy: CountingProxy;
  readonly browser: Browser;
  /** Where the renderer is served. */
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the stack with `bucket` seeded; the caller closes it in a `finally`. */
export async function openRendererStack(bucket: string, objects: Iterable<[string, string]>): Promise<RendererStack> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error(`${RENDERER_DIR} is missing: run \`npm run build\` first`);
  const server = await startS3Server();
  const proxy = await startCountingProxy(server.url);
  const events = new BridgeEvents();
  const core = createCore({ events: events.sink });
  const web = await startStaticServer(RENDERER_DIR, { 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
  server.seed(bucket, objects);
  return {
    core,
    events,
    proxy,
    browser,
    url: web.url,
    async close() {
      await browser.close();
      await core.dispose();
      await web.close();
      await proxy.close();
      await server.close();
    },
  };
}
