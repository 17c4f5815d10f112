/**
 * The operations feature's state and actions: new folder, delete with confirmation, rename, copy/cut/paste,
 * share links (previews are the preview feature's; an object's info is the browser's panel). Built by a factory that receives only the API methods it uses, so tests drive
 * it with a fake and the app with the preload's API. Every call goes through `call`: a failed or rejected one
 * becomes a visible error (the banner, the dialog's problem line, a run's row), never a silent no-op.
 *
 * Rules that live here rather than in components:
 * - Nothing destructive runs without a plan from main: the confirmation shows the plan's own counts, and
 *   confirming runs exactly that plan (by id). Cancelling the dialog discards the plan in main.
 * - Names are checked with the same rule main enforces (`nameProblem`) before any request.
 * - The store never patches the file table itself: main's `cache:changed` events re-list what is shown.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RendererApi } from '../../../../shared/ipc';
import { basename, isFolderKey, parentOf } from '../../../../shared/keys';
import {
  expiryProblem,
  nameProblem,
  type ObjectSelection,
  type OperationPlan,
  type OperationProgress,
  type OperationReport,
  type PlanningProgress,
  type PlanRequest,
  type ShareKind,
} from '../../../../shared/operations';
import { call, type CallResult, type UserError } from '../../lib/call';

export type OperationsApi = Pick<
  RendererApi,
  | 'createFolder'
  | 'planOperation'
  | 'runOperation'
  | 'cancelOperation'
  | 'discardPlan'
  | 'shareObject'
  | 'onOperationProgress'
  | 'onPlanningProgress'
>;

/** Where the user is: the folder new folders and pastes go to. */
export interface Place {
  readonly connectionId: string;
  readonly bucket: string;
  readonly prefix: string;
}

export interface Clipboard {
  readonly mode: 'copy' | 'cut';
  readonly source: ObjectSelection;
}

export type Dialog =
  | { readonly kind: 'new-folder'; readonly place: Place; readonly name: string; readonly problem: string | null; readonly busy: boolean }
  | {
      readonly kind: 'rename';
      readonly place: Place;
      readonly key: string;
      readonly name: string;
      readonly problem: string | null;
      readonly busy: boolean;
    }
  | { readonly kind: 'confirm'; readonly request: PlanRequest; readonly plan: OperationPlan };

export interface RunState {
  readonly operationId: string;
  readonly kind: OperationPlan['kind'];
  readonly label: string;
  readonly progress: OperationProgress | null;
  readonly report: OperationReport | null;
  readonly error: UserError | null;
}

export interface ShareState {
  readonly key: string;
  readonly kind: ShareKind;
  readonly text: string | null;
  readonly expiresAt: number | null;
  readonly copied: boolean;
  readonly error: string | null;
}

export interface OperationsState {
  readonly clipboard: Clipboard | null;
  readonly dialog: Dialog | null;
  /** A plan is being made (listing a folder to count it): what is counted so far; Cancel stops it. */
  readonly planning: PlanningProgress | null;
  readonly runs: readonly RunState[];
  readonly shareLink: ShareState | null;
  /** The last error of an action, for a banner. */
  readonly error: UserError | null;
  /** An open context menu: where, and the keys it acts on (empty: the folder background). */
  readonly menu: { readonly x: number; readonly y: number; readonly keys: readonly string[] } | null;
  /** The key whose presigned-link dialog is open. */
  readonly shareDialogKey: string | null;
}

export interface OperationsActions {
  openNewFolder(place: Place): void;
  openRename(place: Place, key: string): void;
  setDialogName(name: string): void;
  /** Submit the new-folder or rename dialog. */
  submitName(): Promise<void>;
  /** Plan a delete and show its confirmation (counts from main). */
  requestDelete(selection: ObjectSelection): Promise<void>;
  /** Run the plan the confirmation shows. */
  confirm(): Promise<void>;
  /** Close any dialog; a shown plan is discarded in main. */
  closeDialog(): void;
  copy(selection: ObjectSelection): void;
  cut(selection: ObjectSelection): void;
  /** Paste the clipboard into `place`; asks first only if something would be overwritten. */
  paste(place: Place): Promise<void>;
  cancelRun(operationId: string): Promise<void>;
  /** Stop counting the plan being made (its listing stops in main; no dialog, no error follows). */
  cancelPlanning(): Promise<void>;
  dismissRun(operationId: string): void;
  /** Make a link and copy it to the system clipboard. */
  share(place: Place, key: string, kind: ShareKind, expiresInSeconds?: number): Promise<void>;
  closeShare(): void;
  clearError(): void;
  openMenu(x: number, y: number, keys: readonly string[]): void;
  closeMenu(): void;
  openShareDialog(key: string): void;
  /** Subscribe to progress events; returns the unsubscribe. */
  start(): () => void;
}

