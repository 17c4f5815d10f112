import { describe, expect, it, vi } from 'vitest';
import { fireAndForget, type RejectionReport } from './fire-and-forget';

/** A reporter that records calls, and a promise for its first one (tests wait on that, never on a timer). */
function recorder() {
  const calls: Array<[scope: string, error: unknown]> = [];
  let first!: () => void;
  const reported = new Promise<void>((resolve) => (first = resolve));
  const report: RejectionReport = (scope, error) => {
    calls.push([scope, error]);
    first();
  };
  return { calls, reported, report };
}

describe('fireAndForget', () => {
  it('hands a rejection to the reporter with its scope', async () => {
    const r = recorder();
    const error = new Error('disk full');
    fireAndForget(Promise.reject(error), 'temp sweep', r.report);
    await r.reported;
    expect(r.calls).toEqual([['temp sweep', error]]);
  });

  it('stays quiet when the work succeeds', async () => {
    const quiet = recorder();
    const later = recorder();
    fireAndForget(Promise.resolve(42), 'ok', quiet.report);
    // Started after the first and settled the same way, so once it is reported the first has settled too.
    fireAndForget(Promise.reject(new Error('marker')), 'marker', later.report);
    await later.reported;
    expect(quiet.calls).toEqual([]);
  });

  it('logs to the console by default', async () => {
    let logged!: () => void;
    const done = new Promise<void>((resolve) => (logged = resolve));
    const spy = vi.spyOn(console, 'error').mockImplementation(() => logged());
    try {
      fireAndForget(Promise.reject(new Error('boom')), 'drag stage');
      await done;
      expect(spy).toHaveBeenCalledWith('drag stage:', expect.objectContaining({ message: 'boom' }));
    } finally {
      spy.mockRestore();
    }
  });

  it('logs a reporter that throws instead of leaking a rejection', async () => {
    let logged!: () => void;
    const done = new Promise<void>((resolve) => (logged = resolve));
    const spy = vi.spyOn(console, 'error').mockImplementation(() => logged());
    try {
      fireAndForget(Promise.reject(new Error('first')), 'scope', () => {
        throw new Error('reporter broke');
      });
      await done;
      expect(spy).toHaveBeenCalledWith('scope:', expect.objectContaining({ message: 'reporter broke' }));
    } finally {
      spy.mockRestore();
    }
  });
});
