import type { UserError } from '../../lib/call';

/** A folder or bucket list that failed: what happened, what to do, main's own words below. */
export function ErrorState({ error, onRetry }: { readonly error: UserError; readonly onRetry: () => void }) {
  return (
    <div className="state state-error" role="alert" data-testid="error-state" data-code={error.code}>
      <div className="state-title" data-testid="error-title">
        {error.title} <code className="error-code">{error.code}</code>
      </div>
      <div className="state-hint" data-testid="error-message">{error.message}</div>
      {error.detail ? <div className="state-detail" data-testid="error-detail">{error.detail}</div> : null}
      <button type="button" className="primary" onClick={onRetry} data-testid="retry">
        Retry
      </button>
    </div>
  );
}

export function LoadingState() {
  return (
    <div className="state state-loading" role="status" data-testid="loading-state">
      <span className="spinner" aria-hidden="true" /> Loading…
    </div>
  );
}

export function EmptyState({ filtered, onUpload }: { readonly filtered: boolean; readonly onUpload?: (() => void) | undefined }) {
  if (filtered) {
    return (
      <div className="state state-empty" data-testid="no-matches">
        No items match the filter.
      </div>
    );
  }
  return (
    <div className="state state-empty" data-testid="empty-state">
      <div className="state-title">This folder is empty.</div>
      {onUpload ? (
        <>
          <div className="state-hint" data-testid="empty-hint">
            Drop files here to upload them, or
          </div>
          <button type="button" className="primary" onClick={onUpload} data-testid="empty-upload">
            Upload files…
          </button>
        </>
      ) : null}
    </div>
  );
}
