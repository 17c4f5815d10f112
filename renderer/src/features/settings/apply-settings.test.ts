import { describe, expect, it } from 'vitest';
import { applySettings, isSettingsShortcut } from './apply-settings';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('applySettings', () => {
  it('sets data-theme for a forced theme and removes it for "system"', () => {
    const root = { dataset: {} as Record<string, string | undefined> } as unknown as HTMLElement;
    applySettings(root, { theme: 'dark', requestMetrics: false });
    expect(root.dataset).toEqual({ theme: 'dark', requestMetrics: 'off' });
    applySettings(root, { theme: 'system', requestMetrics: true });
    expect(root.dataset).toEqual({ requestMetrics: 'on' });
  });
});

describe('isSettingsShortcut', () => {
  it('is Ctrl+, or Cmd+, and nothing else', () => {
    expect(isSettingsShortcut(key(',', { ctrlKey: true }))).toBe(true);
    expect(isSettingsShortcut(key(',', { metaKey: true }))).toBe(true);
    expect(isSettingsShortcut(key(','))).toBe(false);
    expect(isSettingsShortcut(key(',', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isSettingsShortcut(key('.', { ctrlKey: true }))).toBe(false);
  });
});
