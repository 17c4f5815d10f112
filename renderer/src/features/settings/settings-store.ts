/** The settings the renderer shows and applies (theme, request metrics, conflict default), loaded from main. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RendererApi } from '../../../../shared/ipc';
import type { AppSettings, SettingsPatch } from '../../../../shared/settings';
import { call, type UserError } from '../../lib/call';

export type SettingsApi = Pick<RendererApi, 'getSettings' | 'setSettings' | 'chooseDownloadFolder'>;

export interface SettingsState {
  /** null until loaded. */
  readonly settings: AppSettings | null;
  readonly open: boolean;
  readonly error: UserError | null;
}

export interface SettingsActions {
  load(): Promise<void>;
  /** Change settings: shown at once, then replaced by what main answers (checked and saved). */
  change(patch: SettingsPatch): Promise<void>;
  chooseDownloadFolder(): Promise<void>;
  setOpen(open: boolean): void;
}

export type SettingsStore = StoreApi<SettingsState & SettingsActions>;

export function createSettingsStore(api: SettingsApi): SettingsStore {
  return createStore<SettingsState & SettingsActions>()((set, get) => {
    const apply = async (run: () => ReturnType<SettingsApi['getSettings']>) => {
      const result = await call(run);
      if (result.ok) set({ settings: result.value, error: null });
      else set({ error: result.error });
    };
    return {
      settings: null,
      open: false,
      error: null,
      load: () => apply(() => api.getSettings({})),
      change(patch) {
        // Shown at once (a checkbox must not flick back while main saves); main's answer then replaces it,
        // and a refusal puts the saved value back.
        const before = get().settings;
        const { resetDownloadFolder: _reset, ...fields } = patch;
        if (before) set({ settings: { ...before, ...fields } });
        return apply(() => api.setSettings(patch)).then(() => {
          if (get().error && before) set({ settings: before });
        });
      },
      chooseDownloadFolder: () => apply(() => api.chooseDownloadFolder({})),
      setOpen(open) {
        set({ open });
      },
    };
  });
}
