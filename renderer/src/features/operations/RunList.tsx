import type { RunState } from './operations-store';
import { formatSize } from '../../lib/format';

export interface RunListProps {
  readonly runs: readonly RunState[];
  onCancel(operationId: string): void;
  onDismiss(operationId: string): void;
}

const STATUS_TEXT = { done: 'Done', partial: 'Finished with errors', failed: 'Failed', cancelled: 'Cancelled' } as const;

/** Running and finished operations: progress, cancel, and the per-key report of what did not happen. */
export function RunList({ runs, onCancel, onDismiss }: RunListProps) {
  if (runs.length === 0) return null;
  return (
    <section className="ops-runs" aria-label="Operations" data-testid="ops-runs">
      {runs.map((run) => {
        const p = run.progress;
        const report = run.report;
        const finished = report !== null || run.error !== null;
        return (
          <article key={run.operationId} className="ops-run" data-testid="ops-run" data-status={report?.status ?? (run.error ? 'error' : 'running')}>
            <header>
              <strong>{run.label}</strong>
              {!finished && (
                <button type="button" onClick={() => onCancel(run.operationId)} data-testid="ops-run-cancel">
                  Cancel
                </button>
              )}
              {finished && (
                <button type="button" onClick={() => onDismiss(run.operationId)} aria-label="Dismiss" data-testid="ops-run-dismiss">
                  ×
                </button>
              )}
            </header>
            {!finished && p && (
              <>
                <progress max={Math.max(p.total, 1)} value={p.done + p.failed} />
                <span>
                  {p.done} of {p.total} · {formatSize(p.bytesDone)} of {formatSize(p.bytesTotal)}
                  {p.failed > 0 && ` · ${p.failed} failed`}
                </span>
              </>
            )}
            {run.error && <p className="ops-problem">{run.error.message}</p>}
            {report && (
              <>
                <p data-testid="ops-run-summary">
                  {STATUS_TEXT[report.status]}: {report.succeeded.length} of {report.total} succeeded
                  {report.failed.length > 0 && `, ${report.failed.length} failed`}
                  {report.skipped.length > 0 && `, ${report.skipped.length} not attempted`}
                </p>
                {report.failed.length > 0 && (
                  <ul className="ops-keys" data-testid="ops-run-failures">
                    {report.failed.map((f) => (
                      <li key={`${f.stage}:${f.key}`}>
                        <code>{f.key}</code> — {f.stage === 'copy' ? 'not copied (source kept)' : f.stage === 'delete' ? 'not deleted' : 'not listed'}: {f.message}
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </article>
        );
      })}
    </section>
  );
}
