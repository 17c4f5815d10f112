import { useState } from 'react';
import type { FolderSize } from '../../../../shared/types';
import { type CallResult, type UserError } from '../../lib/call';
import { formatExactBytes, formatSize, plural } from '../../lib/format';

export interface FolderSizeFieldProps {
  /** Runs the recursive count in main; absent where the app cannot ask. */
  readonly calculate: () => Promise<CallResult<FolderSize>>;
}

type SizeState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly size: FolderSize }
  | { readonly status: 'error'; readonly error: UserError };

/**
 * A folder's size is not in any listing: Info offers "Calculate size", one recursive listing in main, and shows
 * bytes, objects and how many requests the count took. Keyed by the folder in InfoPanel, so it resets per folder.
 */
export function FolderSizeField({ calculate }: FolderSizeFieldProps) {
  const [state, setState] = useState<SizeState>({ status: 'idle' });
  const run = async () => {
    setState({ status: 'loading' });
    const result = await calculate();
    setState(result.ok ? { status: 'ready', size: result.value } : { status: 'error', error: result.error });
  };
  if (state.status === 'ready') {
    const { size } = state;
    return (
      <dl data-testid="info-folder-size">
        <dt>Size</dt>
        <dd title={formatExactBytes(size.bytes)} data-testid="info-folder-bytes">
          {formatSize(size.bytes)} ({formatExactBytes(size.bytes)})
        </dd>
        <dt>Objects</dt>
        <dd data-testid="info-folder-objects">{plural(size.objects, 'object')}</dd>
        <dt>Cost</dt>
        <dd data-testid="info-folder-requests">{plural(size.requests, 'list request')}</dd>
      </dl>
    );
  }
  return (
    <>
      <button type="button" onClick={() => void run()} disabled={state.status === 'loading'} data-testid="info-calculate-size">
        {state.status === 'loading' ? 'Calculating…' : 'Calculate size (lists every object inside)'}
      </button>
      {state.status === 'error' ? (
        <p className="info-error" role="alert" data-code={state.error.code} title={state.error.detail || undefined}>
          {state.error.title}: {state.error.message}
        </p>
      ) : null}
    </>
  );
}
