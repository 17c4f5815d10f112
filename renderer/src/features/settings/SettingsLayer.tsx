import { useEffect } from 'react';
import { useStore } from 'zustand';
import { applySettings, isSettingsShortcut } from './apply-settings';
import { SettingsDialog } from './SettingsDialog';
import './settings.css';
import type { SettingsStore } from './settings-store';

/** Loads the settings, applies the page-wide ones, opens the dialog on Ctrl/Cmd+, and renders it. */
export function SettingsLayer({ store, onOpenPrices }: { readonly store: SettingsStore; readonly onOpenPrices?: () => void }) {
  const settings = useStore(store, (s) => s.settings);
  const open = useStore(store, (s) => s.open);
  const error = useStore(store, (s) => s.error);
  const actions = store.getState();

  useEffect(() => {
    void store.getState().load();
    const onKey = (event: KeyboardEvent) => {
      if (!isSettingsShortcut(event)) return;
      event.preventDefault();
      store.getState().setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  useEffect(() => {
    if (settings) applySettings(document.documentElement, settings);
  }, [settings]);

  return (
    <SettingsDialog
      open={open}
      settings={settings}
      error={error}
      onOpenChange={actions.setOpen}
      onChange={(patch) => void actions.change(patch)}
      onChooseFolder={() => void actions.chooseDownloadFolder()}
      {...(onOpenPrices
        ? {
            onOpenPrices: () => {
              // One dialog at a time: Settings closes, the price tables open.
              actions.setOpen(false);
              onOpenPrices();
            },
          }
        : {})}
    />
  );
}
