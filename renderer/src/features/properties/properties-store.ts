/**
 * The Properties dialog of one tab (issue 15): one object's properties (HeadObject, tags, ACL — each section
 * may fail alone), a form to edit one or many objects, then plan → confirm (exact counts, requests, cost) →
 * run with progress and cancel → the per-key report. Built from a narrow Pick of the API so tests drive it
 * with a fake typed from the contract. The table and Info refresh through main's cache:changed events (the
 * one invalidation path); this store only re-reads its own object afterwards.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RendererApi } from '../../../../shared/ipc';
import type { OperationProgress } from '../../../../shared/operations';
import type { CannedAcl, ContentHeader, ObjectProperties, PropertiesPlan, PropertiesReport } from '../../../../shared/properties';
import { isFolderKey } from '../../../../shared/keys';
import { call, type UserError } from '../../lib/call';
import { buildEdit, draftFrom, draftProblems, type EditDraft, newRow, type PairRow } from './edit-draft';

export type PropertiesApi = Pick<
  RendererApi,
  'getProperties' | 'planProperties' | 'runProperties' | 'cancelProperties' | 'discardProperties' | 'onOperationProgress'
>;

export interface PropertiesPlace {
  readonly connectionId: string;
  readonly bucket: string;
}

export type Phase =
  | { readonly step: 'edit' }
  | { readonly step: 'planning' }
  | { readonly step: 'confirm'; readonly plan: PropertiesPlan }
  | { readonly step: 'running'; readonly plan: PropertiesPlan; readonly progress: OperationProgress | null; readonly cancelling: boolean }
  | { readonly step: 'done'; readonly plan: PropertiesPlan; readonly report: PropertiesReport };

export interface PropertiesDialog {
  readonly place: PropertiesPlace;
  /** Object keys and folder prefixes; one object key shows that object's properties. */
  readonly keys: readonly string[];
  readonly view: { readonly status: 'none' | 'loading' | 'ready' | 'error'; readonly props: ObjectProperties | null; readonly error: UserError | null };
  readonly draft: EditDraft;
  /** Live, as typed. */
  readonly problems: readonly string[];
  /** The edit changes something (Review is possible once problems are gone too). */
  readonly changes: boolean;
  readonly phase: Phase;
  readonly error: UserError | null;
}

export type PairList = 'metadata' | 'tags';

export interface PropertiesActions {
  open(place: PropertiesPlace, keys: readonly string[]): Promise<void>;
  close(): void;
  /** Read the object again from the server, past main's cache (a restore's state changes over hours). */
  reload(): Promise<void>;
  setHeader(header: ContentHeader, value: string): void;
  addRow(list: PairList): void;
  updateRow(list: PairList, id: number, patch: Partial<Omit<PairRow, 'id'>>): void;
  deleteRow(list: PairList, id: number): void;
  setStorageClass(value: string): void;
  setAcl(value: CannedAcl | ''): void;
  setEncryption(value: EditDraft['encryption'], kmsKeyId?: string): void;
  setRestore(tier: EditDraft['restoreTier'], days?: string): void;
  review(): Promise<void>;
  /** From the confirmation back to the form (the plan in main is discarded). */
  back(): void;
  run(): Promise<void>;
  cancelRun(): Promise<void>;
  /** Listens to operations:progress for the running plan; returns the unsubscribe. */
  start(): () => void;
}

export type PropertiesStore = StoreApi<{ readonly dialog: PropertiesDialog | null } & PropertiesActions>;

export interface PropertiesDeps {
  /** Called after a run with the keys it touched (e.g. so an open Info panel reads its headers again). */
  readonly onChanged?: (place: PropertiesPlace, keys: readonly string[]) => void;
}

const singleObject = (keys: readonly string[]) => (keys.length === 1 && !isFolderKey(keys[0] as string) ? (keys[0] as string) : null);

