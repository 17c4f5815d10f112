import type { S3Client } from '@aws-sdk/client-s3';
import type { EventSink } from '../../shared/ipc';
import type { Change, S3Cache } from '../cache/s3-cache';
import type { ConnectionRegistry } from '../connections/registry';

/** What every feature service gets: the shared cache, connections and the event sink. */
export interface CoreContext {
  readonly cache: S3Cache;
  readonly connections: ConnectionRegistry;
  readonly events: EventSink;
  /** The S3 client of a connection, or a NoSuchConnection error. For requests about one bucket use clientFor. */
  clientOf(connectionId: string): S3Client;
  /** The client for a bucket: signed for the bucket's region once known (learnt from a redirect or
   *  GetBucketLocation), so a bucket in any region opens from any connection without a redirect per request. */
  clientFor(connectionId: string, bucket: string): S3Client;
  /** Every in-app write reports its changes here: the cache drops exactly what they touched and the renderer hears of it. */
  invalidate(connectionId: string, bucket: string, changes: readonly Change[]): void;
}
