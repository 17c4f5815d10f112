/**
 * The one IPC contract. Each channel names its request and response; the main-process handler map and the
 * preload API are both derived from it, so adding a channel is one edit here and the compiler shows both sides.
 * Over 400 lines on purpose: it is the whole contract, one line or two per channel, and one file is what
 * makes a channel one edit.
 */
import type { CommandId } from './commands';
import type { DragOptions } from './drag-stream';
import type { AppSettings, SettingsPatch } from './settings';
import type { UploadDefaults, UploadOptions } from './upload-options';
import type { Result } from './errors';
import type { BucketScope, CrawlProgress, CrawlReport, CrawlRequest, IndexStatus, SearchQuery, SearchResult, SizesReport } from './search';
import type { Cancellable, ParquetPreview, PreviewTarget, TextChunk, TooLarge, Unreadable, WholeObject, ZipListing } from './preview';
import type { EditChoice, EditSession } from './open-edit';
import type { CompareMode, CompareProgress, CompareRequest, CompareResult, SyncLocation, SyncPair, SyncPlan, SyncPlanRequest, SyncRunOutcome, SyncRunRequest } from './sync';
import type { MfaNeededEvent, SsoCodeEvent, SsoEndedEvent, SsoOutcome } from './sign-in';
import type {
  OperationPlan,
  OperationProgress,
  OperationReport,
  PlanningProgress,
  PlanRequest,
  Preview,
  ShareLink,
  ShareRequest,
} from './operations';
import type {
  AbortUploadsOutcome,
  AbortUploadsPlan,
  ConflictPolicy,
  DownloadItem,
  EnqueueOutcome,
  IncompleteUpload,
  SelectedItem,
  StageOutcome,
  TransferBatchEvent,
  TransferItem,
  TransferProgressEvent,
  TransferTotals,
  UnfinishedReport,
} from './transfers';
import type {
  AwsProfileList,
  BucketInfo,
  ConnectionStoreStatus,
  ConnectionTestResult,
  CacheStats,
  ConnectionId,
  ConnectionSummary,
  FolderSize,
  HeadInfo,
  ListPage,
  StatOutcome,
} from './types';
import type {
  AsOfEntry,
  DeletedEntry,
  RestorePlan,
  UndeletePlan,
  VersionList,
  VersioningState,
  VersionsRunReport,
} from './versions';
import type { Workspace, WorkspaceSnapshot } from './workspace';
import type { ObjectProperties, PropertiesPlan, PropertiesPlanRequest, PropertiesReport, RestoreRequest } from './properties';
import type { PriceTable } from './cost';
import type { BucketDetails, EmptyBucketPlan, EmptyBucketReport } from './buckets';
import type { BucketConfigKind } from './bucket-config';

