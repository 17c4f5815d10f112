/** Transfer tuning and the dependencies every part of the transfer feature shares. */
import type { ConflictPolicy, DownloadItem } from '../../shared/transfers';
import type { UploadDefaults, UploadOptions } from '../../shared/upload-options';
import type { CoreContext } from '../core/context';
import type { DesktopAdapter, DialogAdapter, DownloadFolderPolicy, DragAdapter } from './adapters';
import type { ArchivedDownloads } from './archived-downloads';
import type { BandwidthLimit } from './bandwidth';
import { DEFAULT_DOWNLOAD_TUNING, type DownloadTuning } from './download-object';
import type { TransferJournal } from './journal/transfer-journal';
import type { Limiter } from './limiter';
import { DEFAULT_RULES, type PathRules } from './safe-path';
import type { SmallFiles } from './small-files';
import { DEFAULT_UPLOAD_TUNING, type UploadTuning } from './upload-file';

export interface TransferOptions {
  readonly download: DownloadTuning;
  readonly upload: UploadTuning;
  /** Files transferred at once. */
  readonly fileConcurrency: number;
  /** HTTP requests (GETs, PUTs, multipart uploads) in flight at once across all transfers. */
  readonly requestConcurrency: number;
  /** Progress events at most this often. */
  readonly throttleMs: number;
  readonly rules: PathRules;
  /** Where drag-out staging and streamed uploads keep temp files. */
  readonly tempDir: string;
  /** Drag-out stages larger than this are refused with a message suggesting Download. */
  readonly stageLimitBytes: number;
  /** How long staged files outlive the drag (the OS may copy them after the drop completes). */
  readonly stageGraceMs: number;
  /**
   * Single files at least this large are dragged out by Chromium's DownloadURL (fetched when dropped, no size
   * limit) instead of being staged; null where Chromium has no DownloadURL drags (Linux). Set by the app per OS.
   */
  readonly dragStreamAboveBytes: number | null;
  readonly dialogs?: DialogAdapter;
  readonly drag?: DragAdapter;
  readonly desktop?: DesktopAdapter;
  /** The Settings page's download folder; without it every download needs a folder from the caller. */
  readonly downloadFolders?: DownloadFolderPolicy;
  /** Where the transfer journal lives (the user-data folder); without it nothing survives a restart. */
  readonly journalDir?: string;
  /** How often a download waiting for an archive restore asks whether it is done (archived-downloads.ts). */
  readonly restorePollMs?: number;
  /** Per-connection upload defaults, for uploads that name no options. */
  readonly uploadDefaults?: UploadDefaultsPolicy;
  /** Bandwidth limits at start, bytes per second (null: none); changeable while running. */
  readonly bandwidth?: BandwidthLimits;
}

export interface BandwidthLimits {
  readonly download: number | null;
  readonly upload: number | null;
}

export const DEFAULT_TRANSFER_OPTIONS: TransferOptions = {
  download: DEFAULT_DOWNLOAD_TUNING,
  upload: DEFAULT_UPLOAD_TUNING,
  // Small files are bound by per-request latency (client, server, file system), not bandwidth: more in flight
  // keeps both cores busy; big objects still use at most download.partConcurrency ranges each.
  fileConcurrency: 32,
  requestConcurrency: 32,
  throttleMs: 250,
  rules: DEFAULT_RULES,
  /** Replaced per service by a fresh folder (two cores in one process never share temp files). */
  tempDir: '',
  stageLimitBytes: 512 * 1024 * 1024,
  stageGraceMs: 60_000,
  dragStreamAboveBytes: null,
};

/** What downloads, uploads and drags share: the core, the options, one request limit and one file writer. */
export interface TransferDeps {
  readonly ctx: CoreContext;
  readonly options: TransferOptions;
  /** Bounds HTTP requests in flight across every transfer. */
  readonly requests: Limiter;
  /** Small downloads are written, small uploads read, on a worker thread (see small-files.ts). */
  readonly smallFiles: SmallFiles;
  /** One limit per direction, shared by every stream of it. */
  readonly bandwidth?: { readonly download: BandwidthLimit; readonly upload: BandwidthLimit };
  /** Archived downloads: refused with the reason, or restored and waited for (archived-downloads.ts). */
  readonly archived?: ArchivedDownloads;
  /** The journal once loaded (null without a journal folder, or when it could not be opened). */
  readonly journal?: Promise<TransferJournal | null>;
}

export interface DownloadRequest {
  readonly connectionId: string;
  readonly bucket: string;
  readonly items: readonly DownloadItem[];
  readonly destination: string;
  readonly conflict: ConflictPolicy;
}

export interface UploadRequest {
  readonly connectionId: string;
  readonly bucket: string;
  readonly prefix: string;
  readonly paths: readonly string[];
  readonly streams?: readonly string[];
  readonly conflict: ConflictPolicy;
  /** Class, encryption, type, metadata, tags; absent: the connection's defaults (uploadDefaults). */
  readonly options?: UploadOptions;
}

/** Where a connection's upload defaults come from (main/settings/upload-defaults.ts). */
export interface UploadDefaultsPolicy {
  defaultsFor(connectionId: string): UploadDefaults;
}
