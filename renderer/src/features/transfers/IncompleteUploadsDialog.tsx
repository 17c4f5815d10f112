import { useStore } from 'zustand';
import { formatBytes } from '../../lib/transfer-format';
import type { IncompleteUploadsStore } from './incomplete-uploads-store';

/** A bucket's incomplete multipart uploads (billed, invisible elsewhere) with Abort / Abort all, each confirmed. */
export function IncompleteUploadsDialog({ store }: { store: IncompleteUploadsStore }) {
  const location = useStore(store, (s) => s.location);
  const uploads = useStore(store, (s) => s.uploads);
  const loading = useStore(store, (s) => s.loading);
  const plan = useStore(store, (s) => s.plan);
  const message = useStore(store, (s) => s.message);
  const actions = store.getState();
  if (!location) return null;
  return (
    <div role="dialog" aria-label="Incomplete uploads" data-testid="incomplete-uploads" style={{ padding: 8, border: '1px solid #8886', background: 'Canvas' }}>
      <header style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <strong style={{ flex: 1 }}>Incomplete uploads in {location.bucket}</strong>
        <button type="button" data-testid="incomplete-abort-all" disabled={!uploads?.length} onClick={() => void actions.planAbort()}>
          Abort all
        </button>
        <button type="button" data-testid="incomplete-refresh" onClick={() => void actions.refresh()}>
          Refresh
        </button>
        <button type="button" aria-label="Close" data-testid="incomplete-close" onClick={actions.close}>
          ×
        </button>
      </header>
      {message && <div role="status" data-testid="incomplete-message">{message}</div>}
      {plan && (
        <div role="alertdialog" data-testid="incomplete-confirm">
          Abort {plan.count} upload{plan.count === 1 ? '' : 's'} ({formatBytes(plan.bytes)} of parts will be deleted)?{' '}
          <button type="button" data-testid="incomplete-confirm-run" onClick={() => void actions.confirm()}>
            Abort
          </button>
          <button type="button" onClick={actions.cancelPlan}>
            Keep
          </button>
        </div>
      )}
      {loading && !uploads && <div>Loading…</div>}
      {uploads && uploads.length === 0 && <div data-testid="incomplete-empty">No incomplete uploads.</div>}
      {uploads && uploads.length > 0 && (
        <table data-testid="incomplete-table" style={{ width: '100%' }}>
          <thead>
            <tr>
              <th align="left">Key</th>
              <th align="left">Started</th>
              <th align="left">Initiator</th>
              <th align="right">Parts</th>
              <th align="right">Size so far</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {uploads.map((u) => (
              <tr key={u.uploadId} data-testid="incomplete-row" data-key={u.key}>
                <td>{u.key}</td>
                <td title={u.initiated ?? ''}>{u.ageSeconds === null ? '' : formatAge(u.ageSeconds)}</td>
                <td>{u.initiator ?? ''}</td>
                <td align="right">{u.parts}</td>
                <td align="right">{formatBytes(u.bytes)}</td>
                <td>
                  <button type="button" data-testid="incomplete-abort" onClick={() => void actions.planAbort(u)}>
                    Abort
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function formatAge(seconds: number): string {
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} days ago`;
}
