/**
 * What commands decide on (CommandState: plain data read from the stores at the moment) and what they do
 * (CommandActions: effects on the stores). Kept apart so every `enabled` and `run` is tested with plain
 * objects and a recording fake, no DOM and no stores.
 */
import type { ShareKind } from '../../../shared/operations';
import type { VersioningState } from '../../../shared/versions';

export interface CommandPlace {
  readonly connectionId: string;
  readonly bucket: string;
  readonly prefix: string;
}

export interface CommandState {
  /** A connection is open (the browser is shown). */
  readonly connected: boolean;
  /** The folder shown; null on the bucket list or the start screen. */
  readonly place: CommandPlace | null;
  /** The selected keys in table order, or the focused row when nothing is selected. */
  readonly targets: readonly string[];
  readonly visibleCount: number;
  readonly canGoBack: boolean;
  readonly canGoForward: boolean;
  readonly canPaste: boolean;
  readonly previewOpen: boolean;
  readonly infoOpen: boolean;
  /** The transfers feature is wired in. */
  readonly transfers: boolean;
  /** The folder shown could not be listed (no such bucket, denied…): nothing can be uploaded into it. */
  readonly listingFailed: boolean;
  /** Commands whose owner (another feature) has registered a handler. */
  readonly hosted: ReadonlySet<HostedCommand>;
  /** The buckets feature is wired in (absent: not). */
  readonly buckets?: boolean;
  /** The properties feature is wired in (absent: not). */
  readonly properties?: boolean;
  /** The versions feature's view of this tab; absent when it is not wired in. */
  readonly versions?: VersionsCommandState;
  /** The compare-and-sync feature is wired in. */
  readonly sync?: boolean;
}

export interface VersionsCommandState {
  /** This bucket's versioning, once asked (null: not asked yet, or the question failed). */
  readonly state: VersioningState | null;
  readonly showDeleted: boolean;
  /** "View as of" is on at this instant (ms): the view is read-only. */
  readonly asOf: number | null;
  /** How many of `targets` are deleted rows (Show deleted). */
  readonly deletedTargets: number;
}

/** Commands the shell, settings or transfer panel provide; they stay disabled until one registers. */
export type HostedCommand = 'settings' | 'theme' | 'toggle-transfers-panel' | 'toggle-grid-view';

export interface CommandActions {
  open(key: string): void;
  preview(key: string): void;
  /** A temp copy opened with the OS default app (`edit`: watched, and each save uploaded back). */
  openExternally(place: CommandPlace, key: string, edit: boolean): void;
  closePreview(): void;
  info(key: string): void;
  closeInfo(): void;
  /** The Properties dialog for the targets (one object: its properties; many or folders: a bulk edit). */
  properties(place: CommandPlace, keys: readonly string[]): void;
  newBucket(): void;
  bucketInfo(place: CommandPlace): void;
  newFolder(place: CommandPlace): void;
  upload(place: CommandPlace, folders: boolean): void;
  /** Pick files, then choose their storage class, encryption, type, metadata and tags. */
  uploadWithOptions(place: CommandPlace): void;
  download(place: CommandPlace, keys: readonly string[]): void;
  /** The bucket's incomplete multipart uploads (the view lists them; aborting is confirmed there). */
  incompleteUploads(place: CommandPlace): void;
  share(place: CommandPlace, key: string, kind: ShareKind): void;
  rename(place: CommandPlace, key: string): void;
  delete(place: CommandPlace, keys: readonly string[]): void;
  copy(place: CommandPlace, keys: readonly string[]): void;
  cut(place: CommandPlace, keys: readonly string[]): void;
  paste(place: CommandPlace): void;
  selectAll(): void;
  focus(target: 'address' | 'filter'): void;
  refresh(): void;
  back(): void;
  forward(): void;
  up(): void;
  hosted(id: HostedCommand): void;
  versions(place: CommandPlace, key: string): void;
  undelete(place: CommandPlace, keys: readonly string[]): void;
  restoreFolder(place: CommandPlace): void;
  bucketVersioning(place: CommandPlace): void;
  toggleShowDeleted(place: CommandPlace): void;
  viewAsOf(place: CommandPlace): void;
  /** Compare (and sync) this S3 folder with another location: the sync dialog, with it on the right. */
  compare(place: CommandPlace, prefix: string): void;
}
