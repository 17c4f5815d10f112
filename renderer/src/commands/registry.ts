/**
 * The command registry: for every command of shared/commands.ts, when it can run (or why not, for the
 * tooltip) and what it does. The toolbar, the context menus, the native menu (via menu:state/menu:command)
 * and the keyboard all go through `commandEnabled` and `runCommand`, so a command behaves the same whichever
 * way it is started.
 */
import { isFolderKey } from '../../../shared/keys';
import type { CommandId } from '../../../shared/commands';
import type { CommandActions, CommandPlace, CommandState } from './command-state';

export interface CommandImpl {
  /** null when the command can run; otherwise the reason, shown in its tooltip. */
  enabled(state: CommandState): string | null;
  run(state: CommandState, actions: CommandActions): void;
  /**
   * Its modified keys (Alt+Left, Ctrl+L, F5) also act while a text field has focus. Bare keys (Backspace,
   * Delete, Space) never do: there they edit text.
   */
  readonly inTextFields?: boolean;
  /** The table's own keyboard model handles its keys (Enter, Ctrl+A); the global handler leaves them alone. */
  readonly tableKeys?: boolean;
}

const NEED_BUCKET = 'Open a bucket first';
const NEED_SELECTION = 'Select something first';
const NEED_ONE = 'Select one item';
const NEED_ONE_FILE = 'Select one file';

const single = (s: CommandState) => (s.targets.length === 1 ? (s.targets[0] as string) : null);
const singleFile = (s: CommandState) => {
  const key = single(s);
  return key !== null && !isFolderKey(key) ? key : null;
};

/** The one guard every place-bound command shares: in a bucket, and with whatever it needs selected. */
function inPlace(need: 'none' | 'some' | 'one' | 'one-file', s: CommandState): string | null {
  if (!s.place) return NEED_BUCKET;
  if (need !== 'none' && (s.versions?.deletedTargets ?? 0) > 0) return 'The selection holds deleted items: undelete them first';
  if (need === 'some' && s.targets.length === 0) return NEED_SELECTION;
  if (need === 'one' && single(s) === null) return NEED_ONE;
  if (need === 'one-file' && singleFile(s) === null) return NEED_ONE_FILE;
  return null;
}

const place = (s: CommandState) => s.place as CommandPlace;

/** Commands that change the bucket: refused while the view shows the past ("View as of"). */
function writable(reason: string | null, s: CommandState): string | null {
  return s.versions?.asOf != null ? 'Read-only: this view shows the folder as it was. Choose "Back to now" to change things' : reason;
}

/** The versions commands: wired in, in a bucket, and on a bucket that has (or had) versioning. */
function versioned(s: CommandState): string | null {
  if (!s.versions) return 'Versions are not available';
  if (!s.place) return NEED_BUCKET;
  if (s.versions.state === 'never') return 'This bucket has never had versioning: Bucket versioning… can enable it';
  return null;
}

function uploadable(s: CommandState): string | null {
  if (!s.transfers) return 'Transfers are not available';
  if (s.listingFailed) return 'This folder could not be opened, so nothing can be uploaded into it';
  return writable(inPlace('none', s), s);
}

const allDeleted = (s: CommandState) => s.targets.length > 0 && s.versions?.deletedTargets === s.targets.length;

