import { AppError } from '@/lib/api/errors';
import { DOCKER_HUB_REGISTRY, isDockerHub, isValidRegistryHost } from '@/lib/oci/registry-host';

/*
 * A registry sign-in is kept under the registry's name as references write it, in lower case (host names are not
 * case-sensitive), with Docker Hub's aliases folded into `docker.io`, so `Registry.example.com` and a reference to
 * `registry.example.com/app` find the same sign-in.
 */

/** The one spelling of a registry name used to find sign-ins. */
export function registryKey(registry: string): string {
  return isDockerHub(registry) ? DOCKER_HUB_REGISTRY : registry.toLowerCase();
}

/** True when both names are the same registry. */
export function isSameRegistryName(a: string, b: string): boolean {
  return registryKey(a) === registryKey(b);
}

/** A registry name a person typed (`https://Registry.example.com/`, `localhost:5000`) as registryKey spells it; 400 if it is none. */
export function parseRegistryName(input: string): string {
  const host = input
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/\/.*$/, '');
  // Like docker login: a single word is not a registry (it would be a Docker Hub repository in a reference).
  const isRegistry = isValidRegistryHost(host) && (host.includes('.') || host.includes(':') || host.toLowerCase() === 'localhost' || host.startsWith('['));
  if (!isRegistry) {
    throw new AppError('BAD_REQUEST', `"${input}" is not a registry name: write host[:port], e.g. registry.example.com or localhost:5000.`);
  }
  return registryKey(host);
}
