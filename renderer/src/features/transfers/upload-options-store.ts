/**
 * "Upload with options…": pick files, then choose their storage class, encryption, content type, metadata and
 * tags (starting from the connection's upload defaults), optionally keep the choice as those defaults, and
 * queue the upload through the transfers store (conflicts are asked there as for any upload).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RendererApi } from '../../../../shared/ipc';
import type { UploadOptions } from '../../../../shared/upload-options';
import { call, type UserError } from '../../lib/call';
import type { UploadTarget } from './transfers-store';
import { defaultsFromDraft, draftFromDefaults, draftProblems, newRow, type OptionRow, optionsFromDraft, type UploadOptionsDraft } from './upload-options-draft';

export type UploadOptionsApi = Pick<RendererApi, 'pickUploadPaths' | 'uploadDefaults' | 'setUploadDefaults'>;

export type PairList = 'metadata' | 'tags';

export interface UploadOptionsState {
  /** Where the files go; null while the dialog is closed. */
  readonly target: UploadTarget | null;
  readonly paths: readonly string[];
  readonly draft: UploadOptionsDraft;
  /** Also save the choice (all but the content type) as this connection's defaults. */
  readonly saveDefaults: boolean;
  readonly busy: boolean;
  readonly error: UserError | null;
}

export interface UploadOptionsActions {
  /** Ask for files; with some picked, open the form on the connection's defaults. */
  open(target: UploadTarget): Promise<void>;
  update(patch: Partial<Omit<UploadOptionsDraft, PairList>>): void;
  addRow(list: PairList): void;
  changeRow(list: PairList, id: number, patch: Partial<Omit<OptionRow, 'id'>>): void;
  deleteRow(list: PairList, id: number): void;
  setSaveDefaults(on: boolean): void;
  /** Queue the upload with these options (nothing when the form has problems). */
  submit(): Promise<void>;
  close(): void;
}

export type UploadOptionsStore = StoreApi<UploadOptionsState & UploadOptionsActions>;

/** How the store queues: the transfers store's uploadPaths. */
export type QueueUpload = (target: UploadTarget, paths: readonly string[], options: UploadOptions) => Promise<void>;

const EMPTY = draftFromDefaults({});

export function createUploadOptionsStore(api: UploadOptionsApi, queue: QueueUpload): UploadOptionsStore {
  return createStore<UploadOptionsState & UploadOptionsActions>()((set, get) => {
    const rows = (list: PairList, change: (r: readonly OptionRow[]) => readonly OptionRow[]) =>
      set((s) => ({ draft: { ...s.draft, [list]: change(s.draft[list]) } }));
    const fail = (error: UserError) => set({ busy: false, error });
    return {
      target: null,
      paths: [],
      draft: EMPTY,
      saveDefaults: false,
      busy: false,
      error: null,

      async open(target) {
        const picked = await call(() => api.pickUploadPaths({ folders: false }));
        if (!picked.ok) return fail(picked.error);
        if (picked.value.paths.length === 0) return;
        const defaults = await call(() => api.uploadDefaults({ connectionId: target.connectionId }));
        // Without the defaults the form still opens, empty, saying why.
        set({
          target,
          paths: picked.value.paths,
          draft: draftFromDefaults(defaults.ok ? defaults.value : {}),
          saveDefaults: false,
          busy: false,
          error: defaults.ok ? null : defaults.error,
        });
      },
      update: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
      addRow: (list) => rows(list, (r) => [...r, newRow()]),
      changeRow: (list, id, patch) => rows(list, (r) => r.map((x) => (x.id === id ? { ...x, ...patch } : x))),
      deleteRow: (list, id) => rows(list, (r) => r.filter((x) => x.id !== id)),
      setSaveDefaults: (on) => set({ saveDefaults: on }),

      async submit() {
        const { target, paths, draft, saveDefaults, busy } = get();
        if (!target || busy || draftProblems(draft).length > 0) return;
        set({ busy: true, error: null });
        if (saveDefaults) {
          const saved = await call(() => api.setUploadDefaults({ connectionId: target.connectionId, defaults: defaultsFromDraft(draft) }));
          if (!saved.ok) return fail(saved.error);
        }
        set({ target: null, paths: [], busy: false });
        await queue(target, paths, optionsFromDraft(draft));
      },
      close: () => set({ target: null, paths: [], busy: false, error: null }),
    };
  });
}
