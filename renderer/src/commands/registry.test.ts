import { describe, expect, it } from 'vitest';
import { COMMAND_IDS } from '../../../shared/commands';
import type { CommandActions, CommandState } from './command-state';
import { commandEnabled, disabledCommands, REGISTRY, runCommand } from './registry';

const PLACE = { connectionId: 'c1', bucket: 'b', prefix: 'p/' };

function state(over: Partial<CommandState> = {}): CommandState {
  return {
    connected: true,
    place: PLACE,
    targets: [],
    visibleCount: 3,
    canGoBack: false,
    canGoForward: false,
    canPaste: false,
    previewOpen: false,
    infoOpen: false,
    transfers: true,
    listingFailed: false,
    hosted: new Set(),
    ...over,
  };
}

/** Records every action as [name, ...args]. */
function recorder() {
  const calls: unknown[][] = [];
  const actions = new Proxy({} as CommandActions, {
    get: (_t, name) => (...args: unknown[]) => void calls.push([name, ...args]),
  });
  return { calls, actions };
}

describe('command registry', () => {
  it('implements every shared command', () => {
    expect(Object.keys(REGISTRY).sort()).toEqual([...COMMAND_IDS].sort());
  });

  it('says why a command cannot run', () => {
    expect(commandEnabled('delete', state())).toBe('Select something first');
    expect(commandEnabled('delete', state({ place: null }))).toBe('Open a bucket first');
    expect(commandEnabled('rename', state({ targets: ['a', 'b'] }))).toBe('Select one item');
    expect(commandEnabled('preview', state({ targets: ['p/f/'] }))).toBe('Select one file');
    expect(commandEnabled('paste', state())).toMatch(/^Nothing to paste/);
    expect(commandEnabled('back', state())).toBe('No earlier location');
    expect(commandEnabled('download', state({ transfers: false, targets: ['p/a'] }))).toBe('Transfers are not available');
    expect(commandEnabled('upload-files', state({ listingFailed: true }))).toMatch(/could not be opened/);
    expect(commandEnabled('upload-files', state())).toBeNull();
    expect(commandEnabled('incomplete-uploads', state({ place: null }))).toBe('Open a bucket first');
    expect(commandEnabled('incomplete-uploads', state({ transfers: false }))).toBe('Transfers are not available');
    expect(commandEnabled('incomplete-uploads', state())).toBeNull();
    expect(commandEnabled('settings', state())).toMatch(/not available/);
    expect(commandEnabled('settings', state({ hosted: new Set(['settings']) }))).toBeNull();
    expect(commandEnabled('refresh', state({ connected: false, place: null }))).toBe('Open a connection first');
  });

  it('runs on the targets and the shown folder; refuses (and does nothing) when disabled', () => {
    const { calls, actions } = recorder();
    expect(runCommand('delete', state({ targets: ['p/a', 'p/b/'] }), actions)).toBe(true);
    expect(runCommand('share-link', state({ targets: ['p/a'] }), actions)).toBe(true);
    expect(runCommand('copy-s3-uri', state({ targets: ['p/b/'] }), actions)).toBe(true);
    expect(runCommand('upload-folder', state(), actions)).toBe(true);
    expect(runCommand('incomplete-uploads', state(), actions)).toBe(true);
    expect(runCommand('rename', state(), actions)).toBe(false);
    expect(calls).toEqual([
      ['delete', PLACE, ['p/a', 'p/b/']],
      ['share', PLACE, 'p/a', 'presigned'],
      ['share', PLACE, 'p/b/', 's3-uri'],
      ['upload', PLACE, true],
      ['incompleteUploads', PLACE],
    ]);
  });

  it('toggles: Preview closes an open preview, the info panel closes or opens', () => {
    const { calls, actions } = recorder();
    runCommand('preview', state({ previewOpen: true }), actions);
    runCommand('toggle-info-panel', state({ infoOpen: true }), actions);
    runCommand('toggle-info-panel', state({ targets: ['p/a'] }), actions);
    expect(calls).toEqual([['closePreview'], ['closeInfo'], ['info', 'p/a']]);
  });

  it('lists what the native menu greys out', () => {
    const off = disabledCommands(COMMAND_IDS, state({ targets: ['p/a'], canPaste: true }));
    expect(off).toContain('back');
    expect(off).not.toContain('delete');
    expect(off).not.toContain('paste');
  });
});
