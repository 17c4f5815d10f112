import { describe, expect, it } from 'vitest';
import { createFakeOperationsApi } from '../../../../testkit/renderer/fake-operations-api';
import { createOperationsStore, type Place } from './operations-store';

const place: Place = { connectionId: 'c1', bucket: 'b', prefix: 'docs/' };
const setup = () => {
  const fake = createFakeOperationsApi();
  let ids = 0;
  const store = createOperationsStore(fake.api, { writeClipboard: async (t) => void fake.clipboardWrites.push(t), newId: () => `count-${++ids}` });
  return { fake, store, s: () => store.getState() };
};

describe('new folder and rename', () => {
  it('validates the name locally first: no request for an invalid name', async () => {
    const { fake, s } = setup();
    s().openNewFolder(place);
    for (const bad of ['', 'a/b', '..']) {
      s().setDialogName(bad);
      await s().submitName();
      expect(s().dialog).toMatchObject({ kind: 'new-folder', problem: expect.any(String) });
    }
    expect(fake.calls).toHaveLength(0);
  });

  it('creates the folder in the current place and closes the dialog; a conflict stays in the dialog', async () => {
    const { fake, s } = setup();
    s().openNewFolder(place);
    s().setDialogName('exists');
    await s().submitName();
    expect(s().dialog).toMatchObject({ kind: 'new-folder', busy: false, problem: expect.stringContaining('already exists') });
    s().setDialogName('reports');
    await s().submitName();
    expect(s().dialog).toBeNull();
    expect(fake.callsOf('createFolder').at(-1)).toEqual({ connectionId: 'c1', bucket: 'b', prefix: 'docs/', name: 'reports' });
  });

  it('renames by planning and running a rename in one go, prefilled with the current name', async () => {
    const { fake, s } = setup();
    s().openRename(place, 'docs/old.txt');
    expect(s().dialog).toMatchObject({ kind: 'rename', name: 'old.txt' });
    s().setDialogName('new.txt');
    await s().submitName();
    expect(fake.callsOf('planOperation')).toEqual([{ kind: 'rename', connectionId: 'c1', bucket: 'b', key: 'docs/old.txt', newName: 'new.txt' }]);
    expect(fake.callsOf('runOperation')).toEqual([{ planId: 'plan-1' }]);
    expect(s().dialog).toBeNull();
  });

  it('keeps a refused rename (name taken) in the dialog with the reason', async () => {
    const { fake, s } = setup();
    fake.nextPlan = { error: { code: 'Conflict', message: '"b.txt" already exists in this folder' } };
    s().openRename(place, 'docs/a.txt');
    s().setDialogName('b.txt');
    await s().submitName();
    expect(s().dialog).toMatchObject({ kind: 'rename', problem: '"b.txt" already exists in this folder.' });
    expect(fake.callsOf('runOperation')).toHaveLength(0);
  });

  it('closes without a request when the name did not change', async () => {
    const { fake, s } = setup();
    s().openRename(place, 'docs/keep/');
    await s().submitName();
    expect(s().dialog).toBeNull();
    expect(fake.calls).toHaveLength(0);
  });
});

describe('delete', () => {
  const selection = { connectionId: 'c1', bucket: 'b', keys: ['docs/x/', 'docs/y.txt'] };

  it('shows the plan counts for confirmation and runs exactly that plan id', async () => {
    const { fake, s } = setup();
    fake.nextPlan = { objects: 2501, bytes: 123_456 };
    await s().requestDelete(selection);
    expect(fake.callsOf('runOperation')).toHaveLength(0);
    const dialog = s().dialog;
    expect(dialog).toMatchObject({ kind: 'confirm', plan: { objects: 2501, bytes: 123_456, planId: 'plan-1' } });
    await s().confirm();
    expect(fake.callsOf('runOperation')).toEqual([{ planId: 'plan-1' }]);
    expect(s().runs[0]).toMatchObject({ label: 'Delete 2501 objects', report: { status: 'done' } });
  });

  it('discards the plan in main when the confirmation is cancelled', async () => {
    const { fake, s } = setup();
    await s().requestDelete(selection);
    s().closeDialog();
    expect(fake.callsOf('discardPlan')).toEqual([{ planId: 'plan-1' }]);
    expect(fake.callsOf('runOperation')).toHaveLength(0);
  });

  it('tracks progress events of its run, can cancel it, and keeps the per-key error report', async () => {
    const { fake, s, store } = setup();
    const stop = s().start();
    fake.report = (plan) => ({
      operationId: plan.planId,
      kind: 'delete',
      status: 'partial',
      total: 3,
      succeeded: ['a'],
      failed: [{ key: 'b', stage: 'delete', code: 'AccessDenied', message: 'not deleted: AccessDenied' }],
      skipped: ['c'],
    });
    await s().requestDelete(selection);
    const release = fake.holdRun();
    const running = s().confirm();
    await Promise.resolve();
    fake.emitProgress({ operationId: 'plan-1', kind: 'delete', total: 3, done: 1, failed: 0, bytesTotal: 300, bytesDone: 100, finished: false });
    fake.emitProgress({ operationId: 'other', kind: 'delete', total: 9, done: 9, failed: 0, bytesTotal: 9, bytesDone: 9, finished: true });
    expect(s().runs).toHaveLength(1);
    expect(s().runs[0]?.progress).toMatchObject({ done: 1, total: 3 });
    await s().cancelRun('plan-1');
    expect(fake.callsOf('cancelOperation')).toEqual([{ operationId: 'plan-1' }]);
    release();
    await running;
    expect(s().runs[0]?.report?.failed).toEqual([{ key: 'b', stage: 'delete', code: 'AccessDenied', message: 'not deleted: AccessDenied' }]);
    s().dismissRun('plan-1');
    expect(store.getState().runs).toHaveLength(0);
    stop();
  });

  it('shows a planning failure as an error, with no dialog', async () => {
    const { fake, s } = setup();
    fake.nextPlan = { error: { code: 'InvalidInput', message: 'nope' } };
    await s().requestDelete(selection);
    expect(s().dialog).toBeNull();
    expect(s().error).toMatchObject({ code: 'InvalidInput', message: 'Nope.', detail: 'nope' });
  });

  it('shows a rejected run (main never answered) on the run, not as a silent no-op', async () => {
    const { fake, s } = setup();
    await s().requestDelete(selection);
    fake.rejectRun(new Error('object has been destroyed'));
    await s().confirm();
    expect(s().runs[0]?.error).toMatchObject({ code: 'Unknown', title: 'The app stopped answering', detail: 'object has been destroyed' });
  });
});

