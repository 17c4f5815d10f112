/**
 * The preview pane's state: which object is shown, what its viewer needs, and what it cost. Built by a factory
 * over the few API methods it calls (tests pass a fake). Every read carries a requestId so the pane can cancel
 * it; an answer for an object no longer shown is dropped; blob and media addresses are released on every switch.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RendererApi } from '../../../../shared/ipc';
import type { EditSession } from '../../../../shared/open-edit';
import type { ParquetPreview, PreviewCost, ZipListing } from '../../../../shared/preview';
import { call, type UserError } from '../../lib/call';
import { gzipInner, languageOf, previewKind, type PreviewKind } from './preview-kind';

export type PreviewApi = Pick<
  RendererApi,
  'previewText' | 'previewBytes' | 'previewParquet' | 'previewZip' | 'openMediaPreview' | 'closeMediaPreview' | 'cancelPreview' | 'openExternally'
>;

export interface PreviewPlace {
  readonly connectionId: string;
  readonly bucket: string;
}

export type PreviewContent =
  | {
      readonly type: 'text';
      readonly text: string;
      readonly next: number;
      readonly more: boolean;
      readonly size: number;
      readonly binary: boolean;
      readonly language: string | null;
      /** For gzip: what the decompressed text is shown as. */
      readonly as: 'text' | 'markdown' | 'html' | 'csv' | 'tsv' | 'jsonl';
    }
  | { readonly type: 'blob'; readonly url: string; readonly bytes: Uint8Array; readonly size: number }
  | { readonly type: 'media'; readonly url: string; readonly video: boolean }
  | { readonly type: 'parquet'; readonly value: ParquetPreview }
  | { readonly type: 'zip'; readonly value: ZipListing }
  | { readonly type: 'too-large'; readonly size: number; readonly limit: number }
  | { readonly type: 'unknown' }
  | { readonly type: 'unreadable'; readonly message: string };

/** An older version to show instead of the current one (from the versions panel). */
export interface PreviewVersion {
  readonly id: string;
  /** How the pane names it, e.g. "version of 2026-12-02 10:04". */
  readonly label: string;
}

export interface PreviewShown {
  readonly place: PreviewPlace;
  readonly key: string;
  /** Null: the current version (Open and Edit work on that one only). */
  readonly version: PreviewVersion | null;
  readonly kind: PreviewKind;
  readonly status: 'loading' | 'ready' | 'error';
  readonly content: PreviewContent | null;
  readonly error: UserError | null;
  /** Requests and bytes every read of this preview cost so far (load more adds up). */
  readonly cost: PreviewCost;
  /** The read under way, for Cancel; null when idle. */
  readonly requestId: string | null;
}

export interface PreviewState {
  readonly shown: PreviewShown | null;
  /** The last Open / Edit outcome or problem, for a line in the pane. */
  readonly external: { readonly message: string; readonly error: boolean } | null;
  open(place: PreviewPlace, key: string, version?: PreviewVersion): Promise<void>;
  close(): void;
  loadMore(): Promise<void>;
  cancel(): void;
  /** Open (or Edit) the shown object, or any key, with the OS default app. */
  openExternally(place: PreviewPlace, key: string, edit: boolean): Promise<EditSession | null>;
}

export type PreviewStore = StoreApi<PreviewState>;

export interface PreviewStoreOptions {
  readonly newId?: () => string;
  readonly createObjectUrl?: (blob: Blob) => string;
  readonly revokeObjectUrl?: (url: string) => void;
}

const NONE: PreviewCost = { requests: 0, bytes: 0 };
const add = (a: PreviewCost, b: PreviewCost): PreviewCost => ({ requests: a.requests + b.requests, bytes: a.bytes + b.bytes });

function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const MIME: Partial<Record<PreviewKind, string>> = { svg: 'image/svg+xml', pdf: 'application/pdf' };

