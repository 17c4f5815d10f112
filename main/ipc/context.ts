import type { S3Client } from '@aws-sdk/client-s3';
import type { AppError } from '../../shared/errors';
import type { Channel, EventSink, RequestOf, ResponseOf } from '../../shared/ipc';
import type { Change, S3Cache } from '../cache/s3-cache';
import type { ConnectionRegistry } from '../connections/registry';

/** Thrown inside a channel implementation to answer with a specific error code. */
export class HandlerError extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
  }
}

/** What every feature's channel implementations get: the shared cache, connections and the event sink. */
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

/** Plain implementations of some channels; the core wraps each with validation and the result envelope. */
export type ChannelImpls<C extends Channel> = {
  readonly [K in C]: (request: RequestOf<K>) => Promise<ResponseOf<K>> | ResponseOf<K>;
};
