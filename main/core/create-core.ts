/**
 * The composition root: builds the cache, the connection registry and every feature service, and hands the
 * IPC layer their channel tables. No Electron here, so tests, benchmarks and the e2e bridge call exactly this.
 */
import { join } from 'node:path';
import type { EventSink, HandlerMap } from '../../shared/ipc';
import { type CacheOptions, S3Cache } from '../cache/s3-cache';
import { ConnectionRegistry } from '../connections/registry';
import { SavedConnections } from '../connections/saved-connections';
import type { SecretBox } from '../connections/secret-box';
import { SignInBroker } from '../connections/sign-in-broker';
import { browseChannels } from '../ipc/channels/browse';
import { cacheChannels } from '../ipc/channels/cache';
import { connectionChannels } from '../ipc/channels/connections';
import { menuChannels } from '../ipc/channels/menu';
import { operationChannels } from '../ipc/channels/operations';
import { searchChannels } from '../ipc/channels/search';
import { folderSizeChannels } from '../ipc/channels/folder-size';
import { settingsChannels } from '../ipc/channels/settings';
import { previewChannels } from '../ipc/channels/preview';
import { openEditChannels } from '../ipc/channels/open-edit';
import { syncChannels } from '../ipc/channels/sync';
import { transferChannels } from '../ipc/channels/transfers';
import { versionChannels } from '../ipc/channels/versions';
import { bucketChannels } from '../ipc/channels/buckets';
import { workspaceChannels } from '../ipc/channels/workspace';
import { propertyChannels } from '../ipc/channels/properties';
import { PriceTables } from '../cost/price-tables';
import type { PropertiesOptions } from '../properties/properties-service';
import { wrapChannels } from '../ipc/envelope';
import { type MenuHost, MenuState } from '../menu/menu-state';
import type { OperationsOptions } from '../operations/operations-service';
import type { EmptyOptions } from '../buckets/empty-service';
import { type SearchOptions, SearchService } from '../search/search-service';
import { PreviewService } from '../preview/preview-service';
import { type OpenEditOptions, OpenEditService } from '../open-edit/open-edit-service';
import { createS3ClientFactory, type S3ClientFactory } from '../s3/client-factory';
import { SettingsService } from '../settings/settings-service';
import { UploadDefaultsStore } from '../settings/upload-defaults';
import { type TransferOptions, TransferService } from '../transfers/transfer-service';
import { SyncService } from '../sync/sync-service';
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
  /** Plan lifetime and progress pace of "empty and delete". */
  readonly buckets?: Partial<EmptyOptions>;
  /** Limits of the properties feature (tests shrink the multipart-copy threshold). */
  readonly properties?: Partial<PropertiesOptions>;
  readonly clientFactory?: S3ClientFactory;
  /** Where main→renderer events go: webContents.send in the app, the page bridge in e2e, a spy in tests. */
  readonly events?: EventSink;
  /** Transfer tuning, temp folder, and the Electron adapters (dialogs, drag) or their fakes. */
  readonly transfers?: Partial<TransferOptions>;
  /** Where saved connections live (the app's user-data folder); without it connections last for the session. */
  readonly userDataDir?: string;
  /** Encrypts secrets before they are written (Electron safeStorage in the app, a fake in tests). */
  readonly secretBox?: SecretBox;
  /**
   * The OS Downloads folder, the default download folder (app.getPath('downloads'); a temp folder in tests).
   * Without it the download-folder settings do not apply: every download goes where the folder picker says.
   */
  readonly downloadsDir?: string;
  /** Opens an SSO verification address in the user's browser (shell.openExternal in the app). */
  readonly openUrl?: (url: string) => Promise<void>;
  /** Search tuning (tests shrink waits and pick the concurrency); indexes live under userDataDir. */
  readonly search?: Partial<SearchOptions>;
  /** SSO sign-in test seam: the wait between token polls. */
  readonly signInWait?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The native menu (Electron glue); without it menu state is only remembered. */
  readonly menu?: MenuHost;
  /** Open / Edit: the OS default-app port (shell.openPath in the app, a recorder in tests) and temp folder. */
  readonly openEdit?: OpenEditOptions;
}

