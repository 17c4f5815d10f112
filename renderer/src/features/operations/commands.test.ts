import { describe, expect, it } from 'vitest';
import { runCommand, type OperationsTarget } from './commands';
import { createFakeOperationsApi } from '../../../../testkit/renderer/fake-operations-api';
import { createOperationsStore } from './operations-store';

const place = { connectionId: 'c1', bucket: 'b', prefix: 'p/' };
const target = (selected: string[], focused: string | null = null): OperationsTarget => ({ place, selected, focused });
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('runCommand', () => {
  it('deletes the selection, or the focused row when nothing is selected', async () => {
    const fake = createFakeOperationsApi();
    const store = createOperationsStore(fake.api, { newId: () => 'count-1' });
    expect(runCommand(store, 'delete', target([], 'p/f.txt'))).toBe(true);
    await flush();
    expect(fake.callsOf('planOperation')).toEqual([{ kind: 'delete', connectionId: 'c1', bucket: 'b', keys: ['p/f.txt'], planningId: 'count-1' }]);
    expect(runCommand(store, 'delete', target([]))).toBe(false);
  });

  it('copies then pastes into the current place, and toggles preview with Space', async () => {
    const fake = createFakeOperationsApi();
    const store = createOperationsStore(fake.api);
    expect(runCommand(store, 'paste', target([]))).toBe(false);
    runCommand(store, 'copy', target(['p/a', 'p/b/']));
    expect(store.getState().clipboard).toEqual({ mode: 'copy', source: { connectionId: 'c1', bucket: 'b', keys: ['p/a', 'p/b/'] } });
    runCommand(store, 'paste', { ...target([]), place: { ...place, prefix: 'q/' } });
    await flush();
    expect(fake.callsOf('planOperation')[0]).toMatchObject({ kind: 'copy', target: { prefix: 'q/' } });
    expect(runCommand(store, 'preview', target(['p/b/']))).toBe(false);
    runCommand(store, 'preview', target(['p/a']));
    await flush();
    expect(store.getState().preview.status).toBe('ready');
    runCommand(store, 'preview', target(['p/a']));
    expect(store.getState().preview.status).toBe('idle');
  });

  it('opens rename for one entry only and the presign dialog for one object only', () => {
    const store = createOperationsStore(createFakeOperationsApi().api);
    expect(runCommand(store, 'rename', target(['p/a', 'p/b']))).toBe(false);
    expect(runCommand(store, 'rename', target(['p/a']))).toBe(true);
    expect(store.getState().dialog).toMatchObject({ kind: 'rename', key: 'p/a' });
    expect(runCommand(store, { share: 'presigned' }, target(['p/b/']))).toBe(false);
    expect(runCommand(store, { share: 'presigned' }, target(['p/a']))).toBe(true);
    expect(store.getState().shareDialogKey).toBe('p/a');
  });

  it('does nothing without a place (no bucket open)', () => {
    const store = createOperationsStore(createFakeOperationsApi().api);
    expect(runCommand(store, 'new-folder', { place: null, selected: [], focused: null })).toBe(false);
  });
});
