import type { S3Client } from '@aws-sdk/client-s3';
import { type AppError, fail, ok, type Result } from '../../shared/errors';
import type { Channel, HandlerMap, RequestOf, ResponseOf } from '../../shared/ipc';
import { type CacheOptions, S3Cache } from '../cache/s3-cache';
import { ConnectionRegistry } from '../connections/registry';
import { BrowseService } from '../s3/browse-service';
import { createS3ClientFactory, type S3ClientFactory } from '../s3/client-factory';
import { toAppError } from '../s3/errors';
import { requestSchemas } from './schemas';

export interface HandlerOptions {
  readonly cache?: Partial<CacheOptions>;
  readonly clientFactory?: S3ClientFactory;
}

/** Thrown inside handlers to answer with a specific code. */
export class HandlerError extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
  }
}

export interface Core {
  readonly handlers: HandlerMap;
  readonly cache: S3Cache;
  readonly connections: ConnectionRegistry;
  dispose(): void;
}

type Implementations = { [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C> };

/**
 * Builds every IPC handler as a plain async function: validate the request with its schema, run, and answer
 * with a result envelope. No Electron here, so tests, benchmarks and the e2e bridge call exactly this.
 */
export function createCore(options: HandlerOptions = {}): Core {
  const cache = new S3Cache(options.cache);
  const requests: Record<string, number> = {};
  const connections = new ConnectionRegistry({
    clientFactory: options.clientFactory ?? createS3ClientFactory(),
    observe: (op) => {
      requests[op] = (requests[op] ?? 0) + 1;
    },
  });
  const browse = new BrowseService(cache);

  const clientOf = (connectionId: string): S3Client => {
    const connection = connections.get(connectionId);
    if (!connection) throw new HandlerError({ code: 'NoSuchConnection', message: `no connection ${connectionId}` });
    return connection.client;
  };

  const impl: Implementations = {
    'connections:add': (req) => connections.add(req),
    'connections:list': () => connections.list(),
    'buckets:list': (req) => browse.listBuckets(clientOf(req.connectionId)),
    'objects:list': (req) =>
      browse.listPage({
        connectionId: req.connectionId,
        client: clientOf(req.connectionId),
        bucket: req.bucket,
        prefix: req.prefix,
        cursor: req.cursor ?? null,
        refresh: req.refresh ?? false,
      }),
    'objects:stat': (req) => {
      clientOf(req.connectionId);
      return browse.stat(req.connectionId, req.bucket, req.keys);
    },
    'objects:head': (req) => browse.head(req.connectionId, clientOf(req.connectionId), req.bucket, req.key),
    'cache:stats': () => ({ ...cache.stats(), requests: { ...requests } }),
    'cache:invalidate': (req) => ({ dropped: cache.invalidateScope(req.connectionId, req.bucket, req.prefix) }),
  };

  const handlers = Object.fromEntries(
    (Object.keys(impl) as Channel[]).map((channel) => [channel, wrap(channel, impl[channel] as never)]),
  ) as unknown as HandlerMap;

  return { handlers, cache, connections, dispose: () => connections.dispose() };
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
