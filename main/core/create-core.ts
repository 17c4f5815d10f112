/**
 * The composition root: builds the cache, the connection registry and every feature service, and hands the
 * IPC layer their channel tables. No Electron here, so tests, benchmarks and the e2e bridge call exactly this.
 */
import type { EventSink, HandlerMap } from '../../shared/ipc';
import { type CacheOptions, S3Cache } from '../cache/s3-cache';
import { ConnectionRegistry } from '../connections/registry';
import { SavedConnections } from '../connections/saved-connections';
import type { SecretBox } from '../connections/secret-box';
import { SignInBroker } from '../connections/sign-in-broker';
import { browseChannels } from '../ipc/channels/browse';
import { cacheChannels } from '../ipc/channels/cache';
import { connectionChannels } from '../ipc/channels/connections';
import { operationChannels } from '../ipc/channels/operations';
import { transferChannels } from '../ipc/channels/transfers';
import { versionChannels } from '../ipc/channels/versions';
import { workspaceChannels } from '../ipc/channels/workspace';
import { wrapChannels } from '../ipc/envelope';
import type { OperationsOptions } from '../operations/operations-service';
import { createS3ClientFactory, type S3ClientFactory } from '../s3/client-factory';
import { type TransferOptions, TransferService } from '../transfers/transfer-service';
import type { VersionsOptions } from '../versions/versions-service';
import { WorkspaceStore } from '../workspace/workspace-store';
import { noSuchConnection } from './app-error';
import type { CoreContext } from './context';

export interface HandlerOptions {
  /** Limits of the operations feature (tests shrink the multipart-copy threshold). */
  readonly operations?: Partial<OperationsOptions>;
  readonly cache?: Partial<CacheOptions>;
  /** Limits of the versions feature (tests shrink the multipart-copy threshold). */
  readonly versions?: Partial<VersionsOptions>;
  readonly clientFactory?: S3ClientFactory;
  /** Where main→renderer events go: webContents.send in the app, the page bridge in e2e, a spy in tests. */
  readonly events?: EventSink;
  /** Transfer tuning, temp folder, and the Electron adapters (dialogs, drag) or their fakes. */
  readonly transfers?: Partial<TransferOptions>;
  /** Where saved connections live (the app's user-data folder); without it connections last for the session. */
  readonly userDataDir?: string;
  /** Encrypts secrets before they are written (Electron safeStorage in the app, a fake in tests). */
  readonly secretBox?: SecretBox;
  /** Opens an SSO verification address in the user's browser (shell.openExternal in the app). */
  readonly openUrl?: (url: string) => Promise<void>;
  /** SSO sign-in test seam: the wait between token polls. */
  readonly signInWait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface Core {
  readonly handlers: HandlerMap;
  readonly context: CoreContext;
  readonly transfers: TransferService;
  /** MFA prompts and SSO sign-ins the renderer answers. */
  readonly signIn: SignInBroker;
  /** Cancels transfers and removes temp files; resolves when they are gone. */
  dispose(): Promise<void>;
}

/** Every IPC handler as a plain async function: validate the request with its schema, run, answer an envelope. */
export function createCore(options: HandlerOptions = {}): Core {
  const cache = new S3Cache(options.cache);
  const events: EventSink = options.events ?? (() => {});
  const requests: Record<string, number> = {};
  const clientFactory = options.clientFactory ?? createS3ClientFactory();
  const observe = (op: string) => {
    requests[op] = (requests[op] ?? 0) + 1;
  };
  const signIn = new SignInBroker({
    events,
    ...(options.openUrl ? { openUrl: options.openUrl } : {}),
    ...(options.signInWait ? { wait: options.signInWait } : {}),
  });
  const connections = new ConnectionRegistry({ clientFactory, observe, prompts: signIn });

  const saved = new SavedConnections({
    registry: connections,
    ...(options.userDataDir !== undefined ? { userDataDir: options.userDataDir } : {}),
    ...(options.secretBox ? { secretBox: options.secretBox } : {}),
  });

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

  // The transfer journal lives beside the saved connections, so a restart on the same folder can resume.
  const transfers = new TransferService(context, {
    ...(options.userDataDir !== undefined ? { journalDir: options.userDataDir } : {}),
    ...options.transfers,
  });
  const workspace = new WorkspaceStore(options.userDataDir !== undefined ? { userDataDir: options.userDataDir } : {});

  const handlers = wrapChannels({
    ...connectionChannels(context, saved, clientFactory, observe, signIn),
    ...browseChannels(context),
    ...cacheChannels(context, requests),
    ...operationChannels(context, options.operations),
    ...transferChannels(transfers),
    ...versionChannels(context, options.versions),
    ...workspaceChannels(workspace),
  });

  return {
    handlers,
    context,
    transfers,
    signIn,
    dispose: async () => {
      signIn.dispose();
      await transfers.dispose();
      await workspace.flush();
      connections.dispose();
    },
  };
}
