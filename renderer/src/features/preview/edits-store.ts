/**
 * Edit sessions as main reports them (edit:changed / edit:ended), and the one question they can raise: the
 * object changed or was deleted on the server while it was being edited. Nothing is uploaded over a change
 * until the user picks overwrite, save as a new key, or discard (main waits in 'conflict' / 'deleted').
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RendererApi } from '../../../../shared/ipc';
import type { EditChoice, EditSession } from '../../../../shared/open-edit';
import { call, type UserError } from '../../lib/call';

export type EditsApi = Pick<RendererApi, 'listEdits' | 'resolveEdit' | 'finishEdit' | 'onEditChanged' | 'onEditEnded'>;

export interface EditsState {
  readonly sessions: readonly EditSession[];
  /** Sessions whose question the user put off ("Decide later"), until their state changes again. */
  readonly later: ReadonlySet<string>;
  readonly busy: boolean;
  readonly error: UserError | null;
  /** Subscribe to main's events and read the sessions already open; returns the unsubscribe. */
  start(): () => void;
  resolve(sessionId: string, choice: EditChoice, newKey?: string): Promise<void>;
  finish(sessionId: string): Promise<void>;
  putOff(sessionId: string): void;
}

export type EditsStore = StoreApi<EditsState>;

/** The session whose question is shown: the first waiting one not put off. */
export function asking(s: Pick<EditsState, 'sessions' | 'later'>): EditSession | null {
  return s.sessions.find((e) => (e.state === 'conflict' || e.state === 'deleted') && !s.later.has(e.id)) ?? null;
}

export function createEditsStore(api: EditsApi): EditsStore {
  return createStore<EditsState>()((set) => {
    const upsert = (session: EditSession) =>
      set((s) => {
        const later = new Set(s.later);
        const before = s.sessions.find((e) => e.id === session.id);
        if (before?.state !== session.state) later.delete(session.id);
        const sessions = before ? s.sessions.map((e) => (e.id === session.id ? session : e)) : [...s.sessions, session];
        return { sessions, later };
      });
    const remove = (id: string) => set((s) => ({ sessions: s.sessions.filter((e) => e.id !== id) }));

    return {
      sessions: [],
      later: new Set(),
      busy: false,
      error: null,

      start() {
        const offs = [api.onEditChanged(upsert), api.onEditEnded(({ id }) => remove(id))];
        void call(() => api.listEdits({})).then((r) => {
          if (r.ok) for (const session of r.value.sessions) upsert(session);
        });
        return () => offs.forEach((off) => off());
      },

      async resolve(sessionId, choice, newKey) {
        set({ busy: true, error: null });
        const r = await call(() => api.resolveEdit({ sessionId, choice, ...(newKey !== undefined ? { newKey } : {}) }));
        set({ busy: false, error: r.ok ? null : r.error });
        if (!r.ok) return;
        if (r.value === null) remove(sessionId);
        else upsert(r.value);
      },

      async finish(sessionId) {
        const r = await call(() => api.finishEdit({ sessionId }));
        if (r.ok) remove(sessionId);
        else set({ error: r.error });
      },

      putOff(sessionId) {
        set((s) => ({ later: new Set([...s.later, sessionId]) }));
      },
    };
  });
}