export interface StaticCredentialsInput {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface ConnectionInput {
  readonly name: string;
  /** Absent for AWS itself; e.g. "http://127.0.0.1:9000" for MinIO. */
  readonly endpoint?: string;
  readonly region: string;
  readonly forcePathStyle: boolean;
  /** Static keys. Exactly one of `credentials` and `profile` may be given; neither = the SDK's default chain. */
  readonly credentials?: StaticCredentialsInput;
  /** A profile of ~/.aws/config or ~/.aws/credentials, resolved by the SDK (SSO, assume-role, process…). */
  readonly profile?: string;
  /** The endpoint preset the form was filled from (shared/endpoint-presets.ts). */
  readonly preset?: string;
  /** A bucket to open directly, for logins that may not list buckets. */
  readonly bucket?: string;
  /**
   * Sign in with the SDK's default chain (environment, default profile, SSO, ECS/IMDS) on purpose. Needed in an
   * edit, where giving neither keys nor a profile means "keep the stored keys"; not allowed with either.
   */
  readonly defaultChain?: boolean;
  /**
   * Trust this one server certificate (its SHA-256 fingerprint, from a failed connection test the user
   * confirmed) for this connection only. Absent: the system's trust store, as for any https site.
   */
  readonly trustedCertSha256?: string;
}

/**
 * An edit: like an input, but an absent `secretAccessKey` keeps the stored one (the renderer never has it), and
 * absent `credentials` and `profile` on a connection with keys keep its keys.
 */
export type ConnectionUpdate = Omit<ConnectionInput, 'credentials'> & {
  readonly credentials?: Omit<StaticCredentialsInput, 'secretAccessKey'> & { readonly secretAccessKey?: string };
};

export interface BucketRef {
  readonly connectionId: ConnectionId;
  readonly bucket: string;
}

export interface IpcContract {
  'connections:add': { request: ConnectionInput; response: ConnectionSummary };
  'connections:list': { request: Record<string, never>; response: readonly ConnectionSummary[] };
  'buckets:list': { request: { readonly connectionId: ConnectionId }; response: readonly BucketInfo[] };
  /** CreateBucket, the name checked first (shared/buckets.ts); region absent: the connection's. */
  'buckets:create': {
    request: { readonly connectionId: ConnectionId; readonly name: string; readonly region?: string };
    response: { readonly name: string; readonly region: string };
  };
  /** DeleteBucket of an empty bucket (Conflict, saying so, when anything remains). */
  'buckets:delete': { request: BucketRef; response: { readonly deleted: true } };
  /** Region, versioning, default encryption, public access block, object lock, owner: each read on its own. */
  'buckets:info': { request: BucketRef; response: BucketDetails };
  /** One editable setting as canonical JSON text (shared/bucket-config.ts), or null when none is configured. */
  'buckets:config-get': { request: BucketRef & { readonly kind: BucketConfigKind }; response: { readonly text: string | null } };
  /** Saves `text` (null removes the setting) only if the server still has `before`; answers what it has now. */
  'buckets:config-save': {
    request: BucketRef & { readonly kind: BucketConfigKind; readonly text: string | null; readonly before: string | null };
    response: { readonly text: string | null };
  };
  /** Lists every version, delete marker and incomplete upload: exact counts and requests before anything runs. */
  'buckets:empty-plan': { request: BucketRef & { readonly planningId?: string }; response: EmptyBucketPlan };
  /** Runs the plan (`operations:progress`, kind `empty-bucket`), then DeleteBucket if every step succeeded. */
  'buckets:empty-run': { request: { readonly planId: string }; response: EmptyBucketReport };
  /** Stops a run (its planId) between batches, or the counting of a plan (its planningId). */
  'buckets:empty-cancel': { request: { readonly id: string }; response: { readonly cancelled: boolean } };
  'buckets:empty-discard': { request: { readonly planId: string }; response: { readonly discarded: boolean } };
  'objects:list': {
    request: BucketRef & {
      readonly prefix: string;
      /** null or absent for the first page. */
      readonly cursor?: string | null;
      /** Skip the cache for this page (user pressed Refresh). */
      readonly refresh?: boolean;
    };
    response: ListPage;
  };
  'objects:stat': { request: BucketRef & { readonly keys: readonly string[] }; response: readonly StatOutcome[] };
  'objects:head': { request: BucketRef & { readonly key: string }; response: HeadInfo };
  'cache:stats': { request: Record<string, never>; response: CacheStats };
  'cache:invalidate': {
    request: { readonly connectionId: ConnectionId; readonly bucket?: string; readonly prefix?: string };
    response: { readonly dropped: number };
  };

  // ── connections: profiles and saved connections ──
  'connections:update': { request: { readonly id: ConnectionId; readonly input: ConnectionUpdate }; response: ConnectionSummary };
  'connections:delete': { request: { readonly id: ConnectionId }; response: { readonly deleted: boolean } };
  /** Test a saved connection, an unsaved form (`input`), or a saved one with edits (both). */
  'connections:test': {
    request: { readonly id?: ConnectionId; readonly input?: ConnectionUpdate; readonly bucket?: string };
    response: ConnectionTestResult;
  };
  'connections:profiles': { request: Record<string, never>; response: AwsProfileList };
  'connections:status': { request: Record<string, never>; response: ConnectionStoreStatus };
  /** The user's answer to `signin:mfa-needed`: the code, or null for Cancel. */
  'connections:mfa-answer': { request: { readonly promptId: string; readonly code: string | null }; response: { readonly accepted: boolean } };
  /** Run the SSO device sign-in for a profile; answers when it ends (`signin:sso-code` shows the code meanwhile). */
  'connections:sso-sign-in': { request: { readonly profile: string }; response: SsoOutcome };
  'connections:sso-cancel': { request: { readonly flowId: string }; response: { readonly cancelled: boolean } };

