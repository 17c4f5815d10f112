/** The closed set of error codes any handler may return. The renderer switches on these, never on messages. */
export const ERROR_CODES = [
  'AccessDenied',
  'InvalidCredentials',
  'NoSuchBucket',
  'NoSuchKey',
  /** A version id that no longer exists (deleted behind the app's back). */
  'NoSuchVersion',
  'NoSuchConnection',
  'Network',
  /** The local disk refused (a download's target exists as a folder, disk full, permission denied, read-only). */
  'LocalFileError',
  'Throttled',
  'InvalidInput',
  'NotCached',
  'Conflict',
  'Cancelled',
  'Unknown',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(code: ErrorCode, message: string): Result<T> => ({
  ok: false,
  error: { code, message },
});

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
