import { paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import type { Result } from '../shared/errors';
import type { Entry, ListPage } from '../shared/types';
import type { HandlerOptions } from '../main/core/create-core';
import { type Core, createCore } from '../main/core/create-core';
import { type CountingProxy, startCountingProxy } from './counting-proxy';
import { type LaneServer, startLaneServer } from './s3-lane';

/** A real S3 server (the run's lane: fauxqs or RGW), a counting proxy in front of it, and the app's core
 *  connected through the proxy. */
export interface CoreFixture {
  readonly server: LaneServer;
  readonly proxy: CountingProxy;
  readonly core: Core;
  readonly connectionId: string;
  close(): Promise<void>;
}

export async function startCoreFixture(options: HandlerOptions = {}): Promise<CoreFixture> {
  const server = await startLaneServer();
  const proxy = await startCountingProxy(server.url);
  const core = createCore(options);
  const added = await core.handlers['connections:add']({
    name: 'test',
    endpoint: proxy.url,
    region: server.region,
    forcePathStyle: server.forcePathStyle,
    credentials: server.credentials,
  });
  const connectionId = unwrap(added).id;
  return {
    server,
    proxy,
    core,
    connectionId,
    close: async () => {
      await core.dispose();
      await proxy.close();
      await server.close();
    },
  };
}

/** A second connection to the fixture's server, through a counting proxy of its own (copies across connections). */
export async function addProxiedConnection(f: CoreFixture, name: string): Promise<{ proxy: CountingProxy; connectionId: string }> {
  const proxy = await startCountingProxy(f.server.url);
  const added = await f.core.handlers['connections:add']({ name, endpoint: proxy.url, region: f.server.region, forcePathStyle: true, credentials: f.server.credentials });
  return { proxy, connectionId: unwrap(added).id };
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Every entry of a folder, page by page as the renderer asks for them (Refresh on the first page only). */
export async function listFolder(
  f: Pick<CoreFixture, 'core' | 'connectionId'>,
  bucket: string,
  prefix: string,
  refresh = false,
): Promise<{ entries: Entry[]; pages: number }> {
  const entries: Entry[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: ListPage = unwrap(
      await f.core.handlers['objects:list']({ connectionId: f.connectionId, bucket, prefix, cursor, refresh: refresh && pages === 0 }),
    );
    entries.push(...page.entries);
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  return { entries, pages };
}

/**
 * "The minimum" ListObjectsV2 requests for a listing on this server: what the bare SDK paginator needs, counted
 * on the wire through the fixture's proxy. Real servers differ (RGW marks an exactly full last page truncated
 * and answers one more, empty page), so tests compare the app with this, not with ceil(n / 1000).
 */
export async function bareListings(f: Pick<CoreFixture, 'proxy' | 'server'>, bucket: string, prefix: string, delimiter?: string): Promise<number> {
  const client = new S3Client({
    endpoint: f.proxy.url,
    region: f.server.region,
    forcePathStyle: true,
    credentials: { ...f.server.credentials },
  });
  const before = f.proxy.count('ListObjectsV2');
  try {
    for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: prefix, Delimiter: delimiter })) void page;
  } finally {
    client.destroy();
  }
  return f.proxy.count('ListObjectsV2') - before;
}