  // ── operations: folders, delete, rename, copy, share, preview ──
  'operations:create-folder': {
    request: BucketRef & { readonly prefix: string; readonly name: string };
    response: { readonly key: string };
  };
  'operations:plan': { request: PlanRequest; response: OperationPlan };
  'operations:run': { request: { readonly planId: string }; response: OperationReport };
  /** Cancel a run (its planId) or the counting of a plan being made (its planningId). */
  'operations:cancel': { request: { readonly operationId: string }; response: { readonly cancelled: boolean } };
  'operations:discard': { request: { readonly planId: string }; response: { readonly discarded: boolean } };
  'operations:share': { request: ShareRequest; response: ShareLink };
  /** The first bytes of the current version, or of the version `versionId` names. */
  'operations:preview': { request: BucketRef & { readonly key: string; readonly versionId?: string }; response: Preview };

  // ── previews by range reads (main/preview/) ──
  'preview:parquet': { request: BucketRef & Cancellable & PreviewTarget; response: ParquetPreview | Unreadable };
  'preview:zip': { request: BucketRef & Cancellable & PreviewTarget; response: ZipListing | Unreadable };
  /** TEXT_PREVIEW_BYTES of text from `offset` (for gzip, of the decompressed text). */
  'preview:text': { request: BucketRef & Cancellable & PreviewTarget & { readonly offset: number; readonly gzip?: boolean }; response: TextChunk | Unreadable };
  /** The whole object (images, SVG, PDF) up to WHOLE_PREVIEW_LIMIT. */
  'preview:bytes': { request: BucketRef & Cancellable & PreviewTarget; response: WholeObject | TooLarge };
  /** Stops a preview read started with this requestId (its call then fails with Cancelled). */
  'preview:cancel': { request: { readonly requestId: string }; response: { readonly cancelled: boolean } };
  /** An address for <audio>/<video> on the media scheme (an opaque token; no bucket or key in it). */
  'preview:media-open': { request: BucketRef & PreviewTarget & { readonly contentType?: string }; response: { readonly url: string } };
  'preview:media-close': { request: { readonly url: string }; response: { readonly closed: boolean } };
  // ── open with the default app, edit and save back (main/open-edit/) ──
  /** Downloads a temp copy through the queue and opens it; `edit` also watches it and uploads each save. */
  'edit:open': { request: BucketRef & { readonly key: string; readonly edit: boolean }; response: EditSession };
  'edit:list': { request: Record<string, never>; response: { readonly sessions: readonly EditSession[] } };
  /** Settles a conflict or deletion; null once the edit ended (discard). */
  'edit:resolve': { request: { readonly sessionId: string; readonly choice: EditChoice; readonly newKey?: string }; response: EditSession | null };
  /** Ends an edit (or an Open): stops watching and removes the temp copy. */
  'edit:finish': { request: { readonly sessionId: string }; response: { readonly finished: boolean } };
  // ── versions and recovery (on demand only: browsing never lists versions) ──
  'versions:state': { request: BucketRef; response: { readonly state: VersioningState } };
  /** Enable, or suspend (S3 cannot turn versioning off once enabled; existing versions stay). */
  'versions:set-state': { request: BucketRef & { readonly enabled: boolean }; response: { readonly state: VersioningState } };
  /** Every version and delete marker of one exact key, newest first. */
  'versions:list': { request: BucketRef & { readonly key: string; readonly refresh?: boolean }; response: VersionList };
  /** Show deleted: the folder's files and sub-folders whose current version is a delete marker. */
  'versions:deleted': { request: BucketRef & { readonly prefix: string; readonly refresh?: boolean }; response: readonly DeletedEntry[] };
  /** View as of: the folder's direct files and sub-folders as they were at `at` (ms since the epoch). */
  'versions:as-of': { request: BucketRef & { readonly prefix: string; readonly at: number; readonly refresh?: boolean }; response: readonly AsOfEntry[] };
  /** Copy one version onto its key: a new current version; nothing is deleted. */
  'versions:restore-version': { request: BucketRef & { readonly key: string; readonly versionId: string }; response: { readonly restored: true } };
  /** Delete one version for good. */
  'versions:delete-version': { request: BucketRef & { readonly key: string; readonly versionId: string }; response: { readonly deleted: true } };
  'versions:plan-undelete': {
    request: BucketRef & { readonly items: readonly { readonly key: string; readonly kind: 'object' | 'folder' }[] };
    response: UndeletePlan;
  };
  'versions:plan-restore': {
    request: BucketRef & { readonly prefix: string; readonly at: number; readonly hideNewer: boolean };
    response: RestorePlan;
  };
  /** Runs a plan; `operations:progress` reports it under the plan id (kind `undelete` / `restore-folder`). */
  'versions:run': { request: { readonly planId: string }; response: VersionsRunReport };
  /** Stops a running plan after the batch or copies in flight (nothing is rolled back). */
  'versions:cancel': { request: { readonly planId: string }; response: { readonly cancelled: boolean } };
  'versions:discard': { request: { readonly planId: string }; response: { readonly discarded: boolean } };

