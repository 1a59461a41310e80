import { z } from 'zod';

/**
 * The one error type of Archway's HTTP API. Server code throws it (or has it derived from a RegistryError);
 * the browser parses `{ error: { code, message } }` bodies back into it.
 */
export const ErrorCode = z.enum([
  'BAD_REQUEST', // 400: a reference or body that cannot be used as given
  'INVALID_REFERENCE', // 400
  'UNAUTHORIZED', // 401: the registry refused the credentials (or wants some)
  'DENIED', // 403: the registry refused the operation
  'NOT_FOUND', // 404: repository, tag or digest unknown
  'CONFLICT', // 409: the tag moved since the edit started
  'UNPROCESSABLE', // 422: well-formed but refused (e.g. a platform that disagrees with the image)
  'PAYLOAD_TOO_LARGE', // 413: a request body over ARCHWAY_MAX_BODY_BYTES
  'FORBIDDEN', // 403: Archway's own policy refused (who may write with the shared credentials, another host or site, a registry not allowed)
  'TOO_MANY_REQUESTS', // 429
  'REGISTRY_ERROR', // 502: the registry failed or sent bad data (including bytes that do not match their digest)
  'UNAVAILABLE', // 503: Archway is busy (no free request slot in time) or the registry said so; see Retry-After
  'TIMEOUT', // 504
  'INTERNAL', // 500
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  INVALID_REFERENCE: 400,
  UNAUTHORIZED: 401,
  DENIED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  REGISTRY_ERROR: 502,
  UNAVAILABLE: 503,
  TIMEOUT: 504,
  INTERNAL: 500,
};

export const ErrorBody = z.object({
  error: z.looseObject({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }

  /** When to come back, for a 429 or 503 that said so (`details.retryAfterSeconds`). */
  get retryAfterSeconds(): number | undefined {
    const value = (this.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    return typeof value === 'number' ? value : undefined;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }

  /**
   * True for an AppError, also one made by another copy of this class: Next bundles proxy.ts apart from the pages,
   * so an error the proxy's inspection threw reaches the page render as another class (instanceof fails there).
   */
  static is(value: unknown): value is AppError {
    if (value instanceof AppError) return true;
    if (!(value instanceof Error) || value.name !== 'AppError') return false;
    return ErrorCode.safeParse((value as { code?: unknown }).code).success;
  }

  /** Turns anything a fetch to `/api` produced (a parsed body, an Error) into an AppError. */
  static parse(value: unknown, fallbackStatus = 500): AppError {
    if (value instanceof AppError) return value;
    const body = ErrorBody.safeParse(value);
    if (body.success) return new AppError(body.data.error.code, body.data.error.message, body.data.error.details);
    const code = (Object.entries(STATUS_BY_CODE).find(([, s]) => s === fallbackStatus)?.[0] ?? 'INTERNAL') as ErrorCode;
    return new AppError(code, value instanceof Error ? value.message : 'Unexpected response from the Archway server.');
  }
}
