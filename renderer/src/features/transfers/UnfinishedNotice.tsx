import type { UnfinishedReport } from '../../../../shared/transfers';
import { formatBytes } from '../../lib/transfer-format';

export interface UnfinishedNoticeProps {
  readonly report: UnfinishedReport;
  readonly onResumeAll: () => void;
  readonly onDiscardAll: () => void;
}

/** Shown at start when the previous run left transfers unfinished (or its journal had to be set aside). */
export function UnfinishedNotice({ report, onResumeAll, onDiscardAll }: UnfinishedNoticeProps) {
  const { items, setAside } = report;
  const kept = items.reduce((n, i) => n + i.bytesKept, 0);
  const names = items.slice(0, 3).map((i) => i.key.split('/').filter(Boolean).pop() ?? i.key);
  return (
    <div role="alert" data-testid="unfinished-notice" style={{ padding: '6px 8px', background: 'var(--selection)', display: 'flex', gap: 8, alignItems: 'center' }}>
      <span style={{ flex: 1 }}>
        {items.length > 0 && (
          <span data-testid="unfinished-summary">
            {items.length} transfer{items.length === 1 ? '' : 's'} did not finish last time ({names.join(', ')}
            {items.length > names.length ? ', …' : ''}); {formatBytes(kept)} already done is kept.
          </span>
        )}
        {setAside && (
          <small data-testid="unfinished-set-aside" style={{ display: 'block' }}>
            The transfer list could not be read ({setAside.reason}); it was kept as {setAside.path}.
          </small>
        )}
      </span>
      {items.length > 0 ? (
        <>
          <button type="button" data-testid="unfinished-resume-all" onClick={onResumeAll}>
            Resume all
          </button>
          <button type="button" data-testid="unfinished-discard" onClick={onDiscardAll}>
            Discard
          </button>
        </>
      ) : (
        <button type="button" data-testid="unfinished-dismiss" onClick={onDiscardAll}>
          OK
        </button>
      )}
    </div>
  );
}
