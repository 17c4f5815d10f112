/**
 * Watches the operations store: each run that finishes is added to the activity list once; a fully
 * successful run's toast is removed after SUCCESS_TOAST_MS (its CSS fades it out first), anything else keeps
 * its toast until dismissed and stays in the list with its reasons.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { RunState } from '../operations';
import type { ActivityStore } from './activity-store';

/** How long a success toast shows; operations.css fades it over its last second. */
export const SUCCESS_TOAST_MS = 4000;
/** Failure reasons listed per entry; the toast itself has the full per-key report. */
const SHOWN_REASONS = 5;

export interface RunSource {
  readonly runs: readonly RunState[];
  dismissRun(operationId: string): void;
}

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
}

export function followOperations(ops: StoreApi<RunSource>, activity: ActivityStore, timers: Timers = globalThis): () => void {
  const recorded = new Set<string>();
  const check = (runs: readonly RunState[]) => {
    for (const run of runs) {
      if (recorded.has(run.operationId) || (run.report === null && run.error === null)) continue;
      recorded.add(run.operationId);
      const report = run.report;
      if (report?.status === 'done') {
        activity.getState().add({ id: run.operationId, outcome: 'success', title: run.label, details: [`${report.succeeded.length} of ${report.total} done`] });
        timers.setTimeout(() => ops.getState().dismissRun(run.operationId), SUCCESS_TOAST_MS);
        continue;
      }
      const details = report
        ? [
            `${report.status === 'cancelled' ? 'Cancelled' : 'Finished with errors'}: ${report.succeeded.length} of ${report.total} succeeded`,
            ...report.failed.slice(0, SHOWN_REASONS).map((f) => `${f.key}: ${f.message}`),
            ...(report.failed.length > SHOWN_REASONS ? [`and ${report.failed.length - SHOWN_REASONS} more`] : []),
          ]
        : [run.error ? `${run.error.title}: ${run.error.message}` : 'Failed'];
      activity.getState().add({ id: run.operationId, outcome: report?.status === 'cancelled' ? 'success' : 'failure', title: run.label, details });
    }
  };
  check(ops.getState().runs);
  return ops.subscribe((s) => check(s.runs));
}
