import type { AppError } from '../../../../shared/errors';

/** What to tell the user for each failure; the code decides, never the message text. */
export function describeError(error: AppError): { readonly title: string; readonly hint: string } {
  switch (error.code) {
    case 'AccessDenied':
      return { title: 'Access denied', hint: 'These credentials may not list this location.' };
    case 'NoSuchBucket':
      return { title: 'No such bucket', hint: 'The bucket does not exist, or is in another account or region.' };
    case 'Network':
      return { title: 'Cannot reach the server', hint: 'Check the endpoint and your network connection.' };
    case 'InvalidCredentials':
      return { title: 'Credentials rejected', hint: 'Check the access key and secret of this connection.' };
    case 'Throttled':
      return { title: 'The server is busy', hint: 'It asked us to slow down; try again in a moment.' };
    default:
      return { title: 'Could not list this location', hint: '' };
  }
}

export function ErrorState({ error, onRetry }: { readonly error: AppError; readonly onRetry: () => void }) {
  const { title, hint } = describeError(error);
  return (
    <div className="state state-error" role="alert" data-testid="error-state" data-code={error.code}>
      <div className="state-title" data-testid="error-title">
        {title} <code className="error-code">{error.code}</code>
      </div>
      {hint ? <div className="state-hint">{hint}</div> : null}
      <div className="state-detail" data-testid="error-message">{error.message}</div>
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

export function EmptyState({ filtered }: { readonly filtered: boolean }) {
  return (
    <div className="state state-empty" data-testid={filtered ? 'no-matches' : 'empty-state'}>
      {filtered ? 'No items match the filter.' : 'This folder is empty.'}
    </div>
  );
}
