/**
 * One tab's versions feature: its two stores, the guard every versions command passes (the bucket must have
 * or have had versioning; if it never had, the bucket-versioning dialog opens and says why, offering to enable
 * it), and the link to the browser: a move to another folder reloads what is on, and Show deleted's entries
 * become greyed rows in the browser's own table (so selection, menus and shortcuts work on them).
 */
import { basename } from '../../../../shared/keys';
import type { Entry } from '../../../../shared/types';
import type { DeletedEntry } from '../../../../shared/versions';
import { deletedRows } from '../../lib/rows';
import type { BrowserStore } from '../browser';
import { createRecoveryStore, type Place, type RecoveryApi, type RecoveryStore } from './recovery-store';
import { type BucketPlace, createVersioningStore, type VersioningApi, type VersioningStore } from './versioning-store';

export type VersionsApi = VersioningApi & RecoveryApi;

export interface VersionsWiring {
  readonly versioning: VersioningStore;
  readonly recovery: RecoveryStore;
  /** Versions… of one file, once the bucket is known to keep versions. */
  openVersions(place: BucketPlace, key: string): Promise<void>;
  /** Runs `action` if the bucket has (or had) versioning; otherwise explains in the versioning dialog. */
  whenVersioned(place: BucketPlace, what: string, action: () => Promise<void>): Promise<void>;
}

export function createVersionsWiring(api: VersionsApi, deps: { readonly writeClipboard: (text: string) => Promise<void> }): VersionsWiring {
  const versioning = createVersioningStore(api, deps);
  const recovery = createRecoveryStore(api);
  const whenVersioned = async (place: BucketPlace, what: string, action: () => Promise<void>) => {
    // A failed question (e.g. GetBucketVersioning denied) does not block: the action itself then says why.
    const state = await versioning.getState().ensureState(place);
    if (state === 'never') {
      await versioning.getState().openDialog(place, `${what} needs versioning, and this bucket has never had it.`);
      return;
    }
    await action();
  };
  return {
    versioning,
    recovery,
    whenVersioned,
    openVersions: (place, key) => whenVersioned(place, 'Versions…', () => versioning.getState().openPanel(place, key)),
  };
}

/** A deleted entry as a browser entry: a file shows when it was deleted; its size is unknown ("—"). */
export function deletedEntry(d: DeletedEntry): Entry {
  return d.kind === 'folder'
    ? { kind: 'folder', key: d.key, name: basename(d.key) }
    : { kind: 'object', key: d.key, name: basename(d.key), size: 0, lastModified: d.deletedAt ?? 0, etag: '', storageClass: '' };
}

const NONE: readonly DeletedEntry[] = [];

function placeOf(browser: BrowserStore): Place | null {
  const { connection, location } = browser.getState();
  return connection && location.bucket !== null ? { connectionId: connection.id, bucket: location.bucket, prefix: location.prefix } : null;
}

/** Keeps the recovery store on the browser's folder and the browser showing its deleted rows; returns the undo. */
export function followBrowser(browser: BrowserStore, wiring: VersionsWiring): () => void {
  let where = '';
  const onBrowser = () => {
    const place = placeOf(browser);
    const next = place ? `${place.connectionId}\0${place.bucket}\0${place.prefix}` : '';
    if (next === where) return;
    where = next;
    void wiring.recovery.getState().placeChanged(place);
  };
  let shown: unknown = null;
  const onRecovery = () => {
    const { deleted, showDeleted } = wiring.recovery.getState();
    const entries = showDeleted && deleted.status === 'ready' ? deleted.entries : NONE;
    if (entries === shown) return;
    shown = entries;
    const place = placeOf(browser);
    // Rows of another folder (the answer came after a move) are not shown here.
    const here = place && deleted.place && deleted.place.prefix === place.prefix && deleted.place.bucket === place.bucket;
    browser.getState().setExtraRows(here ? deletedRows(entries.map(deletedEntry)) : []);
  };
  onBrowser();
  const unsubs = [browser.subscribe(onBrowser), wiring.recovery.subscribe(onRecovery)];
  return () => {
    for (const u of unsubs) u();
  };
}
