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

  it('Properties… acts on the whole selection, folders included, once the feature is wired in', () => {
    const { calls, actions } = recorder();
    expect(commandEnabled('properties', state({ targets: ['p/a'] }))).toBe('Properties are not available');
    expect(commandEnabled('properties', state({ properties: true }))).toBe('Select something first');
    expect(commandEnabled('properties', state({ properties: true, targets: ['p/a'], versions: { state: 'enabled', showDeleted: false, asOf: 5, deletedTargets: 0 } }))).toMatch(/^Read-only/);
    expect(runCommand('properties', state({ properties: true, targets: ['p/a', 'p/sub/'] }), actions)).toBe(true);
    expect(calls).toEqual([['properties', PLACE, ['p/a', 'p/sub/']]]);
  });

  it('Compare with… compares one selected folder, else the folder shown', () => {
    expect(commandEnabled('compare', state())).toBe('Compare is not available');
    expect(commandEnabled('compare', state({ sync: true, place: null }))).toBe('Open a bucket first');
    expect(commandEnabled('compare', state({ sync: true, targets: ['p/a', 'p/b/'] }))).toMatch(/^Select one folder/);
    const { calls, actions } = recorder();
    expect(runCommand('compare', state({ sync: true, targets: ['p/sub/'] }), actions)).toBe(true);
    expect(runCommand('compare', state({ sync: true, targets: ['p/file.txt'] }), actions)).toBe(true);
    expect(runCommand('compare', state({ sync: true }), actions)).toBe(true);
    expect(calls).toEqual([
      ['compare', PLACE, 'p/sub/'],
      ['compare', PLACE, 'p/'],
      ['compare', PLACE, 'p/'],
    ]);
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

  describe('versions commands', () => {
    const versions = (over: Partial<NonNullable<CommandState['versions']>> = {}) => ({ state: null, showDeleted: false, asOf: null, deletedTargets: 0, ...over });

    it('are unavailable without the feature, and explain a bucket that never had versioning', () => {
      expect(commandEnabled('show-deleted', state())).toBe('Versions are not available');
      expect(commandEnabled('versions', state({ targets: ['p/a'], versions: versions({ state: 'never' }) }))).toMatch(/never had versioning: Bucket versioning… can enable it/);
      // Not asked yet: enabled, and the run asks (then explains, if need be).
      expect(commandEnabled('show-deleted', state({ versions: versions() }))).toBeNull();
      expect(commandEnabled('bucket-versioning', state({ versions: versions({ state: 'never' }) }))).toBeNull();
      expect(commandEnabled('versions', state({ targets: ['p/a', 'p/b'], versions: versions({ state: 'suspended' }) }))).toBe('Select one file');
    });

    it('undelete needs deleted rows only; other commands refuse deleted rows', () => {
      const some = state({ targets: ['p/gone', 'p/live'], versions: versions({ showDeleted: true, deletedTargets: 1 }) });
      expect(commandEnabled('undelete', some)).toBe('Select deleted files or folders');
      expect(commandEnabled('delete', some)).toMatch(/undelete them first/);
      expect(commandEnabled('undelete', state({ targets: ['p/gone'] , versions: versions({ deletedTargets: 0 }) }))).toMatch(/^Turn on Show deleted/);
      const all = state({ targets: ['p/gone', 'p/old/'], versions: versions({ showDeleted: true, deletedTargets: 2 }) });
      const { calls, actions } = recorder();
      expect(runCommand('undelete', all, actions)).toBe(true);
      // A deleted file's versions are how it comes back.
      expect(commandEnabled('versions', state({ targets: ['p/gone'], versions: versions({ deletedTargets: 1 }) }))).toBeNull();
      expect(calls).toEqual([['undelete', PLACE, ['p/gone', 'p/old/']]]);
    });

    it('View as of makes the view read-only; Restore folder needs it', () => {
      const past = state({ canPaste: true, targets: ['p/a'], versions: versions({ asOf: 1000 }) });
      for (const id of ['new-folder', 'upload-files', 'upload-folder', 'upload-with-options', 'rename', 'delete', 'cut', 'paste', 'undelete'] as const) {
        expect(commandEnabled(id, past), id).toMatch(/^Read-only/);
      }
      expect(commandEnabled('restore-folder', state({ versions: versions() }))).toMatch(/^Choose View as of/);
      const { calls, actions } = recorder();
      expect(runCommand('restore-folder', past, actions)).toBe(true);
      expect(runCommand('view-as-of', past, actions)).toBe(true);
      expect(calls).toEqual([['restoreFolder', PLACE], ['viewAsOf', PLACE]]);
    });
  });
});
