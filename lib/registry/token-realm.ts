import 'server-only';
import { getDomain } from 'tldts';
import { isDockerHub, registryHost, splitHostPort } from '@/lib/oci/registry-host';
import { allowsPlainHttp } from './endpoint';
import { matchesAnyHostPattern, type HostPattern } from './host-patterns';

/*
 * Whether a token server (the `realm` of a registry's Bearer challenge) may be asked, and may be given the
 * registry's credentials. The realm comes from the registry's answer, so a hostile or compromised registry chooses
 * it: credentials go only to a realm on the registry's own host, its registrable domain (registry.gitlab.com's realm
 * is on gitlab.com), Docker Hub's auth.docker.io for Docker Hub, or a host the operator listed in
 * ARCHWAY_TRUSTED_TOKEN_REALMS. Plain HTTP is the registry rule's: loopback or listed as insecure, never otherwise,
 * with or without credentials (a realm on plain HTTP is how an internal service would be reached).
 */

const DOCKER_HUB_REALM_HOST = 'auth.docker.io';

export type RealmContext = {
  registry: string;
  insecureRegistries: readonly string[];
  /** The client was made with `insecure: true` for this registry. */
  insecure: boolean | undefined;
  trustedRealms: readonly HostPattern[];
};

/** The realm as a URL, or the reason it cannot be asked at all. */
export function checkRealmUrl(realm: string, ctx: RealmContext): { url: URL } | { refusal: string } {
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    return { refusal: `its token realm "${realm.slice(0, 200)}" is not a URL` };
  }
  if (url.protocol === 'https:') return { url };
  const isSameHost = url.host.toLowerCase() === registryHost(ctx.registry).toLowerCase();
  const plainHttpAllowed =
    allowsPlainHttp(url.host, { insecureRegistries: ctx.insecureRegistries }) || (ctx.insecure === true && isSameHost);
  if (url.protocol === 'http:' && plainHttpAllowed) return { url };
  return {
    refusal: `its token realm ${url.origin} is not HTTPS; plain HTTP is used only for loopback and ARCHWAY_INSECURE_REGISTRIES`,
  };
}

/** Why the registry's credentials must not go to this realm, or null when they may. */
export function credentialRefusal(realm: URL, ctx: RealmContext): string | null {
  const realmName = splitHostPort(realm.host.toLowerCase()).hostname;
  const registryName = splitHostPort(registryHost(ctx.registry).toLowerCase()).hostname;
  if (realmName === registryName) return null;
  const realmDomain = getDomain(realmName, { allowPrivateDomains: true });
  if (realmDomain !== null && realmDomain === getDomain(registryName, { allowPrivateDomains: true })) return null;
  if (isDockerHub(ctx.registry) && realmName === DOCKER_HUB_REALM_HOST) return null;
  if (matchesAnyHostPattern(realm.host, ctx.trustedRealms)) return null;
  return `its token realm ${realm.origin} is neither on ${registryName} nor on its domain, so Archway does not send the registry's credentials there; if it is the registry's real token server, add ${realm.host} to ARCHWAY_TRUSTED_TOKEN_REALMS`;
}
