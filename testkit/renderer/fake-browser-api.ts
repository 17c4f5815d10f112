/**
 * A fake of the browser store's API (`BrowserApi`, a Pick of the contract), so it cannot drift from it and
 * channels other features add never touch it. Folders are lists of pages; any page can be held back to test
 * streaming and cancellation, or made to fail or reject; every call is logged.
 */
import { type AppError, fail, ok, type Result } from '../../shared/errors';
import type { IpcEvents } from '../../shared/ipc';
import type { CacheStats, Entry } from '../../shared/types';
import type { BrowserApi } from '../../renderer/src/features/browser';

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
  readonly api: BrowserApi;
  readonly calls: Call[];
  /** bucket → prefix → pages of entries. */
  setFolder(bucket: string, prefix: string, pages: readonly (readonly Entry[])[]): void;
  failFolder(bucket: string, prefix: string, error: AppError, atPage?: number): void;
  /** The IPC promise itself rejects for this folder (main never answers), as a torn-down window would; null stops. */
  rejectFolder(bucket: string, prefix: string, reason: Error | null): void;
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
  const rejections = new Map<string, Error>();
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
    rejectFolder: (bucket, prefix, reason) => (reason ? rejections.set(id(bucket, prefix), reason) : rejections.delete(id(bucket, prefix))),
    hold(bucket, prefix, index) {
      const g = gate();
      gates.set(`${id(bucket, prefix)}#${index}`, g);
      return g.open;
    },
    emit: (payload) => listeners.forEach((l) => l(payload)),
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.request),
    api: undefined as unknown as BrowserApi,
  };

  const log = (method: string, request: unknown) => calls.push({ method, request });

  const api: BrowserApi = {
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
      const rejection = rejections.get(key);
      if (rejection) throw rejection;
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
    onCacheChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  (fake as { api: BrowserApi }).api = api;
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
