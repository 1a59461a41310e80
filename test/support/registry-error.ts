import { expect } from 'vitest';
import { RegistryError } from '@/lib/registry/errors';

/** Awaits a promise that must reject with a RegistryError, and returns that error for closer assertions. */
export async function registryRejection(promise: Promise<unknown>): Promise<RegistryError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RegistryError);
  return err as RegistryError;
}
