import { Settings } from 'lucide-react';
import type { SettingsStore } from './settings-store';

/** The status bar's way into Settings (also Ctrl/Cmd+,). */
export function SettingsButton({ store }: { readonly store: SettingsStore }) {
  return (
    <button
      type="button"
      className="icon-button settings-button"
      aria-label="Settings"
      title="Settings (Ctrl+,)"
      onClick={() => store.getState().setOpen(true)}
      data-testid="open-settings"
    >
      <Settings size={14} aria-hidden="true" />
    </button>
  );
}
