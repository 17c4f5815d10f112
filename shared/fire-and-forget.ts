/**
 * The one way to start work without awaiting it. Lint (`no-floating-promises`) rejects a bare unawaited
 * promise; this helper is the explicit opt-out, and unlike `void promise` it never lets a rejection vanish:
 * the error goes to `report` (by default the console, under `scope`, so the log says who dropped it).
 */
export type RejectionReport = (scope: string, error: unknown) => void;

const logRejection: RejectionReport = (scope, error) => console.error(`${scope}:`, error);

export function fireAndForget(work: PromiseLike<unknown>, scope: string, report: RejectionReport = logRejection): void {
  Promise.resolve(work).then(undefined, (error: unknown) => {
    try {
      report(scope, error);
    } catch (reportError) {
      // A failing reporter must not turn into the unhandled rejection this helper exists to prevent.
      logRejection(scope, reportError);
    }
  });
}
