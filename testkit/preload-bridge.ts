/**
 * Stands in for main/preload.ts + Electron IPC in the e2e suite: the page gets a `window.s3desk` of the same
 * shape (one named method per API_METHODS entry, one subscription per EVENT_SUBSCRIPTIONS entry, frozen, no
 * generic invoke), and every call runs the real core handler in the test process. Requests and responses are
 * serialized as JSON, so anything that would not survive a plain-data boundary fails here too.
 */
import type { BrowserContext, Page } from '@playwright/test';
import type { Core } from '../main/core/create-core';
import { MEDIA_SCHEME } from '../shared/preview';
import { API_GLOBAL, API_METHODS, type Channel, EVENT_SUBSCRIPTIONS, type EventChannel, type EventSink } from '../shared/ipc';

const BINDING_PREFIX = '__s3deskE2E_';
/** Where the page-side bridge keeps its event dispatcher: a registered symbol, not a named global. */
const EMIT_SYMBOL = 's3desk.e2e.emit';

/** Delivers core events (the `events` option of createCore) to the pages that joined, in order. */
export class BridgeEvents {
  readonly #pages = new Set<Page>();
  #queue: Promise<unknown> = Promise.resolve();
  /** Every event the core emitted, for specs that want to assert on them. */
  readonly log: Array<{ channel: EventChannel; payload: unknown }> = [];

  readonly sink: EventSink = (channel, payload) => {
    this.log.push({ channel, payload });
    const json = JSON.stringify(payload);
    for (const page of this.#pages) {
      this.#queue = this.#queue.then(() =>
        page
          .evaluate(
            ([symbol, ch, data]) => {
              const emit = (globalThis as Record<symbol, ((c: string, d: string) => void) | undefined>)[Symbol.for(symbol)];
              emit?.(ch, data);
            },
            [EMIT_SYMBOL, channel, json] as const,
          )
          // A page that is closing or navigating misses the event, as a reloading Electron window would.
          .catch(() => undefined),
      );
    }
  };

  join(page: Page): void {
    this.#pages.add(page);
    page.once('close', () => this.#pages.delete(page));
  }

  /** Resolves once every event emitted so far has been handed to the pages. */
  async flush(): Promise<void> {
    await this.#queue;
  }
}

interface BridgeConfig {
  readonly global: string;
  readonly methods: Readonly<Record<string, string>>;
  readonly subscriptions: Readonly<Record<string, string>>;
  readonly bindingPrefix: string;
  readonly emitSymbol: string;
}

/** Runs in the page before any of its scripts (so also before the app's bundle), like a preload. */
function pageBridge(config: BridgeConfig): void {
  type Binding = (json: string) => Promise<string>;
  const scope = globalThis as unknown as Record<string, unknown>;
  const api: Record<string, unknown> = {};
  for (const method of Object.keys(config.methods)) {
    const name = config.bindingPrefix + method;
    const binding = scope[name] as Binding | undefined;
    if (typeof binding !== 'function') throw new Error(`e2e bridge: binding ${name} is missing`);
    // Keep the page's globals as in the app: only window.s3desk.
    delete scope[name];
    api[method] = async (request: unknown) => JSON.parse(await binding(JSON.stringify(request ?? null))) as unknown;
  }
  // Electron runs the preload in the top frame only (nodeIntegrationInSubFrames is off).
  if (scope['top'] !== globalThis) return;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  for (const [method, channel] of Object.entries(config.subscriptions)) {
    api[method] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${method} needs a listener function`);
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      // Each subscription gets its own wrapper, like ipcRenderer.on with a wrapped listener.
      const wrapped = (payload: unknown) => listener(payload);
      set.add(wrapped);
      return () => void set.delete(wrapped);
    };
  }
  Object.defineProperty(globalThis, Symbol.for(config.emitSymbol), {
    value: (channel: string, json: string) => {
      for (const listener of listeners.get(channel) ?? []) listener(JSON.parse(json));
    },
  });
  // contextBridge.exposeInMainWorld makes a read-only, non-configurable global of a frozen copy.
  Object.defineProperty(globalThis, config.global, { value: Object.freeze(api), enumerable: true });
}

/**
 * Install the bridge into a page or context before it loads the app. Handlers run with exactly the request
 * the page sent (after a JSON round trip), through the core's own validation.
 */
export async function installBridge(target: Page | BrowserContext, core: Core, events?: BridgeEvents): Promise<void> {
  for (const [method, channel] of Object.entries(API_METHODS) as Array<[string, Channel]>) {
    const handler = core.handlers[channel] as (request: unknown) => Promise<unknown>;
    await target.exposeBinding(BINDING_PREFIX + method, async (_source, json: string) =>
      JSON.stringify(await handler(JSON.parse(json) as unknown)),
    );
  }
  const config: BridgeConfig = {
    global: API_GLOBAL,
    methods: API_METHODS,
    subscriptions: EVENT_SUBSCRIPTIONS,
    bindingPrefix: BINDING_PREFIX,
    emitSymbol: EMIT_SYMBOL,
  };
  await target.addInitScript(pageBridge, config);
  await serveMediaScheme(target, core.previews.mediaHandler());
  if (events) {
    if ('goto' in target) events.join(target);
    else {
      for (const page of target.pages()) events.join(page);
      target.on('page', (page) => events.join(page));
    }
  }
}

/**
 * Stands in for Electron's `protocol.handle(MEDIA_SCHEME, …)` (main/electron/media-protocol.ts): Chromium's
 * media stack asks the scheme with Range headers, Playwright intercepts those requests, and the core's own
 * handler answers them (one ranged GET each), so <audio>/<video> play and seek exactly as in the app.
 */
async function serveMediaScheme(target: Page | BrowserContext, handler: (request: Request) => Promise<Response>): Promise<void> {
  await target.route(new RegExp(`^${MEDIA_SCHEME}:`), async (route) => {
    const asked = route.request();
    const answer = await handler(new Request(asked.url(), { method: asked.method(), headers: await asked.allHeaders() }));
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => (headers[name] = value));
    // A page closing mid-stream drops the answer, as a closed Electron window would.
    await route.fulfill({ status: answer.status, headers, body: Buffer.from(await answer.arrayBuffer()) }).catch(() => undefined);
  });
}
