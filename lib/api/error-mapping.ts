import 'server-only';
import { ZodError } from 'zod';
import { logger } from '@/lib/observability/logger';
import { isRegistryError, type RegistryError, type RegistryErrorKind } from '@/lib/registry/errors';
import { AppError, type ErrorCode } from './errors';

/*
 * The one place where failures from below become the API's errors. Route handlers (through handler.ts) and the
 * push stream both call toAppError, so a registry's 404 reads the same whether it ends a JSON answer or a stream.
 */

const CODE_BY_REGISTRY_KIND: Record<RegistryErrorKind, ErrorCode> = {
  'bad-request': 'BAD_REQUEST',
  'invalid-name': 'INVALID_REFERENCE',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'DENIED',
  'not-found': 'NOT_FOUND',
  // The registry refuses the operation itself (deletion disabled): the user cannot do that there.
  unsupported: 'DENIED',
  'too-large': 'BAD_REQUEST',
  'rate-limited': 'TOO_MANY_REQUESTS',
  unavailable: 'UNAVAILABLE',
  'server-error': 'REGISTRY_ERROR',
  // Archway's own slots for that registry stayed full: try again after retryAfterSeconds.
  busy: 'UNAVAILABLE',
  'unexpected-status': 'REGISTRY_ERROR',
  network: 'REGISTRY_ERROR',
  timeout: 'TIMEOUT',
  'invalid-response': 'REGISTRY_ERROR',
  'digest-mismatch': 'REGISTRY_ERROR',
  // Archway's own network policy (ARCHWAY_ALLOWED_REGISTRIES, metadata addresses, token realms) refused it.
  policy: 'FORBIDDEN',
  usage: 'BAD_REQUEST',
  // The server's own docker config is broken: not the user's request, not the registry.
  credentials: 'INTERNAL',
};

/** The API form of a registry failure: its code by kind, with the registry, status, codes and retry hint as details. */
export function appErrorFromRegistry(err: RegistryError): AppError {
  return new AppError(CODE_BY_REGISTRY_KIND[err.kind], err.message, {
    registry: err.registry,
    operation: err.operation,
    ...(err.status === undefined ? {} : { status: err.status }),
    ...(err.codes.length ? { registryCodes: err.codes } : {}),
    ...(err.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: err.retryAfterSeconds }),
  });
}

/** Maps any thrown value to the API's one error shape. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (AppError.is(err)) return new AppError(err.code, err.message, err.details);
  if (isRegistryError(err)) return appErrorFromRegistry(err);
  if (err instanceof ZodError) {
    const first = err.issues[0];
    const where = first && first.path.length ? `${first.path.join('.')}: ` : '';
    return new AppError('BAD_REQUEST', `${where}${first?.message ?? 'invalid request'}`, { issues: err.issues });
  }
  if (err instanceof SyntaxError) return new AppError('BAD_REQUEST', `The request body is not valid JSON: ${err.message}`);
  logger.error({ err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) }, 'unexpected error');
  return new AppError('INTERNAL', 'Archway hit an unexpected error; the server log has the details.');
}
