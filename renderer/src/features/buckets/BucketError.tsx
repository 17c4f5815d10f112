import type { UserError } from '../../lib/call';

/** An error with main's own words: they say which setting, where in the text, or which permission. */
export function BucketError({ error, testId }: { readonly error: UserError; readonly testId: string }) {
  return (
    <p className="bucket-error" role="alert" data-code={error.code} data-testid={testId}>
      {error.title}: {error.detail || error.message}
    </p>
  );
}
