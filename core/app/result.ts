// Helpers for the Result values that cross the API boundary. Pure.

import type { ApiError, ApiErrorCode, Result } from './api';

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(
  code: ApiErrorCode,
  message: string,
  detail?: unknown,
): Result<T> => ({
  ok: false,
  error: detail === undefined ? { code, message } : { code, message, detail },
});

/** An error that knows its API code; thrown inside core, turned into a Result at the boundary. */
export class AppError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toApiError(): ApiError {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}

/** Anything thrown → an ApiError; unknown errors become INTERNAL without leaking stack traces. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof AppError) return e.toApiError();
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: `Internal error: ${message}` };
}

/** For callers that prefer exceptions (the CLI): unwrap or throw an AppError. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new AppError(result.error.code, result.error.message, result.error.detail);
}
