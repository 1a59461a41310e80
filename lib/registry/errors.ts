import 'server-only';
import { z } from 'zod';

/*
 * One error type for everything a registry can do wrong, in the registry's own terms (as go-containerregistry's
 * transport.Error): what kind of failure, the HTTP status, the registry's own error codes and messages
 * (`MANIFEST_UNKNOWN`, `DENIED`...), whether trying again may help, and what Archway was doing. It never carries a
 * token or a password, and knows nothing of Archway's API: lib/api/error-mapping.ts turns it into an API error.
 */

/** What went wrong. HTTP answers are classified by status; the other kinds had no (usable) answer. */
export type RegistryErrorKind =
  | 'bad-request' // 400, other than a refused name: the registry refused what was sent (MANIFEST_INVALID...)
  | 'invalid-name' // 400 NAME_INVALID or TAG_INVALID: the registry refused the repository or tag name
  | 'unauthorized' // 401: credentials missing or refused, after the one re-authentication
  | 'forbidden' // 403, or credentials that do not grant the operation (insufficient_scope)
  | 'not-found' // 404: repository, manifest, blob or tag unknown
  | 'unsupported' // 405: the registry does not allow the operation (deletion disabled)
  | 'too-large' // 413: the registry refused a body as too large
  | 'rate-limited' // 429
  | 'unavailable' // 503: the registry says it is down or overloaded for now
  | 'server-error' // any other 5xx
  | 'unexpected-status' // any other error status
  | 'network' // connection refused, DNS, TLS: no HTTP answer at all
  | 'timeout'
  | 'busy' // no request slot for this registry came free within ARCHWAY_SLOT_WAIT_MS: come back after retryAfterSeconds
  | 'invalid-response' // invalid JSON, a wrong media type, an answer too large to read
  | 'digest-mismatch' // bytes that do not hash to the digest asked for or announced
  | 'policy' // Archway's own policy refused the destination (ARCHWAY_ALLOWED_REGISTRIES, a metadata address, an untrusted token realm, a redirect that would carry credentials away)
  | 'usage' // Archway asked for something that cannot work (delete by tag, a body that disagrees with its type)
  | 'credentials'; // the server's own docker config or credential helper could not be read

/** Kinds where the same request may succeed later. */
const TEMPORARY_KINDS: ReadonlySet<RegistryErrorKind> = new Set(['rate-limited', 'unavailable', 'server-error', 'network', 'timeout', 'busy']);

/** The kind of an HTTP error answer, from its status and the registry's codes. */
export function kindOfStatus(status: number, codes: readonly string[] = []): RegistryErrorKind {
  if (status === 400) return codes.includes('NAME_INVALID') || codes.includes('TAG_INVALID') ? 'invalid-name' : 'bad-request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 405) return 'unsupported';
  if (status === 413) return 'too-large';
  if (status === 429) return 'rate-limited';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'server-error';
  return 'unexpected-status';
}

export type RegistryErrorInit = {
  message: string;
  registry: string;
  operation: string;
  kind: RegistryErrorKind;
  status?: number;
  codes?: string[];
  messages?: string[];
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
  /** The registry's own messages, from the spec's error body only (cleaned; anything else is never repeated). */
  readonly messages: string[];
  /** From `Retry-After`: how long the registry asked us to wait. */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: RegistryErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'RegistryError';
    this.registry = init.registry;
    this.operation = init.operation;
    this.kind = init.kind;
    this.status = init.status;
    this.codes = init.codes ?? [];
    this.messages = init.messages ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** True when the registry answered 404 (even with a body that is not the spec's JSON): the thing does not exist. */
  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** True when trying again later may work (rate limit, registry down, network, timeout). */
  get isTemporary(): boolean {
    return TEMPORARY_KINDS.has(this.kind);
  }
}

/**
 * True for a RegistryError, by name and shape rather than `instanceof`: Next bundles a module once per layer (route
 * handlers, server components), so an error thrown in one copy is not an instance of the class in another.
 */
export function isRegistryError(value: unknown): value is RegistryError {
  return value instanceof Error && value.name === 'RegistryError' && typeof (value as RegistryError).kind === 'string';
}

const ErrorsBody = z.looseObject({
  errors: z.array(z.looseObject({ code: z.string().optional(), message: z.string().optional() })),
});

/** The spec's codes are upper-case identifiers (`MANIFEST_UNKNOWN`); anything else is not a code. */
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;
const MAX_MESSAGES = 3;
const MAX_MESSAGE_LENGTH = 200;

/** One registry message as Archway repeats it: one line, printable, cut to a sane length. */
function cleanMessage(message: string): string {
  const oneLine = message.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE_LENGTH ? `${oneLine.slice(0, MAX_MESSAGE_LENGTH)}…` : oneLine;
}

/**
 * The registry's error codes and messages, from the spec's `{"errors":[{code, message}]}` only. Anything else
 * (an HTML page, a proxy's text, an internal service's answer) is never repeated: the status says enough.
 */
export function parseErrorBody(text: string): { codes: string[]; messages: string[] } {
  try {
    const parsed = ErrorsBody.safeParse(JSON.parse(text));
    if (parsed.success) {
      return {
        codes: [...new Set(parsed.data.errors.flatMap((e) => (e.code && ERROR_CODE.test(e.code) ? [e.code] : [])))],
        messages: parsed.data.errors
          .flatMap((e) => (e.message ? [cleanMessage(e.message)] : []))
          .filter(Boolean)
          .slice(0, MAX_MESSAGES),
      };
    }
  } catch {
    // Not JSON: proxies and some registries answer errors in plain text or HTML.
  }
  return { codes: [], messages: [] };
}

/** The longest wait passed on: a registry asking for more is asking for something else. */
export const MAX_RETRY_AFTER_SECONDS = 3600;

/** Retry-After in whole seconds (0 to an hour), from either form the header allows (seconds or an HTTP date). */
export function parseRetryAfter(header: string | null): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  const isDate = /[a-z]/i.test(value);
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : isDate ? (Date.parse(value) - Date.now()) / 1000 : NaN;
  if (!Number.isFinite(seconds)) return undefined;
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, Math.ceil(seconds)));
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
    kind: kindOfStatus(response.status, codes),
    status: response.status,
    codes,
    messages,
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
