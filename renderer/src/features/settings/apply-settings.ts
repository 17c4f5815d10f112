/**
 * Settings that act on the whole page, applied as attributes of <html>: the theme (tokens.css picks the palette
 * from data-theme, "system" follows the OS) and whether the status bar shows request counters.
 */
import type { AppSettings } from '../../../../shared/settings';

export function applySettings(root: HTMLElement, settings: Pick<AppSettings, 'theme' | 'requestMetrics'>): void {
  if (settings.theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = settings.theme;
  root.dataset.requestMetrics = settings.requestMetrics ? 'on' : 'off';
}

/** Ctrl+, (Cmd+, on macOS) opens Settings, as in most desktop apps. */
export function isSettingsShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return event.key === ',' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
}
