import type { OperationProgress } from '../../../../shared/operations';
import type { PropertiesReport } from '../../../../shared/properties';
import { plural } from '../../lib/format';

const SHOWN_FAILURES = 50;

export function RunProgress({ total, progress }: { readonly total: number; readonly progress: OperationProgress | null }) {
  const done = progress ? progress.done + progress.failed : 0;
  return (
    <div data-testid="props-progress">
      <progress max={total} value={done} aria-label="Changed so far" />
      <p>{`${done.toLocaleString()} of ${plural(total, 'object')}`}</p>
    </div>
  );
}

const STATUS: Record<PropertiesReport['status'], string> = {
  done: 'Done',
  partial: 'Partly done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** What the run did, key by key where it failed: nothing half-applied is hidden. */
export function RunReport({ report }: { readonly report: PropertiesReport }) {
  return (
    <div data-testid="props-report" data-status={report.status}>
      <p data-testid="props-report-summary">
        {`${STATUS[report.status]}: ${report.succeeded.length.toLocaleString()} of ${plural(report.total, 'object')} changed`}
        {report.failed.length ? `, ${report.failed.length.toLocaleString()} failed` : ''}
        {report.skipped.length ? `, ${report.skipped.length.toLocaleString()} not started` : ''}.
      </p>
      {report.failed.length > 0 ? (
        <ul className="props-keys" data-testid="props-report-failed">
          {report.failed.slice(0, SHOWN_FAILURES).map((f) => (
            <li key={f.key} data-code={f.code}>
              {f.key}: {f.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
