import type { UserError } from '../../lib/call';

/** An error with its cause: main's words name the permission or the version, so they are shown, not hidden. */
export function ErrorText({ error, testId }: { readonly error: UserError; readonly testId?: string }) {
  return (
    <p className="ops-problem" role="alert" data-testid={testId} data-code={error.code}>
      <b>{error.title}.</b> {error.detail !== '' && error.code !== 'InvalidInput' ? `${sentence(error.detail)} ` : ''}
      {error.message}
    </p>
  );
}

function sentence(text: string): string {
  const t = text.trim();
  return t === '' ? t : `${t[0]!.toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
}