export interface Core {
  readonly handlers: HandlerMap;
  readonly context: CoreContext;
  readonly transfers: TransferService;
  readonly search: SearchService;
  readonly settings: SettingsService;
  /** Range-read previews and the media scheme's handler (the Electron glue serves it). */
  readonly previews: PreviewService;
  /** Open / Edit sessions and their temp copies. */
  readonly edits: OpenEditService;
  /** MFA prompts and SSO sign-ins the renderer answers. */
  readonly signIn: SignInBroker;
  /** Native menu clicks go in here; the renderer's enabled state comes out to the MenuHost. */
  readonly menu: MenuState;
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
      search.onChanges(connectionId, bucket, changes);
      // A write that changed nothing (e.g. a batch whose every key failed) has nothing to tell the renderer.
      if (prefixes.length > 0) events('cache:changed', { connectionId, bucket, prefixes });
    },
  };

  // Settings first: the transfer service starts with their concurrency and asks them for the download folder.
  let transfers: TransferService | null = null;
  const settings = new SettingsService({
    ...(options.userDataDir !== undefined ? { userDataDir: options.userDataDir } : {}),
    ...(options.downloadsDir !== undefined ? { downloadsDir: options.downloadsDir } : {}),
    ...(options.transfers?.dialogs ? { dialogs: options.transfers.dialogs } : {}),
    onChange: (s) => transfers?.setConcurrency(s.fileConcurrency, s.requestConcurrency),
  });
  const stored = settings.stored();
  const uploadDefaults = new UploadDefaultsStore(options.userDataDir);
  // The transfer journal lives beside the saved connections, so a restart on the same folder can resume.
  transfers = new TransferService(context, {
    fileConcurrency: stored.fileConcurrency,
    requestConcurrency: stored.requestConcurrency,
    // Without a Downloads folder (headless tests, benchmarks) every download asks, as the folder picker decides.
    ...(options.downloadsDir !== undefined ? { downloadFolders: settings } : {}),
    ...(options.userDataDir !== undefined ? { journalDir: options.userDataDir } : {}),
    uploadDefaults,
    ...options.transfers,
  });
  const previews = new PreviewService(context);
  const edits = new OpenEditService(context, transfers, options.openEdit);
  const sync = new SyncService(context, transfers, options.userDataDir ?? null);
  const workspace = new WorkspaceStore(options.userDataDir !== undefined ? { userDataDir: options.userDataDir } : {});
  const menu = new MenuState(events, options.menu);
  const search = new SearchService(context, events, {
    ...(options.userDataDir !== undefined ? { dir: join(options.userDataDir, 'search-index') } : {}),
    ...options.search,
  });

  // Cost estimates: built-in price tables plus the user's edits (price-tables.json beside the settings).
  const prices = new PriceTables(options.userDataDir);

  const handlers = wrapChannels({
    ...connectionChannels(context, saved, clientFactory, observe, signIn),
    ...browseChannels(context),
    ...cacheChannels(context, requests),
    ...operationChannels(context, options.operations, prices, transfers.throughPace()),
    ...previewChannels(previews),
    ...openEditChannels(edits),
    ...transferChannels(transfers),
    ...settingsChannels(settings, uploadDefaults, context),
    ...folderSizeChannels(context),
    ...versionChannels(context, options.versions),
    ...bucketChannels(context, prices, options.buckets),
    ...workspaceChannels(workspace),
    ...menuChannels(menu),
    ...searchChannels(search),
    ...syncChannels(sync),
    ...propertyChannels(context, prices, options.properties),
  });

  return {
    handlers,
    context,
    transfers,
    search,
    settings,
    previews,
    edits,
    signIn,
    menu,
    dispose: async () => {
      // Saves under way finish (or fail) before the transfer queue goes; then the temp copies go.
      await edits.dispose();
      search.dispose();
      await search.settled();
      await search.close();
      signIn.dispose();
      previews.dispose();
      await transfers.dispose();
      await settings.flush();
      await uploadDefaults.flush();
      await sync.dispose();
      await workspace.flush();
      connections.dispose();
    },
  };
}
