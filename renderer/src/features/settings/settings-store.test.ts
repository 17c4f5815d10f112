import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../../../shared/errors';
import type { AppSettings, SettingsPatch } from '../../../../shared/settings';
import { createSettingsStore, type SettingsApi } from './settings-store';

const SAVED: AppSettings = {
  downloadFolder: '/home/me/Downloads',
  downloadFolderIsDefault: true,
  askEveryTime: false,
  lastFolder: null,
  conflict: 'ask',
  fileConcurrency: 32,
  requestConcurrency: 32,
  theme: 'system',
  requestMetrics: true,
  thumbnails: false,
};

/** A main that answers set with the merged settings, or refuses while `refuse` is set; the answer waits on `release`. */
function fakeApi() {
  let saved = SAVED;
  let refuse = false;
  let release: () => void = () => {};
  const api: SettingsApi = {
    getSettings: async () => ok(saved),
    setSettings: async (patch: SettingsPatch): Promise<Result<AppSettings>> => {
      await new Promise<void>((resolve) => (release = resolve));
      if (refuse) return fail('InvalidInput', 'theme: not one of the themes');
      const { resetDownloadFolder: _r, ...fields } = patch;
      saved = { ...saved, ...fields };
      return ok(saved);
    },
    chooseDownloadFolder: async () => ok({ ...saved, downloadFolder: '/data', downloadFolderIsDefault: false }),
  };
  return { api, release: () => release(), refuseNext: () => (refuse = true) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('settings store', () => {
  it('shows a change at once and keeps what main answers', async () => {
    const f = fakeApi();
    const store = createSettingsStore(f.api);
    await store.getState().load();
    const pending = store.getState().change({ askEveryTime: true });
    expect(store.getState().settings?.askEveryTime).toBe(true);
    await tick();
    f.release();
    await pending;
    expect(store.getState().settings).toEqual({ ...SAVED, askEveryTime: true });
  });

  it('puts the saved value back when main refuses, and shows why', async () => {
    const f = fakeApi();
    const store = createSettingsStore(f.api);
    await store.getState().load();
    f.refuseNext();
    const pending = store.getState().change({ theme: 'dark' });
    expect(store.getState().settings?.theme).toBe('dark');
    await tick();
    f.release();
    await pending;
    expect(store.getState().settings?.theme).toBe('system');
    expect(store.getState().error?.code).toBe('InvalidInput');
  });

  it('takes the download folder main chose in its dialog', async () => {
    const store = createSettingsStore(fakeApi().api);
    await store.getState().chooseDownloadFolder();
    expect(store.getState().settings).toMatchObject({ downloadFolder: '/data', downloadFolderIsDefault: false });
  });
});