export type OperationsStore = StoreApi<OperationsState & OperationsActions>;

export interface OperationsStoreOptions {
  /** Writes text to the system clipboard (navigator.clipboard in the app). */
  readonly writeClipboard?: (text: string) => Promise<void>;
  /** Ids for plans being made (crypto.randomUUID by default). */
  readonly newId?: () => string;
}

/** "Delete 3 objects" / "Move 1 object" — the label a run shows in the progress list. */
export function describePlan(plan: Pick<OperationPlan, 'kind' | 'objects'>): string {
  const verb = { delete: 'Delete', copy: 'Copy', move: 'Move', rename: 'Rename' }[plan.kind];
  return `${verb} ${plan.objects} ${plan.objects === 1 ? 'object' : 'objects'}`;
}

export function createOperationsStore(api: OperationsApi, options: OperationsStoreOptions = {}): OperationsStore {
  const writeClipboard = options.writeClipboard ?? (async () => {});
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());

  return createStore<OperationsState & OperationsActions>()((set, get) => {
    const patchRun = (operationId: string, patch: Partial<RunState>) =>
      set((s) => ({ runs: s.runs.map((r) => (r.operationId === operationId ? { ...r, ...patch } : r)) }));

    const failWith = (error: UserError) => set({ error, planning: null });

    /** Run a plan and keep its progress and report; clears the clipboard after a successful cut/paste. */
    const run = async (plan: OperationPlan): Promise<OperationReport | null> => {
      set((s) => ({
        runs: [...s.runs, { operationId: plan.planId, kind: plan.kind, label: describePlan(plan), progress: null, report: null, error: null }],
      }));
      const result = await call(() => api.runOperation({ planId: plan.planId }));
      if (!result.ok) {
        patchRun(plan.planId, { error: result.error });
        return null;
      }
      patchRun(plan.planId, { report: result.value });
      return result.value;
    };

    const planFor = async (request: PlanRequest): Promise<OperationPlan | null> => {
      const planningId = newId();
      set({ planning: { planningId, objects: 0, bytes: 0 }, error: null });
      const result = await call(() => api.planOperation({ ...request, planningId }));
      if (get().planning?.planningId === planningId) set({ planning: null });
      if (!result.ok) {
        // The user stopped the counting: nothing to report.
        if (result.error.code !== 'Cancelled') failWith(result.error);
        return null;
      }
      return result.value;
    };

    return {
      clipboard: null,
      dialog: null,
      planning: null,
      runs: [],
      shareLink: null,
      error: null,
      menu: null,
      shareDialogKey: null,

      openNewFolder(place) {
        set({ dialog: { kind: 'new-folder', place, name: '', problem: null, busy: false } });
      },

      openRename(place, key) {
        set({ dialog: { kind: 'rename', place, key, name: basename(key), problem: null, busy: false } });
      },

      setDialogName(name) {
        const d = get().dialog;
        if (!d || d.kind === 'confirm') return;
        set({ dialog: { ...d, name, problem: null } });
      },

      async submitName() {
        const d = get().dialog;
        if (!d || d.kind === 'confirm' || d.busy) return;
        const folder = d.kind === 'new-folder' || isFolderKey(d.key);
        const where = d.kind === 'new-folder' ? d.place.prefix : parentOf(d.key);
        const problem = nameProblem(d.name, where, folder);
        if (problem) return set({ dialog: { ...d, problem } });
        if (d.kind === 'rename' && d.name === basename(d.key)) return set({ dialog: null });
        set({ dialog: { ...d, busy: true } });
        let result: CallResult<unknown>;
        if (d.kind === 'new-folder') {
          result = await call(() =>
            api.createFolder({ connectionId: d.place.connectionId, bucket: d.place.bucket, prefix: d.place.prefix, name: d.name }),
          );
        } else {
          const planned = await call(() =>
            api.planOperation({ kind: 'rename', connectionId: d.place.connectionId, bucket: d.place.bucket, key: d.key, newName: d.name }),
          );
          result = planned.ok ? await call(() => api.runOperation({ planId: planned.value.planId })) : planned;
          if (result.ok) {
            const report = result.value as OperationReport;
            if (report.status !== 'done') {
              set((s) => ({
                dialog: null,
                runs: [...s.runs, { operationId: report.operationId, kind: 'rename', label: `Rename ${basename(d.key)}`, progress: null, report, error: null }],
              }));
              return;
            }
          }
        }
        const current = get().dialog;
        if (current !== null && current.kind === d.kind) {
          set({ dialog: result.ok ? null : { ...d, busy: false, problem: result.error.message } });
        }
      },

      async requestDelete(selection) {
        const request: PlanRequest = { kind: 'delete', ...selection };
        const plan = await planFor(request);
        if (plan) set({ dialog: { kind: 'confirm', request, plan } });
      },

      async confirm() {
        const d = get().dialog;
        if (d?.kind !== 'confirm') return;
        set({ dialog: null });
        const report = await run(d.plan);
        if (report && d.request.kind === 'move' && report.status === 'done') set({ clipboard: null });
      },

      closeDialog() {
        const d = get().dialog;
        // Nothing to tell the user if this fails: an undiscarded plan only expires in main.
        if (d?.kind === 'confirm') void call(() => api.discardPlan({ planId: d.plan.planId }));
        set({ dialog: null });
      },

      copy(source) {
        set({ clipboard: { mode: 'copy', source } });
      },

      cut(source) {
        set({ clipboard: { mode: 'cut', source } });
      },

      async paste(place) {
        const clip = get().clipboard;
        if (!clip) return;
        const request: PlanRequest = {
          kind: clip.mode === 'cut' ? 'move' : 'copy',
          source: clip.source,
          target: { connectionId: place.connectionId, bucket: place.bucket, prefix: place.prefix },
        };
        const plan = await planFor(request);
        if (!plan) return;
        // Overwriting is the one thing a paste must not do silently.
        if (plan.conflicts.length > 0) return set({ dialog: { kind: 'confirm', request, plan } });
        const report = await run(plan);
        if (report && request.kind === 'move' && report.status === 'done') set({ clipboard: null });
      },

      async cancelRun(operationId) {
        const result = await call(() => api.cancelOperation({ operationId }));
        if (!result.ok) set({ error: result.error });
      },

      async cancelPlanning() {
        const planning = get().planning;
        if (!planning) return;
        const result = await call(() => api.cancelOperation({ operationId: planning.planningId }));
        if (!result.ok) set({ error: result.error });
      },

      dismissRun(operationId) {
        set((s) => ({ runs: s.runs.filter((r) => r.operationId !== operationId) }));
      },

      async share(place, key, kind, expiresInSeconds) {
        if (kind === 'presigned' && expiresInSeconds !== undefined) {
          const problem = expiryProblem(expiresInSeconds);
          if (problem) return set({ shareLink: { key, kind, text: null, expiresAt: null, copied: false, error: problem } });
        }
        const result = await call(() => api.shareObject({ connectionId: place.connectionId, bucket: place.bucket, key, kind, expiresInSeconds }));
        if (!result.ok) return set({ shareLink: { key, kind, text: null, expiresAt: null, copied: false, error: result.error.message } });
        let copied = true;
        try {
          await writeClipboard(result.value.text);
        } catch {
          copied = false;
        }
        set({ shareLink: { key, kind, text: result.value.text, expiresAt: result.value.expiresAt, copied, error: null } });
      },

      closeShare() {
        set({ shareLink: null, shareDialogKey: null });
      },

      openMenu(x, y, keys) {
        set({ menu: { x, y, keys } });
      },

      closeMenu() {
        set({ menu: null });
      },

      openShareDialog(key) {
        set({ shareDialogKey: key, shareLink: null });
      },

      clearError() {
        set({ error: null });
      },

      start() {
        const stopRuns = api.onOperationProgress((progress) => {
          if (get().runs.some((r) => r.operationId === progress.operationId)) patchRun(progress.operationId, { progress });
        });
        const stopPlanning = api.onPlanningProgress((counted) => {
          if (get().planning?.planningId === counted.planningId) set({ planning: counted });
        });
        return () => {
          stopRuns();
          stopPlanning();
        };
      },
    };
  });
}
