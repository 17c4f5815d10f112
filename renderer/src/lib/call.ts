/**
 * The one way a store calls main. IPC answers with envelopes, but the transport itself can still reject (a
 * torn-down window, a bug in main); either way the store gets a `UserError`: a short title and a sentence a
 * user can act on, chosen by the error's code, with main's own words kept as `detail` for the curious and for
 * bug reports. Components show `title`/`message`; nothing shows a raw "objects:list: …" string as the message.
 */
import type { AppError, ErrorCode, Result } from '../../../shared/errors';

export interface UserError {
  readonly code: ErrorCode;
  /** A few words for a heading: "Access denied". */
  readonly title: string;
  /** What happened and the next step, as a sentence. */
  readonly message: string;
  /** Main's message without its channel prefix; may be empty. */
  readonly detail: string;
}

export type CallResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: UserError };

/** "objects:list: prefix: too long" → "prefix: too long" (the prefix marks a request main's schema refused). */
const CHANNEL_PREFIX = /^[a-z]+:[a-z-]+: /;

const SENTENCES: Record<ErrorCode, { readonly title: string; readonly message: string }> = {
  AccessDenied: { title: 'Access denied', message: 'These credentials are not allowed to do this here. Ask for access, or use another connection.' },
  InvalidCredentials: { title: 'Credentials rejected', message: 'The server did not accept this connection’s keys. Check the access key and secret in the connection’s settings.' },
  NoSuchBucket: { title: 'No such bucket', message: 'The bucket does not exist, or is in another account or region. Check its name, or pick one from the bucket list.' },
  NoSuchKey: { title: 'Not found', message: 'This item is no longer there; it may have been deleted or renamed. Refresh the folder.' },
  NoSuchVersion: { title: 'Version gone', message: 'That version no longer exists; it may have been deleted outside the app. Reopen the versions list.' },
  NoSuchConnection: { title: 'Connection gone', message: 'This connection was removed. Pick a connection on the start screen.' },
  Network: { title: 'Cannot reach the server', message: 'Check the endpoint address and your network connection, then try again.' },
  LocalFileError: { title: 'Local file problem', message: 'A file or folder on this computer could not be written or read (the details name the path and the cause). Free space, fix the permission or pick another folder, then retry.' },
  Throttled: { title: 'The server is busy', message: 'It asked us to slow down. Wait a moment and try again.' },
  InvalidInput: { title: 'Not accepted', message: 'This request was not accepted. Check what you entered and try again.' },
  NotCached: { title: 'Out of date', message: 'What is shown is out of date. Refresh the folder.' },
  Conflict: { title: 'Conflict', message: 'Something already exists or changed meanwhile. Refresh and try again.' },
  Cancelled: { title: 'Cancelled', message: 'Stopped as you asked.' },
  Unknown: { title: 'Something went wrong', message: 'The request failed for an unknown reason. Try again; if it keeps failing, report it with the details.' },
};

function sentenceCase(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const capital = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** The user's view of an error from main. */
export function userError(error: AppError): UserError {
  const internal = CHANNEL_PREFIX.test(error.message);
  const detail = error.message.replace(CHANNEL_PREFIX, '');
  const { title, message } = SENTENCES[error.code];
  // Main words invalid input and conflicts for the user ("a folder named "x" already exists"): say exactly
  // that. A schema refusal (channel prefix) is our own bug, so it gets the generic sentence.
  const specific = (error.code === 'InvalidInput' || error.code === 'Conflict') && !internal && detail.trim() !== '';
  if (internal && error.code === 'InvalidInput') {
    return { code: error.code, title: 'The app sent a bad request', message: 'This is a bug in S3 Desk. Try again; if it keeps happening, report it with the details.', detail };
  }
  return { code: error.code, title, message: specific ? sentenceCase(detail) : message, detail };
}

/** A rejected IPC promise: main never answered. */
export function transportError(reason: unknown): UserError {
  return {
    code: 'Unknown',
    title: 'The app stopped answering',
    message: 'S3 Desk’s background process did not answer. Try again; if it keeps failing, restart the app.',
    detail: reason instanceof Error ? reason.message : String(reason),
  };
}

/** Run one IPC call; a failed envelope or a rejected promise both come back as a UserError. */
export async function call<T>(run: () => Promise<Result<T>>): Promise<CallResult<T>> {
  try {
    const result = await run();
    return result.ok ? result : { ok: false, error: userError(result.error) };
  } catch (reason) {
    return { ok: false, error: transportError(reason) };
  }
}

/** A store-made error (not from main), e.g. a refused stat, in the same shape. */
export function localError(code: ErrorCode, message: string, detail = ''): UserError {
  return { code, title: SENTENCES[code].title, message, detail };
}
