/** The start screen's state: the saved connections, and adding one. Factory over the methods it uses. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionInput, RendererApi } from '../../../../shared/ipc';
import type { ConnectionSummary } from '../../../../shared/types';
import { call, type UserError } from '../../lib/call';

export interface StartScreenState {
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly connections: readonly ConnectionSummary[];
  readonly error: UserError | null;
  readonly adding: boolean;
  readonly addError: UserError | null;
  load(): Promise<void>;
  /** Resolves to the new connection, or null when main refused it (the error is in `addError`). */
  add(input: ConnectionInput): Promise<ConnectionSummary | null>;
}

export type StartScreenStore = StoreApi<StartScreenState>;

export type StartScreenApi = Pick<RendererApi, 'listConnections' | 'addConnection'>;

export function createStartScreenStore(api: StartScreenApi): StartScreenStore {
  return createStore<StartScreenState>()((set, get) => ({
    status: 'idle',
    connections: [],
    error: null,
    adding: false,
    addError: null,

    async load() {
      set({ status: 'loading', error: null });
      const res = await call(() => api.listConnections({}));
      set(res.ok ? { status: 'ready', connections: res.value } : { status: 'error', error: res.error });
    },

    async add(input) {
      set({ adding: true, addError: null });
      const res = await call(() => api.addConnection(input));
      if (!res.ok) {
        set({ adding: false, addError: res.error });
        return null;
      }
      set({ adding: false, connections: [...get().connections.filter((c) => c.id !== res.value.id), res.value] });
      return res.value;
    },
  }));
}