  // ── object properties: view; edit one or many as a plan (plan → confirm → run) ──
  /** HeadObject + GetObjectTagging + GetObjectAcl, each cached under its own key; a section it may not read says so. */
  'properties:get': { request: BucketRef & { readonly key: string; readonly refresh?: boolean }; response: ObjectProperties };
  'properties:plan': { request: PropertiesPlanRequest; response: PropertiesPlan };
  'properties:run': { request: { readonly planId: string }; response: PropertiesReport };
  'properties:cancel': { request: { readonly planId: string }; response: { readonly cancelled: boolean } };
  'properties:discard': { request: { readonly planId: string }; response: { readonly discarded: boolean } };
  // ── cost estimates: the editable price tables ──
  'cost:tables': { request: Record<string, never>; response: ReadonlyArray<PriceTable & { readonly edited: boolean }> };
  'cost:save-table': { request: { readonly table: PriceTable }; response: { readonly saved: true } };
  /** Drop the user's edit of a table (the built-in one applies again). */
  'cost:reset-table': { request: { readonly id: string }; response: { readonly reset: boolean } };

  // ── transfers: downloads, uploads, drag ──
  /** Queue the selection (objects, and folders recursively) for download into a local folder. */
  'transfers:download': {
    request: BucketRef & { readonly items: readonly DownloadItem[]; readonly destination: string; readonly conflict: ConflictPolicy };
    response: EnqueueOutcome;
  };
  /** Queue local files/folders (absolute paths) and closed upload streams for upload under `prefix`. */
  'transfers:upload': {
    request: BucketRef & {
      readonly prefix: string;
      readonly paths: readonly string[];
      readonly streams?: readonly string[];
      readonly conflict: ConflictPolicy;
      /** Class, encryption, content type, metadata, tags (shared/upload-options.ts); absent: the connection's defaults. */
      readonly options?: UploadOptions;
    };
    response: EnqueueOutcome;
  };
  /** Archived downloads that failed (note ARCHIVED_NOTE): request a restore, wait for it, then download. */
  'transfers:restore-download': {
    request: { readonly ids: readonly string[]; readonly restore: RestoreRequest };
    response: { readonly count: number };
  };
  /** Files dropped without a local path: their bytes come over IPC in base64 chunks, in order. */
  'transfers:stream-open': { request: { readonly name: string; readonly size: number }; response: { readonly streamId: string } };
  'transfers:stream-write': {
    request: { readonly streamId: string; readonly offset: number; readonly data: string };
    response: { readonly received: number };
  };
  'transfers:stream-close': { request: { readonly streamId: string; readonly abort?: boolean }; response: { readonly size: number } };
  'transfers:list': { request: Record<string, never>; response: { readonly items: readonly TransferItem[]; readonly totals: TransferTotals } };
  /** Without ids: every unfinished transfer. */
  'transfers:cancel': { request: { readonly ids?: readonly string[] }; response: { readonly count: number } };
  /** Without ids: every failed or cancelled transfer. */
  'transfers:retry': { request: { readonly ids?: readonly string[] }; response: { readonly count: number } };
  'transfers:clear': { request: { readonly includeFailed?: boolean }; response: { readonly count: number } };
  /** Pause queued and running transfers, keeping what they did (without ids: all of them). */
  'transfers:pause': { request: { readonly ids?: readonly string[] }; response: { readonly count: number } };
  /** Resume paused transfers from what they kept (without ids: all of them). */
  'transfers:resume': { request: { readonly ids?: readonly string[] }; response: { readonly count: number } };
  'transfers:pick-folder': { request: Record<string, never>; response: { readonly path: string | null } };
  'transfers:pick-upload': { request: { readonly folders: boolean }; response: { readonly paths: readonly string[] } };
  /** How this OS drags out: which single files go by DownloadURL (see drag-stream.ts), the staging limit. */
  'transfers:drag-options': { request: Record<string, never>; response: DragOptions };
  /** Drag-out, step 1: download the selection complete and verified into a temp folder. */
  'transfers:stage': { request: BucketRef & { readonly items: readonly SelectedItem[] }; response: StageOutcome };
  /** Drag-out, step 2: hand the staged files to the OS drag. */
  'transfers:drag-start': { request: { readonly stageId: string }; response: { readonly paths: readonly string[] } };
  /** Drag-out, step 3: the drag ended; staged files are removed after a grace period. */
  'transfers:drag-end': { request: { readonly stageId: string }; response: Record<string, never> };
  /** Reveal a finished download (by transfer id) in the file manager; main refuses any other path. */
  'transfers:show-in-folder': { request: { readonly id: string }; response: Record<string, never> };
  /** Open a finished download (by transfer id) with its default app. */
  'transfers:open': { request: { readonly id: string }; response: Record<string, never> };

