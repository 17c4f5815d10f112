/**
 * The editor of one bucket setting (policy, CORS, lifecycle, public access block), a slice of the buckets store:
 * the server's text is read, the user's text is checked as typed (shared/bucket-config.ts says where it is
 * wrong, and Review stays disabled), Review shows the diff of what changes, and only Save sends it — with the
 * text the diff was made against, so main refuses it if the server changed meanwhile.
 */
import { type BucketConfigKind, canonicalText, checkConfig, CONFIG_TEMPLATES, type ConfigProblem, diffLines, type DiffLine } from '../../../../shared/bucket-config';
import type { RendererApi } from '../../../../shared/ipc';
import { call, type UserError } from '../../lib/call';

export type EditorApi = Pick<RendererApi, 'bucketConfig' | 'saveBucketConfig'>;

export interface ConfigEditor {
  readonly connectionId: string;
  readonly bucket: string;
  readonly kind: BucketConfigKind;
  readonly status: 'loading' | 'editing' | 'review' | 'saving' | 'error';
  /** What the server has (canonical text), null for none; undefined until read. */
  readonly before: string | null | undefined;
  readonly text: string;
  /** The user asked to remove the setting (the review then shows every line removed). */
  readonly remove: boolean;
  readonly problem: ConfigProblem | null;
  /** The review's diff: before → what will be saved. */
  readonly diff: readonly DiffLine[] | null;
  readonly error: UserError | null;
}

export interface EditorActions {
  openEditor(connectionId: string, bucket: string, kind: BucketConfigKind): Promise<void>;
  setText(text: string): void;
  askRemove(): void;
  review(): void;
  backToEdit(): void;
  save(): Promise<void>;
  closeEditor(): void;
}

/** The text a new setting starts from: the template, with the bucket's name where a policy wants it. */
const starter = (kind: BucketConfigKind, bucket: string) => canonicalText(CONFIG_TEMPLATES[kind]).replaceAll('BUCKET', bucket);

const problemOf = (kind: BucketConfigKind, text: string) => {
  const r = checkConfig(kind, text);
  return r.ok ? null : r.problem;
};

export function editorSlice(
  api: EditorApi,
  set: (patch: { editor: ConfigEditor | null }) => void,
  get: () => { editor: ConfigEditor | null },
  onSaved: (connectionId: string, bucket: string, kind: BucketConfigKind) => void,
): { readonly editor: ConfigEditor | null } & EditorActions {
  const patch = (p: Partial<ConfigEditor>) => {
    const e = get().editor;
    if (e) set({ editor: { ...e, ...p } });
  };
  return {
    editor: null,
    async openEditor(connectionId, bucket, kind) {
      const fresh: ConfigEditor = { connectionId, bucket, kind, status: 'loading', before: undefined, text: '', remove: false, problem: null, diff: null, error: null };
      set({ editor: fresh });
      const res = await call(() => api.bucketConfig({ connectionId, bucket, kind }));
      const e = get().editor;
      if (!e || e.bucket !== bucket || e.kind !== kind) return;
      if (!res.ok) return patch({ status: 'error', error: res.error });
      const text = res.value.text ?? starter(kind, bucket);
      patch({ status: 'editing', before: res.value.text, text, problem: problemOf(kind, text) });
    },
    setText(text) {
      const e = get().editor;
      if (e && (e.status === 'editing' || e.status === 'error')) patch({ text, remove: false, problem: problemOf(e.kind, text), error: null, status: 'editing' });
    },
    askRemove() {
      const e = get().editor;
      if (!e || e.before === null || e.before === undefined) return;
      patch({ remove: true, status: 'review', problem: null, diff: diffLines(e.before, null) });
    },
    review() {
      const e = get().editor;
      if (!e || e.status !== 'editing' || e.before === undefined) return;
      const r = checkConfig(e.kind, e.text);
      if (!r.ok) return patch({ problem: r.problem });
      patch({ status: 'review', remove: false, diff: diffLines(e.before, r.text) });
    },
    backToEdit: () => patch({ status: 'editing', remove: false, diff: null }),
    async save() {
      const e = get().editor;
      if (!e || e.status !== 'review' || e.before === undefined) return;
      const text = e.remove ? null : (checkConfig(e.kind, e.text) as { text: string }).text;
      if (!e.remove && text === e.before) return;
      patch({ status: 'saving', error: null });
      const res = await call(() => api.saveBucketConfig({ connectionId: e.connectionId, bucket: e.bucket, kind: e.kind, text, before: e.before ?? null }));
      if (get().editor?.kind !== e.kind) return;
      if (!res.ok) return patch({ status: 'review', error: res.error });
      set({ editor: null });
      onSaved(e.connectionId, e.bucket, e.kind);
    },
    closeEditor: () => set({ editor: null }),
  };
}

/** Whether the review changes anything (Save is offered only then). */
export const changesAnything = (diff: readonly DiffLine[] | null) => diff !== null && diff.some((l) => l.op !== 'same');
