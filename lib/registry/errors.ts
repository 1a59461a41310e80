import 'server-only';
import { z } from 'zod';
import { AppError, type ErrorCode } from '@/lib/api/errors';

/*
 * One error type for everything a registry can do wrong. It carries the registry's own error codes
 * (`MANIFEST_UNKNOWN`, `DENIED`...) and says what Archway was doing; it never carries a token or a password.
 */

/** What went wrong, beyond the HTTP status: decides the API error when the status alone cannot. */
export type RegistryErrorKind =
  | 'http' // the registry answered with an error status
  | 'unauthorized' // credentials missing or refused, after the one re-authentication
  | 'denied' // authenticated, but the credentials do not grant the operation (insufficient_scope)
  | 'unreachable' // connection refused, DNS, TLS: no HTTP answer at all
  | 'timeout'
  | 'busy' // no request slot for this registry came free within ARCHWAY_SLOT_WAIT_MS: come back after retryAfterSeconds
  | 'bad-response' // invalid JSON, a wrong media type, too large
  | 'digest-mismatch' // bytes that do not hash to the digest asked for or announced
  | 'usage' // Archway asked for something that cannot work (delete by tag, a body that disagrees with its type)
  | 'credentials'; // the server's own docker config or credential helper could not be read

export type RegistryErrorInit = {
  message: string;
  registry: string;
  operation: string;
  kind: RegistryErrorKind;
  status?: number;
  codes?: string[];
  retryAfterSeconds?: number;
  cause?: unknown;
};

export class RegistryError extends Error {
  readonly registry: string;
  readonly operation: string;
  readonly kind: RegistryErrorKind;
  /** The registry's HTTP status; undefined when no answer came. */
  readonly status: number | undefined;
  /** The registry's error codes from `{"errors":[{"code":...}]}`. */
  readonly codes: string[];
  readonly retryAfterSeconds: number | undefined;

  constructor(init: RegistryErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'RegistryError';
    this.registry = init.registry;
    this.operation = init.operation;
    this.kind = init.kind;
    this.status = init.status;
    this.codes = init.codes ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** True when the registry said the repository, manifest or blob does not exist. */
  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** The API form of this error (`{ error: { code, message, details } }`). */
  toAppError(): AppError {
    return new AppError(this.appCode(), this.message, {
      registry: this.registry,
      operation: this.operation,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.codes.length ? { registryCodes: this.codes } : {}),
      ...(this.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: this.retryAfterSeconds }),
    });
  }

  private appCode(): ErrorCode {
    switch (this.kind) {
      case 'timeout':
        return 'TIMEOUT';
      case 'busy':
        return 'UNAVAILABLE';
      case 'unreachable':
      case 'bad-response':
      case 'digest-mismatch':
        return 'REGISTRY_ERROR';
      case 'usage':
        return 'BAD_REQUEST';
      case 'unauthorized':
        return 'UNAUTHORIZED';
      case 'denied':
        return 'DENIED';
      case 'credentials':
        return 'INTERNAL';
      default:
        return appCodeForStatus(this.status, this.codes);
    }
  }
}

function appCodeForStatus(status: number | undefined, codes: string[]): ErrorCode {
  if (status === 400) return codes.includes('NAME_INVALID') || codes.includes('TAG_INVALID') ? 'INVALID_REFERENCE' : 'BAD_REQUEST';
  if (status === 401) return 'UNAUTHORIZED';
  // 405: the registry refuses the operation itself (deletion disabled).
  if (status === 403 || status === 405) return 'DENIED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'BAD_REQUEST';
  if (status === 429) return 'TOO_MANY_REQUESTS';
  if (status === 503) return 'UNAVAILABLE';
  return 'REGISTRY_ERROR';
}

const ErrorsBody = z.looseObject({
  errors: z.array(z.looseObject({ code: z.string().optional(), message: z.string().optional() })),
});

/** The registry's error codes and messages from a body that may not be JSON at all. */
export function parseErrorBody(text: string): { codes: string[]; messages: string[] } {
  try {
    const parsed = ErrorsBody.safeParse(JSON.parse(text));
    if (parsed.success) {
      return {
        codes: parsed.data.errors.flatMap((e) => (e.code ? [e.code] : [])),
        messages: parsed.data.errors.flatMap((e) => (e.message ? [e.message] : [])),
      };
    }
  } catch {
    // Not JSON: proxies and some registries answer errors in plain text or HTML.
  }
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  return { codes: [], messages: snippet ? [snippet] : [] };
}

/** Retry-After in seconds, from either form the header allows (seconds or an HTTP date). */
export function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

const WHAT_STATUS_MEANS: Record<number, string> = {
  401: 'authentication required',
  403: 'access denied',
  404: 'not found',
  405: 'operation not allowed',
  413: 'too large',
  429: 'too many requests',
};

/** Builds the error for a registry response with an unexpected status; reads (and so releases) the body. */
export async function errorFromResponse(
  response: Response,
  ctx: { registry: string; operation: string },
  hint?: string,
): Promise<RegistryError> {
  const text = await safeText(response);
  const { codes, messages } = parseErrorBody(text);
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  const said = messages.length ? messages.join('; ') : (WHAT_STATUS_MEANS[response.status] ?? `HTTP ${response.status}`);
  const codeText = codes.length ? `${codes.join(', ')}: ` : '';
  const retryText = retryAfterSeconds === undefined ? '' : ` (retry after ${retryAfterSeconds} s)`;
  return new RegistryError({
    message: `${ctx.registry}: ${ctx.operation} failed with ${response.status}: ${codeText}${said}${retryText}${hint ? `. ${hint}` : ''}`,
    registry: ctx.registry,
    operation: ctx.operation,
    kind: 'http',
    status: response.status,
    codes,
    retryAfterSeconds,
  });
}

/** Enough of an error body for its codes and messages; the rest is never read (it may be huge, or endless). */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

async function safeText(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < MAX_ERROR_BODY_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
    }
  } catch {
    // A body that breaks off still says what it said so far.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, MAX_ERROR_BODY_BYTES).toString('utf8');
}
