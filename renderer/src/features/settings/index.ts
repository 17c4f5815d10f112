/** The settings feature's public surface: what App and other features may use. Everything else is internal. */
export { SettingsButton } from './SettingsButton';
export { SettingsLayer } from './SettingsLayer';
export { createSettingsStore, type SettingsApi, type SettingsStore } from './settings-store';
