/**
 * The registry bound to the app's stores: reads a CommandState from the browser and operations stores and
 * carries out CommandActions on them (and on the transfers store). App creates one; the toolbar, context
 * menus, shortcuts and the native-menu bridge all use it.
 */
import { COMMAND_IDS, type CommandId } from '../../../shared/commands';
import { type BrowserStore, createSelectors } from '../features/browser';
import type { OperationsStore } from '../features/operations';
import { previewKind, type PreviewStore } from '../features/preview';
import { isFolderKey } from '../../../shared/keys';
import type { PropertiesStore } from '../features/properties';
import type { BucketsStore } from '../features/buckets';
import type { SyncStore } from '../features/sync';
import type { TransfersWiring } from '../features/transfers';
import { stateOf, type VersionsWiring } from '../features/versions';
import type { CommandActions, CommandState, HostedCommand } from './command-state';
import { commandEnabled, disabledCommands, runCommand } from './registry';

export interface AppCommandsDeps {
  readonly browser: BrowserStore;
  readonly ops: OperationsStore;
  readonly transfers?: TransfersWiring;
  /** This tab's versions stores (Versions panel, Show deleted, View as of). */
  readonly versions?: VersionsWiring;
  /** The preview pane (Space, double-click). */
  readonly preview: PreviewStore;
  /** This tab's Properties dialog. */
  readonly properties?: PropertiesStore;
  /** This tab's New bucket / Bucket info dialogs. */
  readonly buckets?: BucketsStore;
  /** The compare-and-sync dialog's store. */
  readonly sync?: Pick<SyncStore, 'getState'>;
  readonly mac: boolean;
}

export interface AppCommands {
  readonly mac: boolean;
  state(): CommandState;
  /** null when it can run, else why not. */
  reason(id: CommandId): string | null;
  run(id: CommandId): boolean;
  disabled(): CommandId[];
  /** Calls back whenever anything a command decides on may have changed. */
  subscribe(listener: () => void): () => void;
  /** Where Ctrl+L / Ctrl+F put the keyboard (the browser view registers its fields). */
  setFocusTarget(target: 'address' | 'filter', focus: (() => void) | null): void;
  /** Another feature provides Settings, Theme or the transfer panel's toggle; returns the unregister. */
  host(id: HostedCommand, run: () => void): () => void;
  /** A double-click on a row: what Open does for that key (it need not be the selection). */
  openKey(key: string): void;
}

