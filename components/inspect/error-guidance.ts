import type { ErrorCode } from '@/lib/api/errors';

/** The kinds of failure a reader is guided through; each has a title and numbered steps in the catalogs (`errorGuidance.<topic>`). */
export type GuidanceTopic =
  | 'invalid'
  | 'signIn'
  | 'notReached'
  | 'notFound'
  | 'rateLimited'
  | 'busy'
  | 'tooLarge'
  | 'timeout'
  | 'registryFailed'
  | 'unprocessable'
  | 'conflict'
  | 'internal';

/** What an error means for someone who wanted to see an image: which guidance, how many steps it has, whether a retry can help. */
export type ErrorGuidance = { topic: GuidanceTopic; steps: number; canRetry: boolean };

const GUIDANCE: Record<ErrorCode, ErrorGuidance> = {
  INVALID_REFERENCE: { topic: 'invalid', steps: 3, canRetry: false },
  BAD_REQUEST: { topic: 'invalid', steps: 3, canRetry: false },
  UNAUTHORIZED: { topic: 'signIn', steps: 3, canRetry: true },
  DENIED: { topic: 'signIn', steps: 3, canRetry: true },
  // FORBIDDEN is Archway's own network policy (allowlist, metadata addresses), not the registry's refusal (DENIED):
  // signing in cannot help, the person who runs Archway can.
  FORBIDDEN: { topic: 'notReached', steps: 2, canRetry: false },
  NOT_FOUND: { topic: 'notFound', steps: 3, canRetry: true },
  TOO_MANY_REQUESTS: { topic: 'rateLimited', steps: 2, canRetry: true },
  UNAVAILABLE: { topic: 'busy', steps: 1, canRetry: true },
  PAYLOAD_TOO_LARGE: { topic: 'tooLarge', steps: 1, canRetry: false },
  TIMEOUT: { topic: 'timeout', steps: 2, canRetry: true },
  REGISTRY_ERROR: { topic: 'registryFailed', steps: 2, canRetry: true },
  UNPROCESSABLE: { topic: 'unprocessable', steps: 1, canRetry: false },
  CONFLICT: { topic: 'conflict', steps: 1, canRetry: true },
  INTERNAL: { topic: 'internal', steps: 1, canRetry: true },
};

/** The guidance shown for each API error code. */
export function errorGuidance(code: ErrorCode): ErrorGuidance {
  return GUIDANCE[code];
}

/** The values the guidance's words are made of: the registry, when the reference names one. */
export function guidanceValues(registry: string | null): { registry: string; loginRegistry: string } {
  return { registry: registry ?? 'none', loginRegistry: registry ?? '<registry>' };
}
