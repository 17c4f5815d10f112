/**
 * A fake RendererApi for store tests, typed from the contract so it cannot drift from it. Folders are lists of
 * pages; any page can be held back to test streaming and cancellation; every call is logged.
 */
import { type AppError, fail, ok, type Result } from '../../../../shared/errors';
import type { IpcEvents, RendererApi } from '../../../../shared/ipc';
import { operationsApiStub } from '../operations/operations-api-stub';
import type { CacheStats, Entry } from '../../../../shared/types';
import { inertSignInApi } from '../connections/inert-sign-in-api';
import { inertTransfersApi } from '../transfers/inert-transfers-api';

export interface Call {
  readonly method: string;
  readonly request: unknown;
}

interface Gate {
  readonly promise: Promise<void>;
  open(): void;
}

function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

export interface FakeApi {
  readonly api: RendererApi;
  readonly calls: Call[];
  /** bucket → prefix → pages of entries. */
  setFolder(bucket: string, prefix: string, pages: readonly (readonly Entry[])[]): void;
  failFolder(bucket: string, prefix: string, error: AppError, atPage?: number): void;
  /** Hold back page `index` of a folder until the returned function is called. */
  hold(bucket: string, prefix: string, index: number): () => void;
  emit(payload: IpcEvents['cache:changed']): void;
  callsOf(method: string): unknown[];
  /** S3 requests the fake "sent" (the stats the store diffs). */
  requests: number;
  hits: number;
}

export function createFakeApi(): FakeApi {
  const folders = new Map<string, readonly (readonly Entry[])[]>();
  const failures = new Map<string, { error: AppError; atPage: number }>();
  const gates = new Map<string, Gate>();
  const listeners = new Set<(payload: IpcEvents['cache:changed']) => void>();
  const calls: Call[] = [];
  const id = (bucket: string, prefix: string) => `${bucket}\u0000${prefix}`;

  const fake: FakeApi = {
    calls,
    requests: 0,
    hits: 0,
    setFolder: (bucket, prefix, pages) => folders.set(id(bucket, prefix), pages),
    failFolder: (bucket, prefix, error, atPage = 0) => failures.set(id(bucket, prefix), { error, atPage }),
    hold(bucket, prefix, index) {
      const g = gate();
      gates.set(`${id(bucket, prefix)}#${index}`, g);
      return g.open;
    },
    emit: (payload) => listeners.forEach((l) => l(payload)),
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.request),
    api: undefined as unknown as RendererApi,
  };

  const log = (method: string, request: unknown) => calls.push({ method, request });

  const api: RendererApi = {
    ...inertTransfersApi(),
    ...inertSignInApi(),
    async addConnection(request) {
      log('addConnection', request);
      return ok({ id: 'c2', name: request.name, endpoint: request.endpoint ?? null, region: request.region, forcePathStyle: request.forcePathStyle, accessKeyHint: null });
    },
    async listConnections(request) {
      log('listConnections', request);
      return ok([]);
    },
    async listBuckets(request) {
      log('listBuckets', request);
      fake.requests += 1;
      return ok([{ name: 'bucket', createdAt: null }]);
    },
    async listObjects(request) {
      log('listObjects', request);
      const key = id(request.bucket, request.prefix);
      const index = request.cursor ? Number(request.cursor) : 0;
      const g = gates.get(`${key}#${index}`);
      if (g) await g.promise;
      const failure = failures.get(key);
      if (failure && failure.atPage === index) return fail(failure.error.code, failure.error.message);
      const pages = folders.get(key);
      if (!pages) return fail('NoSuchKey', `no folder ${request.prefix}`);
      fake.requests += 1;
      const entries = pages[index] ?? [];
      return ok({ bucket: request.bucket, prefix: request.prefix, entries, nextCursor: index + 1 < pages.length ? String(index + 1) : null, fromCache: false });
    },
    async statObjects(request) {
      log('statObjects', request);
      fake.hits += request.keys.length;
      return ok(request.keys.map((key) => ({ key, ok: true as const, stat: { kind: 'object' as const, key, size: 1, lastModified: 1, etag: '"e"', storageClass: 'STANDARD' } })));
    },
    async headObject(request) {
      log('headObject', request);
      fake.requests += 1;
      return ok({ key: request.key, size: 1, lastModified: 1, etag: '"e"', storageClass: 'STANDARD', contentType: 'text/plain', metadata: {}, serverSideEncryption: null, versionId: null });
    },
    async cacheStats(request): Promise<Result<CacheStats>> {
      log('cacheStats', request);
      return ok({ hits: fake.hits, misses: 0, entries: 0, approxBytes: 0, requests: { ListObjectsV2: fake.requests } });
    },
    async invalidateCache(request) {
      log('invalidateCache', request);
      return ok({ dropped: 0 });
    },
    async updateConnection(request) {
      log('updateConnection', request);
      return fail('Unknown', 'not faked');
    },
    async deleteConnection(request) {
      log('deleteConnection', request);
      return ok({ deleted: true });
    },
    async testConnection(request) {
      log('testConnection', request);
      return ok({ ok: true, bucketCount: 1, message: 'ok' });
    },
    async listProfiles(request) {
      log('listProfiles', request);
      return ok({ profiles: [], defaultProfile: 'default', configFile: '', credentialsFile: '', problem: null });
    },
    async connectionStoreStatus(request) {
      log('connectionStoreStatus', request);
      return ok({ persistent: false, encryptionAvailable: false, settingsFile: null, problem: null });
    },
    onCacheChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ...operationsApiStub(),
  };
  (fake as { api: RendererApi }).api = api;
  return fake;
}

/** Objects named "<prefix>f<i>" for tests. */
export function objects(prefix: string, from: number, to: number): Entry[] {
  return Array.from({ length: to - from }, (_, i) => ({
    kind: 'object' as const,
    key: `${prefix}f${from + i}`,
    name: `f${from + i}`,
    size: from + i,
    lastModified: 1_700_000_000_000,
    etag: '"e"',
    storageClass: 'STANDARD',
  }));
}

export function folderEntry(key: string): Entry {
  const name = key.slice(0, -1).slice(key.slice(0, -1).lastIndexOf('/') + 1);
  return { kind: 'folder', key, name };
}