  /** "Calculate size" in Info: every object under a folder, counted by one recursive listing (not cached). */
  'objects:folder-size': { request: BucketRef & { readonly prefix: string }; response: FolderSize };

  // ── settings ──
  'settings:get': { request: Record<string, never>; response: AppSettings };
  'settings:set': { request: SettingsPatch; response: AppSettings };
  /** The native folder dialog; the folder picked becomes the download folder (cancelled: unchanged). */
  'settings:choose-download-folder': { request: Record<string, never>; response: AppSettings };
  /** A connection's upload defaults (uploads that name no options use them). */
  'settings:upload-defaults': { request: { readonly connectionId: ConnectionId }; response: UploadDefaults };
  /** Replace them ({} clears); answers what is now stored. */
  'settings:set-upload-defaults': { request: { readonly connectionId: ConnectionId; readonly defaults: UploadDefaults }; response: UploadDefaults };
  /** Transfers the journal holds from before this start (and a journal set aside, if any). */
  'transfers:unfinished': { request: Record<string, never>; response: UnfinishedReport };
  /** Queue unfinished transfers again, keeping what they already did (without ids: all of them). */
  'transfers:resume-unfinished': { request: { readonly ids?: readonly string[] }; response: { readonly count: number } };
  /** Forget unfinished transfers: their part files go, their multipart uploads are aborted (without ids: all). */
  'transfers:discard-unfinished': { request: { readonly ids?: readonly string[] }; response: { readonly count: number } };
  /** The bucket's incomplete multipart uploads, with parts and bytes so far. */
  'transfers:incomplete-uploads': { request: BucketRef; response: readonly IncompleteUpload[] };
  /** Abort, step 1: list exactly what will be aborted (the given uploads, or all) and its size. */
  'transfers:abort-uploads-plan': {
    request: BucketRef & { readonly uploads?: ReadonlyArray<{ readonly key: string; readonly uploadId: string }> };
    response: AbortUploadsPlan;
  };
  /** Abort, step 2: abort exactly the planned uploads. */
  'transfers:abort-uploads-run': { request: { readonly planId: string }; response: AbortUploadsOutcome };
  /** Bandwidth limits in bytes per second (null: none), shared by every stream of a direction; set while running. */
  'transfers:bandwidth': {
    request: { readonly download?: number | null; readonly upload?: number | null };
    response: { readonly download: number | null; readonly upload: number | null };
  };

