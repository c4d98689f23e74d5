import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../../lib/contract/errors.ts';
import { type Logger, stackFrames } from '../log.ts';

/** Thrown anywhere in a handler; the app's error handler turns it into the contract's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Response headers that belong to this error (WWW-Authenticate on 401, Retry-After on 429, …). */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

export function errorResponse(c: Context, err: ApiError): Response {
  if (err.headers) for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
  return c.json(errorBody(err.code, err.message, err.details), err.status);
}

/** Logs an unexpected error (stack frames only: messages can quote input) and returns the 500 to answer. */
export function internalError(
  logger: Logger,
  err: unknown,
  where: { requestId: string; method: string; path: string },
): ApiError {
  logger.error('unhandled', {
    requestId: where.requestId,
    method: where.method,
    path: where.path.slice(0, 200),
    error: err instanceof Error ? err.name : typeof err,
    stack: stackFrames(err),
  });
  return new ApiError(
    500,
    'internal',
    `internal error; quote Request-Id ${where.requestId} when reporting it`,
  );
}