export function createAppCommands({ browser, ops, transfers, versions, preview: pane, properties, buckets, sync, mac }: AppCommandsDeps): AppCommands {
  const selectors = createSelectors();
  const focusTargets = new Map<'address' | 'filter', () => void>();
  const hosted = new Map<HostedCommand, () => void>();
  const hostListeners = new Set<() => void>();

  // Every toolbar button and the menu bridge ask on each render: read the stores once per change, not per
  // button (the selection filter walks the visible keys, up to a million).
  let memo: { b: unknown; o: unknown; v: unknown; r: unknown; p: unknown; hosted: number; state: CommandState } | null = null;
  let hostedVersion = 0;
  const state = (): CommandState => {
    const b = browser.getState();
    const o = ops.getState();
    const v = versions?.versioning.getState();
    const r = versions?.recovery.getState();
    const p = pane.getState().shown;
    if (memo && memo.b === b && memo.o === o && memo.v === v && memo.r === r && memo.p === p && memo.hosted === hostedVersion) return memo.state;
    const next = readState(b, o);
    memo = { b, o, v, r, p, hosted: hostedVersion, state: next };
    return next;
  };

  const readState = (b: ReturnType<BrowserStore['getState']>, o: ReturnType<OperationsStore['getState']>): CommandState => {
    const visible = selectors.selectVisible(b).keys;
    const place = b.connection && b.location.bucket !== null ? { connectionId: b.connection.id, bucket: b.location.bucket, prefix: b.location.prefix } : null;
    // Only what the table shows is acted on: keys hidden by the filter stay out.
    const selected = b.selection.selected.size > 0 ? visible.filter((k) => b.selection.selected.has(k)) : [];
    const focused = b.selection.focus;
    const recovery = versions?.recovery.getState();
    const asOf = recovery?.asOf?.at ?? null;
    // While the past is shown, the (hidden) live table's selection is not what the user sees: act on nothing.
    const targets = asOf !== null ? [] : selected.length > 0 ? selected : focused !== null && place ? [focused] : [];
    const deleted = b.extraRows.length > 0 ? new Set(b.extraRows.filter((r) => r.deleted).map((r) => r.key)) : null;
    return {
      connected: b.connection !== null,
      place,
      targets,
      ...(versions && recovery
        ? {
            versions: {
              state: stateOf(versions.versioning.getState().states, place),
              showDeleted: recovery.showDeleted,
              asOf,
              deletedTargets: deleted ? targets.filter((k) => deleted.has(k)).length : 0,
            },
          }
        : {}),
      visibleCount: place ? visible.length : 0,
      canGoBack: b.back.length > 0,
      canGoForward: b.forward.length > 0,
      canPaste: o.clipboard !== null,
      previewOpen: pane.getState().shown !== null,
      infoOpen: b.info.key !== null,
      transfers: transfers !== undefined,
      properties: properties !== undefined,
      buckets: buckets !== undefined,
      sync: sync !== undefined,
      listingFailed: b.listing.status === 'error',
      hosted: new Set(hosted.keys()),
    };
  };

  /** The pane shows how Open / Edit goes (downloading, opened, or why not), for files without a preview too. */
  const showAndOpen = async (place: { connectionId: string; bucket: string }, key: string, edit: boolean) => {
    const p = pane.getState();
    if (p.shown?.key !== key) await p.open(place, key);
    await pane.getState().openExternally(place, key, edit);
  };

  /** Enter and double-click: a bucket or folder opens; a file shows its preview, or opens in its app when it has none. */
  const openKey = (key: string) => {
    const b = browser.getState();
    const place = state().place;
    if (!place || isFolderKey(key)) return void b.openEntry(key);
    if (previewKind(key) === 'unknown') void showAndOpen(place, key, false);
    else void pane.getState().open(place, key);
  };

  const items = (keys: readonly string[]) => keys.map((key) => ({ key, kind: key.endsWith('/') ? ('folder' as const) : ('object' as const) }));
  const selection = (place: { connectionId: string; bucket: string }, keys: readonly string[]) => ({ connectionId: place.connectionId, bucket: place.bucket, keys });

  const actions: CommandActions = {
    open: (key) => openKey(key),
    preview: (key) => {
      const place = state().place;
      if (!place) return;
      void pane.getState().open(place, key);
    },
    openExternally: (place, key, edit) => void showAndOpen(place, key, edit),
    closePreview: () => pane.getState().close(),
    info: (key) => {
      const b = browser.getState();
      void b.showInfo(key).then(() => b.loadHead());
    },
    closeInfo: () => browser.getState().closeInfo(),
    properties: (place, keys) => void properties?.getState().open(place, keys),
    newBucket: () => {
      const c = browser.getState().connection;
      if (c) buckets?.getState().openNew(c.id, c.region);
    },
    bucketInfo: (place) => void buckets?.getState().openInfo(place.connectionId, place.bucket),
    newFolder: (place) => ops.getState().openNewFolder(place),
    upload: (place, folders) => void transfers?.store.getState().pickAndUpload(place, folders),
    uploadWithOptions: (place) => void transfers?.uploadOptions.getState().open(place),
    download: (place, keys) => void transfers?.store.getState().download({ connectionId: place.connectionId, bucket: place.bucket }, items(keys)),
    incompleteUploads: (place) => void transfers?.incomplete.getState().open({ connectionId: place.connectionId, bucket: place.bucket }),
    share: (place, key, kind) => {
      if (kind === 'presigned') ops.getState().openShareDialog(key);
      else void ops.getState().share(place, key, kind);
    },
    rename: (place, key) => ops.getState().openRename(place, key),
    delete: (place, keys) => void ops.getState().requestDelete(selection(place, keys)),
    copy: (place, keys) => ops.getState().copy(selection(place, keys)),
    cut: (place, keys) => ops.getState().cut(selection(place, keys)),
    paste: (place) => void ops.getState().paste(place),
    selectAll: () => browser.getState().selectAll(selectors.selectVisible(browser.getState()).keys),
    focus: (target) => focusTargets.get(target)?.(),
    refresh: () => void browser.getState().refresh(),
    back: () => void browser.getState().goBack(),
    forward: () => void browser.getState().goForward(),
    up: () => void browser.getState().up(),
    hosted: (id) => hosted.get(id)?.(),
    versions: (place, key) => void versions?.openVersions(place, key),
    undelete: (place, keys) => void versions?.recovery.getState().planUndelete(place, keys),
    restoreFolder: (place) => {
      const at = versions?.recovery.getState().asOf?.at;
      if (at !== undefined) void versions?.recovery.getState().planRestore(place, at);
    },
    bucketVersioning: (place) => void versions?.versioning.getState().openDialog(place),
    toggleShowDeleted: (place) => void versions?.whenVersioned(place, 'Show deleted', () => versions.recovery.getState().toggleShowDeleted(place)),
    compare: (place, prefix) => sync?.getState().openFor({ kind: 's3', connectionId: place.connectionId, bucket: place.bucket, prefix }),
    viewAsOf: (place) => void versions?.whenVersioned(place, 'View as of', async () => versions.recovery.getState().openAsOfPicker(place)),
  };

  return {
    mac,
    state,
    reason: (id) => commandEnabled(id, state()),
    run: (id) => runCommand(id, state(), actions),
    disabled: () => disabledCommands(COMMAND_IDS, state()),
    subscribe(listener) {
      const unsubs = [browser.subscribe(listener), ops.subscribe(listener)];
      if (versions) unsubs.push(versions.versioning.subscribe(listener), versions.recovery.subscribe(listener));
      unsubs.push(pane.subscribe(listener));
      hostListeners.add(listener);
      return () => {
        for (const u of unsubs) u();
        hostListeners.delete(listener);
      };
    },
    openKey,
    setFocusTarget(target, focus) {
      if (focus) focusTargets.set(target, focus);
      else focusTargets.delete(target);
    },
    host(id, run) {
      hosted.set(id, run);
      hostedVersion += 1;
      for (const l of hostListeners) l();
      return () => {
        if (hosted.get(id) === run) hosted.delete(id);
        hostedVersion += 1;
        for (const l of hostListeners) l();
      };
    },
  };
}
