/**
 * A bucket's versioning state (the bucket-info dialog with Enable / Suspend) and the Versions panel of one
 * key: every version and delete marker, with restore-as-current and delete-permanently, each confirmed first.
 * Built from a narrow Pick of the API so tests drive it with a fake typed from the contract. The state is
 * asked for only when a versions command or the dialog needs it: ordinary browsing sends nothing more.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RendererApi } from '../../../../shared/ipc';
import type { Preview } from '../../../../shared/operations';
import type { ObjectVersion, VersioningState } from '../../../../shared/versions';
import { call, type UserError } from '../../lib/call';

export type VersioningApi = Pick<RendererApi, 'versioningState' | 'setVersioning' | 'listVersions' | 'restoreVersion' | 'deleteVersion' | 'previewObject'>;

export interface BucketPlace {
  readonly connectionId: string;
  readonly bucket: string;
}

export interface VersioningDialog {
  readonly place: BucketPlace;
  /** Why it opened, when a command found versioning missing ("Versions… needs versioning"). */
  readonly why: string | null;
  /** The change waiting for its confirmation. */
  readonly confirm: 'enable' | 'suspend' | null;
  readonly busy: boolean;
  readonly error: UserError | null;
}

export type VersionAction = 'restore' | 'delete';

export interface VersionsPanel {
  readonly place: BucketPlace;
  readonly key: string;
  readonly status: 'loading' | 'ready' | 'error';
  readonly versions: readonly ObjectVersion[];
  readonly error: UserError | null;
  readonly confirm: { readonly action: VersionAction; readonly version: ObjectVersion } | null;
  readonly busy: boolean;
  /** What the last action did, in a sentence. */
  readonly notice: string | null;
  /** The first bytes of one version, read by its version id (any version, not only the current one). */
  readonly preview: VersionPreview | null;
}

export interface VersionPreview {
  readonly version: ObjectVersion;
  readonly status: 'loading' | 'ready' | 'error';
  readonly value: Preview | null;
  readonly error: UserError | null;
}

export interface VersioningData {
  /** Known states by "connection\0bucket". */
  readonly states: Readonly<Record<string, VersioningState>>;
  readonly dialog: VersioningDialog | null;
  readonly panel: VersionsPanel | null;
}

export interface VersioningActions {
  /** The bucket's state, asked once per bucket (again with `refresh`); null when the question failed. */
  ensureState(place: BucketPlace, refresh?: boolean): Promise<VersioningState | null>;
  openDialog(place: BucketPlace, why?: string): Promise<void>;
  closeDialog(): void;
  askChange(change: 'enable' | 'suspend'): void;
  cancelChange(): void;
  confirmChange(): Promise<void>;
  openPanel(place: BucketPlace, key: string): Promise<void>;
  reloadPanel(): Promise<void>;
  closePanel(): void;
  ask(action: VersionAction, version: ObjectVersion): void;
  cancelAsk(): void;
  confirmAsk(): Promise<void>;
  previewVersion(version: ObjectVersion): Promise<void>;
  closePreview(): void;
  /** Text for the clipboard, through the injected writer. */
  copyText(text: string, what: string): Promise<void>;
}

export type VersioningStore = StoreApi<VersioningData & VersioningActions>;

const slot = (p: BucketPlace) => `${p.connectionId}\0${p.bucket}`;
/** Only the bucket's reference: callers may pass a folder place, and main's schemas refuse extra fields. */
const ref = (p: BucketPlace): BucketPlace => ({ connectionId: p.connectionId, bucket: p.bucket });

export function stateOf(states: VersioningData['states'], place: BucketPlace | null): VersioningState | null {
  return place ? (states[slot(place)] ?? null) : null;
}

