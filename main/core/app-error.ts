import type { AppError, ErrorCode } from '../../shared/errors';

/**
 * The one error type the core throws on purpose: it carries the app error the caller should see. Features
 * throw it for refusals (bad input, a conflict, a missing connection); the transfer engine also marks the ones
 * worth another attempt (`retryable`). Everything else thrown is mapped by toAppError.
 */
export class CodedError extends Error {
  constructor(
    readonly appError: AppError,
    readonly retryable = false,
  ) {
    super(appError.message);
  }
}

export function codedError(code: ErrorCode, message: string): CodedError {
  return new CodedError({ code, message });
}

export function invalidInput(message: string): CodedError {
  return codedError('InvalidInput', message);
}

export function noSuchConnection(connectionId: string): CodedError {
  return codedError('NoSuchConnection', `no connection ${connectionId}`);
}
