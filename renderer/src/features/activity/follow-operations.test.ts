import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { RunState } from '../operations';
import { createActivityStore } from './activity-store';
import { followOperations, type RunSource, SUCCESS_TOAST_MS } from './follow-operations';

const running = (id: string): RunState => ({ operationId: id, kind: 'delete', label: `Delete ${id}`, progress: null, report: null, error: null });

function setup() {
  const ops = createStore<RunSource>()((set) => ({
    runs: [],
    dismissRun: (id) => set((s) => ({ runs: s.runs.filter((r) => r.operationId !== id) })),
  }));
  const timers: Array<{ run: () => void; ms: number }> = [];
  const activity = createActivityStore(() => 1_000);
  const stop = followOperations(ops, activity, { setTimeout: (run, ms) => timers.push({ run, ms }) });
  const setRuns = (runs: RunState[]) => ops.setState({ runs });
  return { ops, activity, timers, stop, setRuns };
}

describe('followOperations', () => {
  it('records a success once and removes its toast after the fade', () => {
    const t = setup();
    t.setRuns([running('a')]);
    expect(t.activity.getState().entries).toEqual([]);
    const done = { ...running('a'), report: { operationId: 'a', kind: 'delete' as const, status: 'done' as const, total: 4, succeeded: ['1', '2', '3', '4'], failed: [], skipped: [] } };
    t.setRuns([done]);
    t.setRuns([done]);
    expect(t.activity.getState().entries).toEqual([{ id: 'a', outcome: 'success', title: 'Delete a', details: ['4 of 4 done'], at: 1_000 }]);
    expect(t.timers.map((x) => x.ms)).toEqual([SUCCESS_TOAST_MS]);
    t.timers[0]!.run();
    expect(t.ops.getState().runs).toEqual([]);
    expect(t.activity.getState().unseenFailures).toBe(0);
  });

  it('keeps a failure: no timer, its reasons in the list, a badge until the list is opened', () => {
    const t = setup();
    const failed = {
      ...running('b'),
      report: {
        operationId: 'b',
        kind: 'delete' as const,
        status: 'partial' as const,
        total: 2,
        succeeded: ['x'],
        failed: [{ key: 'locked.txt', stage: 'delete' as const, code: 'AccessDenied' as const, message: 'Access Denied' }],
        skipped: [],
      },
    };
    t.setRuns([failed]);
    expect(t.timers).toEqual([]);
    expect(t.activity.getState().entries[0]).toMatchObject({
      outcome: 'failure',
      details: ['Finished with errors: 1 of 2 succeeded', 'locked.txt: Access Denied'],
    });
    expect(t.activity.getState().unseenFailures).toBe(1);
    t.activity.getState().setOpen(true);
    expect(t.activity.getState().unseenFailures).toBe(0);
    t.stop();
  });
});