export function createVersioningStore(api: VersioningApi, deps: { readonly writeClipboard: (text: string) => Promise<void> }): VersioningStore {
  return createStore<VersioningData & VersioningActions>()((set, get) => {
    const patchDialog = (patch: Partial<VersioningDialog>) => {
      const d = get().dialog;
      if (d) set({ dialog: { ...d, ...patch } });
    };
    const patchPanel = (patch: Partial<VersionsPanel>) => {
      const p = get().panel;
      if (p) set({ panel: { ...p, ...patch } });
    };
    const loadPanel = async (place: BucketPlace, key: string, refresh: boolean) => {
      const res = await call(() => api.listVersions({ ...ref(place), key, refresh }));
      const p = get().panel;
      if (!p || p.key !== key || p.place.bucket !== place.bucket) return; // closed or moved on meanwhile
      if (res.ok) patchPanel({ status: 'ready', versions: res.value.versions, error: null });
      else patchPanel({ status: 'error', error: res.error });
    };

    return {
      states: {},
      dialog: null,
      panel: null,

      async ensureState(place, refresh = false) {
        const known = get().states[slot(place)];
        if (known && !refresh) return known;
        const res = await call(() => api.versioningState(ref(place)));
        if (!res.ok) return null;
        set({ states: { ...get().states, [slot(place)]: res.value.state } });
        return res.value.state;
      },

      async openDialog(place, why) {
        set({ dialog: { place, why: why ?? null, confirm: null, busy: true, error: null } });
        const res = await call(() => api.versioningState(ref(place)));
        if (get().dialog?.place !== place) return;
        if (res.ok) {
          set({ states: { ...get().states, [slot(place)]: res.value.state } });
          patchDialog({ busy: false });
        } else patchDialog({ busy: false, error: res.error });
      },
      closeDialog: () => set({ dialog: null }),
      askChange: (change) => patchDialog({ confirm: change, error: null }),
      cancelChange: () => patchDialog({ confirm: null }),
      async confirmChange() {
        const d = get().dialog;
        if (!d?.confirm) return;
        patchDialog({ busy: true, error: null });
        const res = await call(() => api.setVersioning({ ...ref(d.place), enabled: d.confirm === 'enable' }));
        if (res.ok) {
          set({ states: { ...get().states, [slot(d.place)]: res.value.state } });
          patchDialog({ busy: false, confirm: null, why: null });
        } else patchDialog({ busy: false, error: res.error });
      },

      async openPanel(place, key) {
        set({ panel: { place, key, status: 'loading', versions: [], error: null, confirm: null, busy: false, notice: null, preview: null } });
        await loadPanel(place, key, false);
      },
      async reloadPanel() {
        const p = get().panel;
        if (!p) return;
        patchPanel({ status: 'loading', error: null });
        await loadPanel(p.place, p.key, true);
      },
      closePanel: () => set({ panel: null }),
      ask: (action, version) => patchPanel({ confirm: { action, version }, notice: null, error: null }),
      cancelAsk: () => patchPanel({ confirm: null }),
      async confirmAsk() {
        const p = get().panel;
        if (!p?.confirm) return;
        const { action, version } = p.confirm;
        patchPanel({ busy: true, error: null });
        const request = { ...ref(p.place), key: p.key, versionId: version.versionId };
        const res = await call<unknown>(() => (action === 'restore' ? api.restoreVersion(request) : api.deleteVersion(request)));
        if (!res.ok) {
          patchPanel({ busy: false, confirm: null, error: res.error });
          return;
        }
        patchPanel({
          busy: false,
          confirm: null,
          notice:
            action === 'restore'
              ? `Restored the version of ${new Date(version.lastModified).toLocaleString()} as a new current version; no version was deleted.`
              : `Deleted version ${version.versionId} for good.`,
          status: 'loading',
        });
        await loadPanel(p.place, p.key, true);
      },
      async previewVersion(version) {
        const p = get().panel;
        if (!p || version.isDeleteMarker) return;
        patchPanel({ preview: { version, status: 'loading', value: null, error: null } });
        const res = await call(() => api.previewObject({ ...ref(p.place), key: p.key, versionId: version.versionId }));
        // Closed, or another version asked for meanwhile: this answer is stale.
        if (get().panel?.preview?.version !== version) return;
        patchPanel({ preview: res.ok ? { version, status: 'ready', value: res.value, error: null } : { version, status: 'error', value: null, error: res.error } });
      },
      closePreview: () => patchPanel({ preview: null }),
      async copyText(text, what) {
        try {
          await deps.writeClipboard(text);
          patchPanel({ notice: `Copied the ${what}.` });
        } catch {
          patchPanel({ notice: `Could not copy the ${what}: the clipboard refused it.` });
        }
      },
    };
  });
}

/** `s3://bucket/key?versionId=…`: the form the AWS CLI and SDKs accept for one version. */
export function versionUri(bucket: string, key: string, versionId: string): string {
  return `s3://${bucket}/${key}?versionId=${encodeURIComponent(versionId)}`;
}