export function createPreviewStore(api: PreviewApi, options: PreviewStoreOptions = {}): PreviewStore {
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());
  const createUrl = options.createObjectUrl ?? ((b: Blob) => URL.createObjectURL(b));
  const revokeUrl = options.revokeObjectUrl ?? ((u: string) => URL.revokeObjectURL(u));

  return createStore<PreviewState>()((set, get) => {
    /** Release what the shown content holds (a blob address, a media token). */
    const release = (content: PreviewContent | null) => {
      if (content?.type === 'blob') revokeUrl(content.url);
      if (content?.type === 'media') void api.closeMediaPreview({ url: content.url }).catch(() => {});
    };

    /** Still the same preview and the same read? Otherwise the answer is dropped. */
    const current = (key: string, requestId: string) => {
      const s = get().shown;
      return s !== null && s.key === key && s.requestId === requestId ? s : null;
    };

    const finish = (key: string, requestId: string, content: PreviewContent, cost: PreviewCost) => {
      const s = current(key, requestId);
      if (!s) {
        release(content);
        return;
      }
      set({ shown: { ...s, status: 'ready', content, cost: add(s.cost, cost), requestId: null } });
    };

    const fail = (key: string, requestId: string, error: UserError) => {
      const s = current(key, requestId);
      if (s) set({ shown: { ...s, status: 'error', error, requestId: null } });
    };

    const textAs = (kind: PreviewKind, key: string) =>
      kind === 'gzip' ? gzipInner(key) : kind === 'markdown' || kind === 'html' || kind === 'csv' || kind === 'tsv' || kind === 'jsonl' ? kind : 'text';

    const load = async (shown: PreviewShown, requestId: string) => {
      const { place, key, kind } = shown;
      const at = { connectionId: place.connectionId, bucket: place.bucket, key, ...(shown.version ? { versionId: shown.version.id } : {}) };
      const req = { ...at, requestId };
      switch (kind) {
        case 'unknown':
          return finish(key, requestId, { type: 'unknown' }, NONE);
        case 'image':
        case 'svg':
        case 'pdf': {
          const r = await call(() => api.previewBytes(req));
          if (!r.ok) return fail(key, requestId, r.error);
          if (r.value.kind === 'too-large') return finish(key, requestId, { type: 'too-large', size: r.value.size, limit: r.value.limit }, r.value.cost);
          const bytes = fromBase64(r.value.base64);
          // SVG goes into an <img> from a blob: scripts in it never run there (images are static documents).
          const type = MIME[kind] ?? r.value.contentType ?? 'application/octet-stream';
          const url = createUrl(new Blob([bytes], { type }));
          return finish(key, requestId, { type: 'blob', url, bytes, size: r.value.size }, r.value.cost);
        }
        case 'audio':
        case 'video': {
          const r = await call(() => api.openMediaPreview(at));
          if (!r.ok) return fail(key, requestId, r.error);
          return finish(key, requestId, { type: 'media', url: r.value.url, video: kind === 'video' }, NONE);
        }
        case 'parquet': {
          const r = await call(() => api.previewParquet(req));
          if (!r.ok) return fail(key, requestId, r.error);
          return finish(key, requestId, r.value.kind === 'unreadable' ? { type: 'unreadable', message: r.value.message } : { type: 'parquet', value: r.value }, r.value.cost);
        }
        case 'zip': {
          const r = await call(() => api.previewZip(req));
          if (!r.ok) return fail(key, requestId, r.error);
          return finish(key, requestId, r.value.kind === 'unreadable' ? { type: 'unreadable', message: r.value.message } : { type: 'zip', value: r.value }, r.value.cost);
        }
        default: {
          const r = await call(() => api.previewText({ ...req, offset: 0, ...(kind === 'gzip' ? { gzip: true } : {}) }));
          if (!r.ok) return fail(key, requestId, r.error);
          const v = r.value;
          if (v.kind === 'unreadable') return finish(key, requestId, { type: 'unreadable', message: v.message }, v.cost);
          return finish(key, requestId, { type: 'text', text: v.text, next: v.next, more: v.more, size: v.size, binary: v.binary, language: languageOf(key), as: textAs(kind, key) }, v.cost);
        }
      }
    };

    return {
      shown: null,
      external: null,

      async open(place, key, version) {
        const before = get().shown;
        if (before?.requestId) void api.cancelPreview({ requestId: before.requestId }).catch(() => {});
        release(before?.content ?? null);
        const requestId = newId();
        const shown: PreviewShown = { place, key, version: version ?? null, kind: previewKind(key), status: 'loading', content: null, error: null, cost: NONE, requestId };
        set({ shown, external: null });
        await load(shown, requestId);
      },

      close() {
        const s = get().shown;
        if (s?.requestId) void api.cancelPreview({ requestId: s.requestId }).catch(() => {});
        release(s?.content ?? null);
        set({ shown: null, external: null });
      },

      async loadMore() {
        const s = get().shown;
        if (!s || s.status !== 'ready' || s.content?.type !== 'text' || !s.content.more) return;
        const requestId = newId();
        const content = s.content;
        set({ shown: { ...s, status: 'loading', requestId } });
        const r = await call(() =>
          api.previewText({
            connectionId: s.place.connectionId,
            bucket: s.place.bucket,
            key: s.key,
            ...(s.version ? { versionId: s.version.id } : {}),
            offset: content.next,
            requestId,
            ...(s.kind === 'gzip' ? { gzip: true } : {}),
          }),
        );
        if (!r.ok) return fail(s.key, requestId, r.error);
        if (r.value.kind === 'unreadable') return finish(s.key, requestId, { type: 'unreadable', message: r.value.message }, r.value.cost);
        const v = r.value;
        finish(s.key, requestId, { ...content, text: content.text + v.text, next: v.next, more: v.more }, v.cost);
      },

      cancel() {
        const s = get().shown;
        if (!s?.requestId) return;
        void api.cancelPreview({ requestId: s.requestId }).catch(() => {});
        // What was shown before a "load more" stays; a first read that was stopped says so.
        set({
          shown: s.content
            ? { ...s, status: 'ready', requestId: null }
            : { ...s, status: 'error', requestId: null, error: { code: 'Cancelled', title: 'Cancelled', message: 'The preview was stopped. Press Space twice to try again, or Open / Download the file.', detail: '' } },
        });
      },

      async openExternally(place, key, edit) {
        set({ external: { message: edit ? 'Downloading a copy to edit…' : 'Downloading a copy to open…', error: false } });
        const r = await call(() => api.openExternally({ connectionId: place.connectionId, bucket: place.bucket, key, edit }));
        if (!r.ok) {
          set({ external: { message: `${r.error.title}: ${r.error.detail || r.error.message}`, error: true } });
          return null;
        }
        set({ external: { message: edit ? 'Opened for editing: each save is uploaded back (see the transfer panel).' : 'Opened in the default app.', error: false } });
        return r.value;
      },
    };
  });
}