export const REGISTRY: Readonly<Record<CommandId, CommandImpl>> = {
  open: { enabled: (s) => inPlace('one', s), run: (s, a) => a.open(single(s) as string), tableKeys: true },
  preview: {
    // With the preview up, Preview closes it (the pane holds the keyboard; this is for menus and the toolbar).
    enabled: (s) => (s.previewOpen ? null : inPlace('one-file', s)),
    run: (s, a) => (s.previewOpen ? a.closePreview() : a.preview(singleFile(s) as string)),
  },
  'open-with': { enabled: (s) => inPlace('one-file', s), run: (s, a) => a.openExternally(place(s), singleFile(s) as string, false) },
  edit: { enabled: (s) => writable(inPlace('one-file', s), s), run: (s, a) => a.openExternally(place(s), singleFile(s) as string, true) },
  info: { enabled: (s) => inPlace('one', s), run: (s, a) => a.info(single(s) as string), inTextFields: true },
  properties: {
    enabled: (s) => (s.properties ? writable(inPlace('some', s), s) : 'Properties are not available'),
    run: (s, a) => a.properties(place(s), s.targets) },
  'new-bucket': {
    enabled: (s) => (!s.buckets ? 'Buckets are not available' : s.connected ? null : 'Open a connection first'),
    run: (_s, a) => a.newBucket(),
  },
  'bucket-info': { enabled: (s) => (s.buckets ? inPlace('none', s) : 'Buckets are not available'), run: (s, a) => a.bucketInfo(place(s)) },
  'new-folder': { enabled: (s) => writable(inPlace('none', s), s), run: (s, a) => a.newFolder(place(s)) },
  'upload-files': {
    enabled: uploadable,
    run: (s, a) => a.upload(place(s), false),
  },
  'upload-folder': {
    enabled: uploadable,
    run: (s, a) => a.upload(place(s), true),
  },
  'upload-with-options': { enabled: uploadable, run: (s, a) => a.uploadWithOptions(place(s)) },
  download: {
    enabled: (s) => (s.transfers ? inPlace('some', s) : 'Transfers are not available'),
    run: (s, a) => a.download(place(s), s.targets),
    inTextFields: true,
  },
  compare: {
    // On one selected folder: that folder; otherwise the folder shown.
    enabled: (s) => (s.sync ? (inPlace('none', s) ?? (s.targets.length > 1 ? 'Select one folder, or nothing to compare this folder' : null)) : 'Compare is not available'),
    run: (s, a) => {
      const key = single(s);
      a.compare(place(s), key !== null && isFolderKey(key) ? key : place(s).prefix);
    },
  },
  'incomplete-uploads': {
    enabled: (s) => (s.transfers ? inPlace('none', s) : 'Transfers are not available'),
    run: (s, a) => a.incompleteUploads(place(s)),
  },
  'share-link': { enabled: (s) => inPlace('one-file', s), run: (s, a) => a.share(place(s), singleFile(s) as string, 'presigned') },
  'copy-s3-uri': { enabled: (s) => inPlace('one', s), run: (s, a) => a.share(place(s), single(s) as string, 's3-uri') },
  'copy-object-url': { enabled: (s) => inPlace('one-file', s), run: (s, a) => a.share(place(s), singleFile(s) as string, 'object-url') },
  rename: { enabled: (s) => writable(inPlace('one', s), s), run: (s, a) => a.rename(place(s), single(s) as string) },
  delete: { enabled: (s) => writable(inPlace('some', s), s), run: (s, a) => a.delete(place(s), s.targets) },
  versions: {
    // A deleted file's versions are the way back, so deleted rows are allowed here.
    enabled: (s) => versioned(s) ?? (singleFile(s) === null ? NEED_ONE_FILE : s.versions?.asOf != null ? 'Choose "Back to now" first' : null),
    run: (s, a) => a.versions(place(s), singleFile(s) as string),
  },
  undelete: {
    enabled: (s) =>
      writable(versioned(s) ?? (allDeleted(s) ? null : s.versions?.showDeleted ? 'Select deleted files or folders' : 'Turn on Show deleted, then select what to undelete'), s),
    run: (s, a) => a.undelete(place(s), s.targets),
  },
  'restore-folder': {
    enabled: (s) => versioned(s) ?? (s.versions?.asOf != null ? null : 'Choose View as of… first: restore brings the folder back to that time'),
    run: (s, a) => a.restoreFolder(place(s)),
  },
  'bucket-versioning': { enabled: (s) => (s.versions ? inPlace('none', s) : 'Versions are not available'), run: (s, a) => a.bucketVersioning(place(s)) },
  'show-deleted': {
    enabled: (s) => versioned(s) ?? (s.versions?.asOf != null ? 'Choose "Back to now" first' : null),
    run: (s, a) => a.toggleShowDeleted(place(s)),
  },
  'view-as-of': { enabled: versioned, run: (s, a) => a.viewAsOf(place(s)) },
  settings: { enabled: (s) => (s.hosted.has('settings') ? null : 'Settings are not available yet'), run: (_s, a) => a.hosted('settings') },
  cut: { enabled: (s) => writable(inPlace('some', s), s), run: (s, a) => a.cut(place(s), s.targets) },
  copy: { enabled: (s) => inPlace('some', s), run: (s, a) => a.copy(place(s), s.targets) },
  paste: {
    enabled: (s) => writable(inPlace('none', s) ?? (s.canPaste ? null : 'Nothing to paste: copy or cut something first'), s),
    run: (s, a) => a.paste(place(s)),
  },
  'select-all': {
    enabled: (s) => inPlace('none', s) ?? (s.visibleCount > 0 ? null : 'This folder shows nothing to select'),
    run: (_s, a) => a.selectAll(),
    tableKeys: true,
  },
  filter: { enabled: (s) => inPlace('none', s), run: (_s, a) => a.focus('filter'), inTextFields: true },
  refresh: { enabled: (s) => (s.connected ? null : 'Open a connection first'), run: (_s, a) => a.refresh(), inTextFields: true },
  'toggle-info-panel': {
    enabled: (s) => (s.infoOpen ? null : inPlace('one', s)),
    run: (s, a) => (s.infoOpen ? a.closeInfo() : a.info(single(s) as string)),
    inTextFields: true,
  },
  'toggle-transfers-panel': {
    enabled: (s) => (s.hosted.has('toggle-transfers-panel') ? null : 'The transfers panel cannot be hidden yet'),
    run: (_s, a) => a.hosted('toggle-transfers-panel'),
    inTextFields: true,
  },
  'toggle-grid-view': {
    enabled: (s) => (s.hosted.has('toggle-grid-view') ? null : 'Open a bucket first'),
    run: (_s, a) => a.hosted('toggle-grid-view'),
    inTextFields: true,
  },
  theme: { enabled: (s) => (s.hosted.has('theme') ? null : 'Themes are not available yet'), run: (_s, a) => a.hosted('theme') },
  back: { enabled: (s) => (s.canGoBack ? null : 'No earlier location'), run: (_s, a) => a.back(), inTextFields: true },
  forward: { enabled: (s) => (s.canGoForward ? null : 'No later location'), run: (_s, a) => a.forward(), inTextFields: true },
  up: { enabled: (s) => (s.place ? null : 'Already at the top'), run: (_s, a) => a.up(), inTextFields: true },
  'address-bar': { enabled: (s) => (s.connected ? null : 'Open a connection first'), run: (_s, a) => a.focus('address'), inTextFields: true },
};

export function commandEnabled(id: CommandId, state: CommandState): string | null {
  return REGISTRY[id].enabled(state);
}

/** Runs the command if it can run now; false (and nothing happens) if not. */
export function runCommand(id: CommandId, state: CommandState, actions: CommandActions): boolean {
  if (commandEnabled(id, state) !== null) return false;
  REGISTRY[id].run(state, actions);
  return true;
}

/** Every command that cannot run now: what the native menu greys out. */
export function disabledCommands(ids: readonly CommandId[], state: CommandState): CommandId[] {
  return ids.filter((id) => commandEnabled(id, state) !== null);
}