export function createPropertiesStore(api: PropertiesApi, deps: PropertiesDeps = {}): PropertiesStore {
  return createStore<{ readonly dialog: PropertiesDialog | null } & PropertiesActions>()((set, get) => {
    let opened = 0;
    const patch = (p: Partial<PropertiesDialog>) => {
      const d = get().dialog;
      if (d) set({ dialog: { ...d, ...p } });
    };
    const setDraft = (draft: EditDraft) => {
      const d = get().dialog;
      if (!d || d.phase.step !== 'edit') return;
      const current = d.view.props;
      const edit = buildEdit(draft, current);
      set({ dialog: { ...d, draft, problems: draftProblems(draft, current), changes: Object.keys(edit).length > 0, error: null } });
    };
    const rows = (list: PairList, f: (rows: readonly PairRow[]) => readonly PairRow[]) => {
      const d = get().dialog;
      if (d) setDraft({ ...d.draft, [list]: f(d.draft[list]) });
    };
    const load = async (token: number, refresh = false) => {
      const d = get().dialog;
      const key = d ? singleObject(d.keys) : null;
      if (!d || key === null) return;
      patch({ view: { ...d.view, status: 'loading', error: null } });
      const res = await call(() => api.getProperties({ connectionId: d.place.connectionId, bucket: d.place.bucket, key, ...(refresh ? { refresh } : {}) }));
      if (token !== opened || !get().dialog) return;
      if (!res.ok) {
        patch({ view: { status: 'error', props: null, error: res.error } });
        return;
      }
      const draft = draftFrom(res.value);
      patch({ view: { status: 'ready', props: res.value, error: null }, draft, problems: [], changes: false });
    };

    return {
      dialog: null,

      async open(place, keys) {
        const token = ++opened;
        const ref = { connectionId: place.connectionId, bucket: place.bucket };
        const one = singleObject(keys);
        set({
          dialog: {
            place: ref,
            keys: [...keys],
            view: { status: one ? 'loading' : 'none', props: null, error: null },
            draft: draftFrom(null),
            problems: [],
            changes: false,
            phase: { step: 'edit' },
            error: null,
          },
        });
        await load(token);
      },

      close() {
        const phase = get().dialog?.phase;
        if (phase?.step === 'confirm') void call(() => api.discardProperties({ planId: phase.plan.planId }));
        // A running plan goes on in main (its progress shows in Activity); closing only hides it.
        opened++;
        set({ dialog: null });
      },

      async reload() {
        const d = get().dialog;
        if (d?.phase.step === 'edit') await load(opened, true);
      },

      setHeader(header, value) {
        const d = get().dialog;
        if (d) setDraft({ ...d.draft, headers: { ...d.draft.headers, [header]: value } });
      },
      addRow: (list) => rows(list, (r) => [...r, newRow()]),
      updateRow: (list, id, p) => rows(list, (r) => r.map((row) => (row.id === id ? { ...row, ...p } : row))),
      deleteRow: (list, id) => rows(list, (r) => r.filter((row) => row.id !== id)),
      setStorageClass(value) {
        const d = get().dialog;
        if (d) setDraft({ ...d.draft, storageClass: value });
      },
      setAcl(value) {
        const d = get().dialog;
        if (d) setDraft({ ...d.draft, acl: value });
      },
      setEncryption(value, kmsKeyId) {
        const d = get().dialog;
        if (d) setDraft({ ...d.draft, encryption: value, kmsKeyId: kmsKeyId ?? d.draft.kmsKeyId });
      },

      setRestore(tier, days) {
        const d = get().dialog;
        if (d) setDraft({ ...d.draft, restoreTier: tier, restoreDays: days ?? d.draft.restoreDays });
      },

      async review() {
        const d = get().dialog;
        if (!d || d.phase.step !== 'edit' || d.problems.length > 0 || !d.changes) return;
        const token = opened;
        patch({ phase: { step: 'planning' }, error: null });
        const res = await call(() =>
          api.planProperties({ connectionId: d.place.connectionId, bucket: d.place.bucket, keys: d.keys, edit: buildEdit(d.draft, d.view.props) }),
        );
        if (token !== opened) {
          if (res.ok) void call(() => api.discardProperties({ planId: res.value.planId }));
          return;
        }
        patch(res.ok ? { phase: { step: 'confirm', plan: res.value } } : { phase: { step: 'edit' }, error: res.error });
      },

      back() {
        const d = get().dialog;
        const phase = d?.phase;
        if (phase?.step === 'confirm') {
          void call(() => api.discardProperties({ planId: phase.plan.planId }));
          patch({ phase: { step: 'edit' } });
        } else if (d && phase?.step === 'done') {
          // After a run the form starts again from the object as it now is (or empty, for many objects).
          patch({ phase: { step: 'edit' }, draft: draftFrom(d.view.props), problems: [], changes: false });
        }
      },

      async run() {
        const d = get().dialog;
        if (d?.phase.step !== 'confirm') return;
        const plan = d.phase.plan;
        patch({ phase: { step: 'running', plan, progress: null, cancelling: false } });
        const res = await call(() => api.runProperties({ planId: plan.planId }));
        deps.onChanged?.(d.place, d.keys);
        const now = get().dialog;
        if (!now || now.phase.step !== 'running' || now.phase.plan.planId !== plan.planId) return;
        if (!res.ok) {
          patch({ phase: { step: 'edit' }, error: res.error });
          return;
        }
        patch({ phase: { step: 'done', plan, report: res.value } });
        // Main dropped what it held about every touched object: this reads the object as it now is.
        await load(opened);
      },

      async cancelRun() {
        const phase = get().dialog?.phase;
        if (phase?.step !== 'running') return;
        patch({ phase: { ...phase, cancelling: true } });
        await call(() => api.cancelProperties({ planId: phase.plan.planId }));
      },

      start() {
        return api.onOperationProgress((p) => {
          const phase = get().dialog?.phase;
          if (phase?.step !== 'running' || p.operationId !== phase.plan.planId) return;
          patch({ phase: { ...phase, progress: p } });
        });
      },
    };
  });
}