describe('copy, cut and paste', () => {
  const selection = { connectionId: 'c1', bucket: 'b', keys: ['docs/a.txt'] };

  it('pastes a copy into the current place without asking when nothing is overwritten; the clipboard stays', async () => {
    const { fake, s } = setup();
    s().copy(selection);
    await s().paste({ connectionId: 'c2', bucket: 'other', prefix: 'in/' });
    expect(fake.callsOf('planOperation')).toEqual([
      { kind: 'copy', source: selection, target: { connectionId: 'c2', bucket: 'other', prefix: 'in/' }, planningId: 'count-1' },
    ]);
    expect(fake.callsOf('runOperation')).toHaveLength(1);
    expect(s().clipboard).not.toBeNull();
  });

  it('a cut pastes as a move and empties the clipboard once done', async () => {
    const { fake, s } = setup();
    s().cut(selection);
    await s().paste(place);
    expect(fake.callsOf('planOperation')[0]).toMatchObject({ kind: 'move' });
    expect(s().clipboard).toBeNull();
  });

  it('asks before overwriting and runs only after confirmation', async () => {
    const { fake, s } = setup();
    fake.nextPlan = { conflicts: ['in/a.txt'] };
    s().cut(selection);
    await s().paste(place);
    expect(s().dialog).toMatchObject({ kind: 'confirm', plan: { conflicts: ['in/a.txt'] } });
    expect(fake.callsOf('runOperation')).toHaveLength(0);
    await s().confirm();
    expect(fake.callsOf('runOperation')).toHaveLength(1);
    expect(s().clipboard).toBeNull();
  });

  it('does nothing on paste with an empty clipboard', async () => {
    const { fake, s } = setup();
    await s().paste(place);
    expect(fake.calls).toHaveLength(0);
  });
});

describe('share links', () => {
  it('copies the link to the clipboard and validates a presign expiry before asking main', async () => {
    const { fake, s } = setup();
    await s().share(place, 'docs/a.txt', 's3-uri');
    expect(fake.clipboardWrites).toEqual(['s3://b/docs/a.txt']);
    expect(s().shareLink).toMatchObject({ copied: true, text: 's3://b/docs/a.txt' });
    await s().share(place, 'docs/a.txt', 'presigned', 8 * 24 * 3600);
    expect(s().shareLink?.error).toMatch(/7 days/);
    expect(fake.callsOf('shareObject')).toHaveLength(1);
    await s().share(place, 'docs/a.txt', 'presigned', 3600);
    expect(s().shareLink).toMatchObject({ kind: 'presigned', expiresAt: 3_601_000 });
  });
});

describe('counting while a plan is made', () => {
  const selection = { connectionId: 'c1', bucket: 'b', keys: ['big/'] };

  it('shows what main has counted so far, for this plan only, and clears when the plan arrives', async () => {
    const { fake, s, store } = setup();
    const stop = s().start();
    const release = fake.holdPlan();
    const planned = s().requestDelete(selection);
    expect(s().planning).toEqual({ planningId: 'count-1', objects: 0, bytes: 0 });
    expect(fake.callsOf('planOperation')).toEqual([{ kind: 'delete', ...selection, planningId: 'count-1' }]);
    fake.emitPlanning({ planningId: 'count-1', objects: 12_345, bytes: 1_288_490_189 });
    fake.emitPlanning({ planningId: 'someone-else', objects: 1, bytes: 1 });
    expect(store.getState().planning).toEqual({ planningId: 'count-1', objects: 12_345, bytes: 1_288_490_189 });
    release();
    await planned;
    expect(s().planning).toBeNull();
    expect(s().dialog).toMatchObject({ kind: 'confirm' });
    stop();
  });

  it('Cancel stops the counting in main by its id: no dialog, no error', async () => {
    const { fake, s } = setup();
    fake.holdPlan();
    const planned = s().requestDelete(selection);
    await s().cancelPlanning();
    await planned;
    expect(fake.callsOf('cancelOperation')).toEqual([{ operationId: 'count-1' }]);
    expect(s().planning).toBeNull();
    expect(s().dialog).toBeNull();
    expect(s().error).toBeNull();
    expect(fake.callsOf('runOperation')).toHaveLength(0);
  });
});
