/**
 * The Playwright fixture every renderer spec builds on. Per test: a fresh fauxqs S3 server, a counting proxy
 * in front of it, the real core (createCore) in the test process, the real built renderer (out/renderer)
 * served with the app's CSP, and Debian's Chromium with `window.s3desk` bridged to the core. Only Electron's
 * process boundary is simulated (see preload-bridge.ts).
 *
 *   import { expect, test } from '../testkit/app-fixture';
 *   test('…', async ({ app, s3, s3Proxy, connection }) => { … });
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import { type Core, createCore, type HandlerOptions } from '../main/core/create-core';
import { CONTENT_SECURITY_POLICY } from '../main/security';
import type { Result } from '../shared/errors';
import type { API_METHODS, ApiMethod, ConnectionInput, RequestOf, ResponseOf } from '../shared/ipc';
import type { ConnectionSummary } from '../shared/types';
import { unwrap } from './core-fixture';
import { type CountingProxy, startCountingProxy } from './counting-proxy';
import { BridgeEvents, installBridge } from './preload-bridge';
import { startS3Server, TEST_CREDENTIALS, type TestS3Server } from './s3-server';
import { startStaticServer } from './static-server';

export { expect };

export const RENDERER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'renderer');

export interface AppOptions {
  /** Options for createCore (cache bounds, an injected clock); `events` is always the bridge's. */
  readonly coreOptions: Omit<HandlerOptions, 'events'>;
  /** What the `connection` fixture adds; its endpoint is always the counting proxy. */
  readonly connectionInput: Omit<ConnectionInput, 'endpoint'>;
  /** Uncaught exceptions in the page fail the test unless a spec expects them. */
  readonly allowPageErrors: boolean;
}

export interface AppFixtures {
  /** fauxqs on 127.0.0.1: `seed()` objects straight into the store, `keys()` for what a bucket really holds. */
  readonly s3: TestS3Server;
  /** Between the core and fauxqs: counts S3 requests by operation on the wire; rules deny, throttle, delay.
   *  (Not `proxy`: that name is Playwright's browser proxy option.) */
  readonly s3Proxy: CountingProxy;
  /** Core events as delivered to the page (also logged for assertions). */
  readonly bridgeEvents: BridgeEvents;
  /** The real main-process core, called by the page through the bridge. */
  readonly core: Core;
  /** A connection to `s3` through `s3Proxy`, already added to the core. */
  readonly connection: ConnectionSummary;
  /** http://127.0.0.1:<port>/ serving out/renderer with the app's CSP header. */
  readonly appUrl: string;
  /** Uncaught page errors seen so far. */
  readonly pageErrors: Error[];
  /** The page with the app loaded (after `connection` was added) and rendered. */
  readonly app: Page;
}

export const test = base.extend<AppOptions & AppFixtures>({
  coreOptions: [{}, { option: true }],
  connectionInput: [
    { name: 'Local fauxqs', region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS },
    { option: true },
  ],
  allowPageErrors: [false, { option: true }],

  s3: async ({}, use) => {
    const server = await startS3Server();
    await use(server);
    await server.close();
  },
  s3Proxy: async ({ s3 }, use) => {
    const proxy = await startCountingProxy(s3.url);
    await use(proxy);
    await proxy.close();
  },
  bridgeEvents: async ({}, use) => {
    await use(new BridgeEvents());
  },
  core: async ({ coreOptions, bridgeEvents }, use) => {
    const core = createCore({ ...coreOptions, events: bridgeEvents.sink });
    await use(core);
    await core.dispose();
  },
  connection: async ({ core, s3Proxy, connectionInput }, use) => {
    await use(unwrap(await core.handlers['connections:add']({ ...connectionInput, endpoint: s3Proxy.url })));
  },
  appUrl: async ({}, use) => {
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
      throw new Error(`${RENDERER_DIR}/index.html is missing: run \`npm run build\` before the e2e suite`);
    }
    const server = await startStaticServer(RENDERER_DIR, { 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
    await use(server.url);
    await server.close();
  },
  pageErrors: async ({}, use) => {
    await use([]);
  },
  page: async ({ page, core, bridgeEvents, pageErrors, allowPageErrors }, use) => {
    page.on('pageerror', (error) => pageErrors.push(error));
    await installBridge(page, core, bridgeEvents);
    await use(page);
    await bridgeEvents.flush();
    if (!allowPageErrors && pageErrors.length > 0) {
      throw new Error(`uncaught error(s) in the page:\n${pageErrors.map((e) => e.stack ?? e.message).join('\n')}`);
    }
  },
  app: async ({ page, appUrl, connection }, use) => {
    void connection; // requested so the app starts with a saved connection
    await page.goto(appUrl);
    await expect(page.getByTestId('app')).toBeVisible();
    await use(page);
  },
});

/**
 * Call a preload method from inside the page, exactly as renderer code would (`window.s3desk[method](request)`),
 * for specs that need to check the bridge itself or prepare state the UI cannot reach yet.
 */
export function callFromPage<M extends ApiMethod>(
  page: Page,
  method: M,
  request: RequestOf<(typeof API_METHODS)[M]>,
): Promise<Result<ResponseOf<(typeof API_METHODS)[M]>>> {
  return page.evaluate(
    ([m, r]) => (globalThis as unknown as { s3desk: Record<string, (request: unknown) => Promise<never>> }).s3desk[m]!(r),
    [method, request] as const,
  );
}
