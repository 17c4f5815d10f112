import { fail, ok, type Result } from '../../shared/errors';
import type { Channel, EventSink, HandlerMap, RequestOf, ResponseOf } from '../../shared/ipc';
import { type CacheOptions, S3Cache } from '../cache/s3-cache';
import { ConnectionRegistry } from '../connections/registry';
import { SavedConnections } from '../connections/saved-connections';
import type { SecretBox } from '../connections/secret-box';
import { createS3ClientFactory, type S3ClientFactory } from '../s3/client-factory';
import { toAppError } from '../s3/errors';
import { browseChannels } from './channels/browse';
import { operationChannels } from './channels/operations';
import type { OperationsOptions } from '../operations/operations-service';
import { cacheChannels } from './channels/cache';
import { connectionChannels } from './channels/connections';
import { transferChannels } from './channels/transfers';
import { type TransferOptions, TransferService } from '../transfers/transfer-service';
import { type ChannelImpls, type CoreContext, HandlerError } from './context';
import { requestSchemas } from './schemas';

export { HandlerError } from './context';

export interface HandlerOptions {
  /** Limits of the operations feature (tests shrink the multipart-copy threshold). */
  readonly operations?: Partial<OperationsOptions>;
  readonly cache?: Partial<CacheOptions>;
  readonly clientFactory?: S3ClientFactory;
  /** Where main→renderer events go: webContents.send in the app, the page bridge in e2e, a spy in tests. */
  readonly events?: EventSink;
  /** Transfer tuning, temp folder, and the Electron adapters (dialogs, drag) or their fakes. */
  readonly transfers?: Partial<TransferOptions>;
  /** Where saved connections live (the app's user-data folder); without it connections last for the session. */
  readonly userDataDir?: string;
  /** Encrypts secrets before they are written (Electron safeStorage in the app, a fake in tests). */
  readonly secretBox?: SecretBox;
}

export interface Core {
  readonly handlers: HandlerMap;
  readonly context: CoreContext;
  readonly transfers: TransferService;
  /** Cancels transfers and removes temp files; resolves when they are gone. */
  dispose(): Promise<void>;
}

/**
 * Builds every IPC handler as a plain async function: validate the request with its schema, run, and answer
 * with a result envelope. No Electron here, so tests, benchmarks and the e2e bridge call exactly this.
 */
export function createCore(options: HandlerOptions = {}): Core {
  const cache = new S3Cache(options.cache);
  const events: EventSink = options.events ?? (() => {});
  const requests: Record<string, number> = {};
  const clientFactory = options.clientFactory ?? createS3ClientFactory();
  const observe = (op: string) => {
    requests[op] = (requests[op] ?? 0) + 1;
  };
  const connections = new ConnectionRegistry({ clientFactory, observe });

  const saved = new SavedConnections({
    registry: connections,
    ...(options.userDataDir !== undefined ? { userDataDir: options.userDataDir } : {}),
    ...(options.secretBox ? { secretBox: options.secretBox } : {}),
  });
  const noSuchConnection = (connectionId: string) =>
    new HandlerError({ code: 'NoSuchConnection', message: `no connection ${connectionId}` });

  const context: CoreContext = {
    cache,
    connections,
    events,
    clientOf(connectionId) {
      const connection = connections.get(connectionId);
      if (!connection) throw noSuchConnection(connectionId);
      return connection.client;
    },
    clientFor(connectionId, bucket) {
      const client = connections.clientFor(connectionId, bucket);
      if (!client) throw noSuchConnection(connectionId);
      return client;
    },
    invalidate(connectionId, bucket, changes) {
      const { prefixes } = cache.invalidate(connectionId, bucket, changes);
      // A write that changed nothing (e.g. a batch whose every key failed) has nothing to tell the renderer.
      if (prefixes.length > 0) events('cache:changed', { connectionId, bucket, prefixes });
    },
  };

  const transfers = new TransferService(context, options.transfers);

  const impl: ChannelImpls<Channel> = {
    ...connectionChannels(context, saved, clientFactory, observe),
    ...browseChannels(context),
    ...cacheChannels(context, requests),

    // ── operations ──
    ...operationChannels(context, options.operations),

    // ── transfers ──
    ...transferChannels(transfers),

  };

  const handlers = Object.fromEntries(
    (Object.keys(impl) as Channel[]).map((channel) => [channel, wrap(channel, impl[channel] as never)]),
  ) as unknown as HandlerMap;

  return {
    handlers,
    context,
    transfers,
    dispose: async () => {
      await transfers.dispose();
      connections.dispose();
    },
  };
}

/** Convenience for callers that need only the handler map. */
export function createHandlers(options: HandlerOptions = {}): HandlerMap {
  return createCore(options).handlers;
}

function wrap<C extends Channel>(
  channel: C,
  run: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>,
): (request: unknown) => Promise<Result<ResponseOf<C>>> {
  const schema = requestSchemas[channel];
  return async (request) => {
    const parsed = schema.safeParse(request ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail('InvalidInput', `${channel}: ${issue ? `${issue.path.join('.') || 'request'}: ${issue.message}` : 'invalid request'}`);
    }
    try {
      return ok(await run(parsed.data as RequestOf<C>));
    } catch (error) {
      if (error instanceof HandlerError) return { ok: false, error: error.appError };
      return { ok: false, error: toAppError(error, channel) };
    }
  };
}