  // ── workspace (tabs, bookmarks, recents; persisted in the user-data folder) ──
  'workspace:get': { request: Record<string, never>; response: WorkspaceSnapshot };
  'workspace:set': { request: { readonly workspace: Workspace }; response: WorkspaceSnapshot };

  // ── menu: the native menu mirrors the renderer's command registry ──
  /** The commands that cannot run now (greyed out in the native menu), with the whole list each time. */
  'menu:state': { request: { readonly disabled: readonly CommandId[] }; response: Record<string, never> };

  // ── search: bucket index, queries, sizes ──
  /** Crawl a bucket or folder into its index; answers when done (`search:progress` meanwhile). */
  'search:crawl': { request: CrawlRequest; response: CrawlReport };
  'search:cancel': { request: { readonly crawlId: string }; response: { readonly cancelled: boolean } };
  /** Answered from the index alone (NotCached when no index covers the folder). */
  'search:query': { request: SearchQuery; response: SearchResult };
  'search:status': { request: BucketScope; response: IndexStatus };
  /** Bytes and objects per immediate subfolder, by storage class, from the index. */
  'search:sizes': { request: BucketScope & { readonly prefix: string }; response: SizesReport };
  'search:drop': { request: BucketScope; response: Record<string, never> };
  // ── sync: compare two locations, plan, run ──
  /** List both sides once and put every relative key in a group with its reason (no HeadObject per key). */
  'sync:compare': { request: CompareRequest; response: CompareResult };
  /** Turn a comparison into exact actions; deletes only with deleteExtras. */
  'sync:plan': { request: SyncPlanRequest; response: SyncPlan };
  /** Run a plan: uploads/downloads on the transfer queue, S3→S3 copies and deletes here. */
  'sync:run': { request: SyncRunRequest; response: SyncRunOutcome };
  /** Stop a comparison (by its compareToken) or an S3→S3 run (by its runToken). */
  'sync:cancel': { request: { readonly token: string }; response: { readonly cancelled: boolean } };
  /** Saved pairs (per connection, in the user-data folder), each with its last comparison's counts. */
  'sync:pairs': { request: Record<string, never>; response: readonly SyncPair[] };
  'sync:save-pair': {
    request: { readonly name: string; readonly left: SyncLocation; readonly right: SyncLocation; readonly mode: CompareMode };
    response: SyncPair;
  };
  'sync:delete-pair': { request: { readonly id: string }; response: { readonly deleted: boolean } };

}

export type Channel = keyof IpcContract;
export type RequestOf<C extends Channel> = IpcContract[C]['request'];
export type ResponseOf<C extends Channel> = IpcContract[C]['response'];

/** What main must implement: one async function per channel, always answering with an envelope. */
export type HandlerMap = { readonly [C in Channel]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>> };

/** The named methods the preload exposes as `window.s3desk`, each bound to exactly one channel. */
export const API_METHODS = {
  addConnection: 'connections:add',
  listConnections: 'connections:list',
  listBuckets: 'buckets:list',
  createBucket: 'buckets:create',
  deleteBucket: 'buckets:delete',
  bucketInfo: 'buckets:info',
  bucketConfig: 'buckets:config-get',
  saveBucketConfig: 'buckets:config-save',
  planEmptyBucket: 'buckets:empty-plan',
  runEmptyBucket: 'buckets:empty-run',
  cancelEmptyBucket: 'buckets:empty-cancel',
  discardEmptyBucket: 'buckets:empty-discard',
  listObjects: 'objects:list',
  statObjects: 'objects:stat',
  headObject: 'objects:head',
  cacheStats: 'cache:stats',
  invalidateCache: 'cache:invalidate',

  // ── connections ──
  updateConnection: 'connections:update',
  deleteConnection: 'connections:delete',
  testConnection: 'connections:test',
  listProfiles: 'connections:profiles',
  connectionStoreStatus: 'connections:status',
  answerMfa: 'connections:mfa-answer',
  signInSso: 'connections:sso-sign-in',
  cancelSso: 'connections:sso-cancel',

  // ── operations ──
  createFolder: 'operations:create-folder',
  planOperation: 'operations:plan',
  runOperation: 'operations:run',
  cancelOperation: 'operations:cancel',
  discardPlan: 'operations:discard',
  shareObject: 'operations:share',
  previewObject: 'operations:preview',

  // ── properties and price tables ──
  getProperties: 'properties:get',
  planProperties: 'properties:plan',
  runProperties: 'properties:run',
  cancelProperties: 'properties:cancel',
  discardProperties: 'properties:discard',
  priceTables: 'cost:tables',
  savePriceTable: 'cost:save-table',
  resetPriceTable: 'cost:reset-table',

  // ── previews ──
  previewParquet: 'preview:parquet',
  previewZip: 'preview:zip',
  previewText: 'preview:text',
  previewBytes: 'preview:bytes',
  cancelPreview: 'preview:cancel',
  // ── open / edit ──
  openExternally: 'edit:open',
  listEdits: 'edit:list',
  resolveEdit: 'edit:resolve',
  finishEdit: 'edit:finish',
  openMediaPreview: 'preview:media-open',
  closeMediaPreview: 'preview:media-close',
  // ── versions ──
  versioningState: 'versions:state',
  setVersioning: 'versions:set-state',
  listVersions: 'versions:list',
  listDeleted: 'versions:deleted',
  listAsOf: 'versions:as-of',
  restoreVersion: 'versions:restore-version',
  deleteVersion: 'versions:delete-version',
  planUndelete: 'versions:plan-undelete',
  planRestore: 'versions:plan-restore',
  runVersionsPlan: 'versions:run',
  cancelVersionsPlan: 'versions:cancel',
  discardVersionsPlan: 'versions:discard',

  // ── transfers ──
  downloadObjects: 'transfers:download',
  uploadPaths: 'transfers:upload',
  restoreAndDownload: 'transfers:restore-download',
  openUploadStream: 'transfers:stream-open',
  writeUploadStream: 'transfers:stream-write',
  closeUploadStream: 'transfers:stream-close',
  listTransfers: 'transfers:list',
  cancelTransfers: 'transfers:cancel',
  retryTransfers: 'transfers:retry',
  clearTransfers: 'transfers:clear',
  pauseTransfers: 'transfers:pause',
  resumeTransfers: 'transfers:resume',
  pickDownloadFolder: 'transfers:pick-folder',
  pickUploadPaths: 'transfers:pick-upload',
  dragOptions: 'transfers:drag-options',
  stageDrag: 'transfers:stage',
  startDrag: 'transfers:drag-start',
  endDrag: 'transfers:drag-end',
  showDownloadInFolder: 'transfers:show-in-folder',
  openDownload: 'transfers:open',

  folderSize: 'objects:folder-size',

  // ── settings ──
  getSettings: 'settings:get',
  setSettings: 'settings:set',
  chooseDownloadFolder: 'settings:choose-download-folder',
  uploadDefaults: 'settings:upload-defaults',
  setUploadDefaults: 'settings:set-upload-defaults',
  listUnfinishedTransfers: 'transfers:unfinished',
  resumeUnfinishedTransfers: 'transfers:resume-unfinished',
  discardUnfinishedTransfers: 'transfers:discard-unfinished',
  setBandwidthLimits: 'transfers:bandwidth',
  listIncompleteUploads: 'transfers:incomplete-uploads',
  planAbortUploads: 'transfers:abort-uploads-plan',
  runAbortUploads: 'transfers:abort-uploads-run',

  getWorkspace: 'workspace:get',
  setWorkspace: 'workspace:set',

  // ── menu ──
  setMenuState: 'menu:state',

  // ── search ──
  crawlBucket: 'search:crawl',
  cancelCrawl: 'search:cancel',
  searchIndex: 'search:query',
  indexStatus: 'search:status',
  folderSizes: 'search:sizes',
  dropIndex: 'search:drop',
  compareLocations: 'sync:compare',
  planSync: 'sync:plan',
  runSync: 'sync:run',
  cancelSync: 'sync:cancel',
  listSyncPairs: 'sync:pairs',
  saveSyncPair: 'sync:save-pair',
  deleteSyncPair: 'sync:delete-pair',

} as const satisfies Record<string, Channel>;

export type ApiMethod = keyof typeof API_METHODS;

/** Events main pushes to the renderer (progress and the like): channel → payload. */
export interface IpcEvents {
  'cache:changed': { readonly connectionId: ConnectionId; readonly bucket: string; readonly prefixes: readonly string[] };

