/**
 * The transfer panel's store: mirrors main's queue from throttled progress events, starts downloads and
 * uploads, and asks the user when targets exist (main plans with policy "ask" and queues nothing on conflict).
 * Every call goes through `call`, so a failed or rejected one shows as `error` in the banner.
 * At start it also loads what a previous run left unfinished (the journal), for the Resume all / Discard notice.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Result } from '../../../../shared/errors';
import type { RendererApi } from '../../../../shared/ipc';
import type {
  ConflictPolicy,
  DownloadItem,
  EnqueueOutcome,
  TransferDirection,
  TransferItem,
  TransferProgressEvent,
  TransferTotals,
  UnfinishedReport,
} from '../../../../shared/transfers';
import type { RestoreRequest } from '../../../../shared/properties';
import type { UploadOptions } from '../../../../shared/upload-options';
import { toBase64 } from '../../lib/base64';
import { call, type UserError } from '../../lib/call';

export interface BucketLocation {
  readonly connectionId: string;
  readonly bucket: string;
}

export interface UploadTarget extends BucketLocation {
  /** The folder to upload into ("" = bucket root). */
  readonly prefix: string;
}

/** A file dropped onto the app: a local path when the OS gave one, else bytes read from the File. */
export interface DroppedFile {
  /** Relative name, may include folders ("album/a.jpg"). */
  readonly name: string;
  readonly size: number;
  readonly path: string | null;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export interface ConflictQuestion {
  readonly direction: TransferDirection;
  readonly count: number;
  readonly sample: readonly string[];
}

export interface TransfersState {
  readonly byId: Readonly<Record<string, TransferItem>>;
  /** Item ids in arrival order. */
  readonly order: readonly string[];
  readonly totals: TransferTotals;
  /** Set while waiting for the user to choose overwrite / skip / keep both. */
  readonly question: ConflictQuestion | null;
  /** The last notice worth telling the user (refused keys, drag limits). */
  readonly message: string | null;
  /** The last failed call. */
  readonly error: UserError | null;
  readonly panelOpen: boolean;
  /** What a previous run left unfinished (null until loaded, or once answered and nothing is left). */
  readonly unfinished: UnfinishedReport | null;
  /** An archived download the user chose "Restore and download…" on: the question (days, tier) is up. */
  readonly restoreAsk: { readonly id: string; readonly key: string } | null;
}

export interface TransfersActions {
  /** Load the queue and follow progress; returns the unsubscribe. */
  start(): Promise<() => void>;
  /** Items may name one version of a file (it lands as "name (version <date>).ext"). */
  download(location: BucketLocation, items: readonly DownloadItem[], destination?: string): Promise<void>;
  /** Without options: the connection's upload defaults apply (main). */
  uploadPaths(target: UploadTarget, paths: readonly string[], options?: UploadOptions): Promise<void>;
  /** Files dropped on the table: paths go straight to main, the rest stream their bytes over IPC. */
  uploadDropped(target: UploadTarget, files: readonly DroppedFile[]): Promise<void>;
  pickAndUpload(target: UploadTarget, folders: boolean): Promise<void>;
  /** Answer the pending conflict question; null abandons the batch. */
  answer(policy: Exclude<ConflictPolicy, 'ask'> | null): void;
  cancel(ids?: readonly string[]): Promise<void>;
  retry(ids?: readonly string[]): Promise<void>;
  pause(ids?: readonly string[]): Promise<void>;
  resume(ids?: readonly string[]): Promise<void>;
  /** Queue the previous run's unfinished transfers again (the given ids, or all). */
  resumeUnfinished(ids?: readonly string[]): Promise<void>;
  /** Forget them with what they kept (the given ids, or all). */
  discardUnfinished(ids?: readonly string[]): Promise<void>;
  clearFinished(): Promise<void>;
  /** Show a finished download in the file manager, or open it (main checks it is one of ours). */
  reveal(id: string, how: 'show' | 'open'): Promise<void>;
  applyProgress(event: TransferProgressEvent): void;
  setPanelOpen(open: boolean): void;
  /** Dismiss the banner: the notice and the error. */
  dismissMessage(): void;
  /** Ask how to restore a failed archived download (its note is ARCHIVED_NOTE). */
  askRestore(item: Pick<TransferItem, 'id' | 'key'>): void;
  /** Answer: request the restore, wait for it, download (null: not now). */
  answerRestore(restore: RestoreRequest | null): Promise<void>;
}

export type TransfersStore = StoreApi<TransfersState & TransfersActions>;

export const EMPTY_TOTALS: TransferTotals = {
  items: 0,
  queued: 0,
  running: 0,
  done: 0,
  failed: 0,
  cancelled: 0,
  skipped: 0,
  paused: 0,
  bytesTotal: 0,
  bytesTransferred: 0,
  rate: 0,
  etaSeconds: null,
};

/** Bytes per streamed chunk: big enough to keep IPC overhead low, small enough to keep the UI responsive. */
export const STREAM_CHUNK = 1024 * 1024;

export type TransfersApi = Pick<
  RendererApi,
  | 'listTransfers'
  | 'onTransferProgress'
  | 'downloadObjects'
  | 'uploadPaths'
  | 'openUploadStream'
  | 'writeUploadStream'
  | 'closeUploadStream'
  | 'cancelTransfers'
  | 'retryTransfers'
  | 'clearTransfers'
  | 'pickDownloadFolder'
  | 'pickUploadPaths'
  | 'showDownloadInFolder'
  | 'openDownload'
  | 'pauseTransfers'
  | 'resumeTransfers'
  | 'listUnfinishedTransfers'
  | 'resumeUnfinishedTransfers'
  | 'discardUnfinishedTransfers'
  | 'restoreAndDownload'
>;

export interface TransfersOptions {
  /** The Settings page's conflict default: what a batch is first sent with ('ask' asks when names exist). */
  readonly conflictPolicy?: () => ConflictPolicy;
}

export function createTransfersStore(api: TransfersApi, options: TransfersOptions = {}): TransfersStore {
  let answerQuestion: ((policy: Exclude<ConflictPolicy, 'ask'> | null) => void) | null = null;

  return createStore<TransfersState & TransfersActions>()((set, get) => {
    const notify = (message: string) => set({ message });
    /** One call through `call`: its value, or undefined with the error shown. */
    const unwrap = async <T>(run: () => Promise<Result<T>>): Promise<T | undefined> => {
      const result = await call(run);
      if (result.ok) return result.value;
      set({ error: result.error });
      return undefined;
    };

    /** Run a batch with the default policy ("ask" unless Settings say otherwise); on conflicts, ask and run again. */
    const withConflicts = async (direction: TransferDirection, send: (policy: ConflictPolicy) => Promise<Result<EnqueueOutcome>>) => {
      const policy0 = options.conflictPolicy?.() ?? 'ask';
      const first = await unwrap(() => send(policy0));
      if (!first) return;
      let outcome: EnqueueOutcome | undefined = first;
      if (first.status === 'conflicts') {
        const policy = await new Promise<Exclude<ConflictPolicy, 'ask'> | null>((resolve) => {
          answerQuestion = resolve;
          set({ question: { direction, count: first.count, sample: first.sample } });
        });
        answerQuestion = null;
        set({ question: null });
        if (policy === null) return;
        outcome = await unwrap(() => send(policy));
      }
      if (outcome?.status === 'queued') {
        set({ panelOpen: true });
        if (outcome.refused.length > 0) {
          const first = outcome.refused[0]!;
          notify(`${outcome.refused.length} item(s) not transferred — ${first.key}: ${first.reason}`);
        }
      }
    };

    /** The notice keeps what was not answered yet; with nothing left it goes (a set-aside note included). */
    const dropUnfinished = (ids?: readonly string[]) => {
      const current = get().unfinished;
      if (!current) return;
      const gone = ids ? new Set(ids) : null;
      const items = gone ? current.items.filter((i) => !gone.has(i.id)) : [];
      set({ unfinished: items.length > 0 ? { ...current, items } : null });
    };

    return {
      byId: {},
      order: [],
      totals: EMPTY_TOTALS,
      question: null,
      restoreAsk: null,
      message: null,
      error: null,
      panelOpen: false,
      unfinished: null,

      async start() {
        const unsubscribe = api.onTransferProgress((event) => get().applyProgress(event));
        const listed = await unwrap(() => api.listTransfers({}));
        if (listed) {
          const byId: Record<string, TransferItem> = {};
          for (const item of listed.items) byId[item.id] = item;
          set({ byId, order: listed.items.map((i) => i.id), totals: listed.totals });
        }
        const unfinished = await unwrap(() => api.listUnfinishedTransfers({}));
        if (unfinished && (unfinished.items.length > 0 || unfinished.setAside)) set({ unfinished });
        return unsubscribe;
      },

      applyProgress(event) {
        const { byId: old, order: oldOrder } = get();
        const byId: Record<string, TransferItem> = { ...old };
        let order = oldOrder as string[];
        let appended: string[] | null = null;
        for (const item of event.items) {
          if (!(item.id in byId)) (appended ??= []).push(item.id);
          byId[item.id] = item;
        }
        if (event.removed.length > 0) {
          const gone = new Set(event.removed);
          for (const id of gone) delete byId[id];
          order = order.filter((id) => !gone.has(id));
        }
        if (appended) order = [...order, ...appended];
        // New items open the panel, also those the renderer did not queue itself (a DownloadURL drop).
        set({ byId, order, totals: event.totals, ...(appended ? { panelOpen: true } : {}) });
      },

      async download(location, items, destination) {
        let folder = destination;
        if (folder === undefined) {
          const picked = await unwrap(() => api.pickDownloadFolder({}));
          if (!picked?.path) return;
          folder = picked.path;
        }
        const to = folder;
        await withConflicts('download', (conflict) => api.downloadObjects({ ...location, items, destination: to, conflict }));
      },

      async uploadPaths(target, paths, options) {
        if (paths.length === 0) return;
        await withConflicts('upload', (conflict) => api.uploadPaths({ ...target, paths, conflict, ...(options ? { options } : {}) }));
      },

      async uploadDropped(target, files) {
        const paths = files.flatMap((f) => (f.path ? [f.path] : []));
        const streams: string[] = [];
        for (const file of files) {
          if (file.path) continue;
          const opened = await unwrap(() => api.openUploadStream({ name: file.name, size: file.size }));
          if (!opened) return;
          for (let offset = 0; offset < file.size; offset += STREAM_CHUNK) {
            const bytes = await file.read(offset, Math.min(STREAM_CHUNK, file.size - offset));
            const wrote = await unwrap(() => api.writeUploadStream({ streamId: opened.streamId, offset, data: toBase64(bytes) }));
            if (!wrote) {
              // The write's error is already shown; an abort that fails too adds nothing for the user.
              await call(() => api.closeUploadStream({ streamId: opened.streamId, abort: true }));
              return;
            }
          }
          if (!(await unwrap(() => api.closeUploadStream({ streamId: opened.streamId })))) return;
          streams.push(opened.streamId);
        }
        if (paths.length === 0 && streams.length === 0) return;
        await withConflicts('upload', (conflict) => api.uploadPaths({ ...target, paths, streams, conflict }));
      },

      async pickAndUpload(target, folders) {
        const picked = await unwrap(() => api.pickUploadPaths({ folders }));
        if (picked) await get().uploadPaths(target, picked.paths);
      },

      answer(policy) {
        answerQuestion?.(policy);
      },

      async cancel(ids) {
        await unwrap(() => api.cancelTransfers(ids ? { ids } : {}));
      },
      async retry(ids) {
        await unwrap(() => api.retryTransfers(ids ? { ids } : {}));
      },
      async pause(ids) {
        await unwrap(() => api.pauseTransfers(ids ? { ids } : {}));
      },
      async resume(ids) {
        await unwrap(() => api.resumeTransfers(ids ? { ids } : {}));
      },
      async resumeUnfinished(ids) {
        const done = await unwrap(() => api.resumeUnfinishedTransfers(ids ? { ids } : {}));
        if (done) {
          dropUnfinished(ids);
          set({ panelOpen: true });
        }
      },
      async discardUnfinished(ids) {
        if (await unwrap(() => api.discardUnfinishedTransfers(ids ? { ids } : {}))) dropUnfinished(ids);
      },
      async clearFinished() {
        await unwrap(() => api.clearTransfers({}));
      },
      async reveal(id, how) {
        await unwrap(() => (how === 'show' ? api.showDownloadInFolder({ id }) : api.openDownload({ id })));
      },
      setPanelOpen(open) {
        set({ panelOpen: open });
      },
      askRestore: (item) => set({ restoreAsk: { id: item.id, key: item.key } }),
      async answerRestore(restore) {
        const ask = get().restoreAsk;
        set({ restoreAsk: null });
        if (!ask || !restore) return;
        const done = await unwrap(() => api.restoreAndDownload({ ids: [ask.id], restore }));
        if (done && done.count === 0) notify(`${ask.key} is no longer waiting to be restored.`);
      },
      dismissMessage() {
        set({ message: null, error: null });
      },
    };
  });
}