  // ── sign-in ──
  'signin:mfa-needed': MfaNeededEvent;
  'signin:sso-code': SsoCodeEvent;
  'signin:sso-ended': SsoEndedEvent;

  // ── operations ──
  'operations:progress': OperationProgress;
  /** Counting while a plan is made (only for plan requests that carry a planningId). */
  'operations:planning': PlanningProgress;

  // ── open / edit ──
  'edit:changed': EditSession;
  'edit:ended': { readonly id: string };
  // ── transfers ──
  'transfers:progress': TransferProgressEvent;
  'transfers:batch': TransferBatchEvent;

  // ── menu ──
  /** A native menu item was clicked: the renderer runs the command through its registry. */
  'menu:command': { readonly id: CommandId };
  // ── search ──
  'search:progress': CrawlProgress;
  // ── sync ──
  'sync:progress': CompareProgress;

}

export type EventChannel = keyof IpcEvents;

/** The named subscriptions the preload exposes; each returns an unsubscribe function. */
export const EVENT_SUBSCRIPTIONS = {
  onCacheChanged: 'cache:changed',

  // ── sign-in ──
  onMfaNeeded: 'signin:mfa-needed',
  onSsoCode: 'signin:sso-code',
  onSsoEnded: 'signin:sso-ended',

  // ── operations ──
  onOperationProgress: 'operations:progress',
  onPlanningProgress: 'operations:planning',

  // ── open / edit ──
  onEditChanged: 'edit:changed',
  onEditEnded: 'edit:ended',
  // ── transfers ──
  onTransferProgress: 'transfers:progress',
  onTransferBatch: 'transfers:batch',

  // ── menu ──
  onMenuCommand: 'menu:command',
  // ── search ──
  onCrawlProgress: 'search:progress',
  onSyncProgress: 'sync:progress',

} as const satisfies Record<string, EventChannel>;

export type EventSink = <E extends EventChannel>(channel: E, payload: IpcEvents[E]) => void;

export type RendererApi = {
  readonly [M in ApiMethod]: (
    request: RequestOf<(typeof API_METHODS)[M]>,
  ) => Promise<Result<ResponseOf<(typeof API_METHODS)[M]>>>;
} & {
  readonly [S in keyof typeof EVENT_SUBSCRIPTIONS]: (
    listener: (payload: IpcEvents[(typeof EVENT_SUBSCRIPTIONS)[S]]) => void,
  ) => () => void;
};

/** The global name the preload exposes the API under. */
export const API_GLOBAL = 's3desk';

/** Fails to compile when a channel has no preload method. */
type UnexposedChannels = Exclude<Channel, (typeof API_METHODS)[ApiMethod]>;
export const EVERY_CHANNEL_EXPOSED: [UnexposedChannels] extends [never] ? true : never = true;
