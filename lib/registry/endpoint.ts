import 'server-only';
import { BlockList, isIP } from 'node:net';

/*
 * Where a registry name is dialled, and over which scheme. The docker daemon's rule (registry-protocol.md §8):
 * HTTPS first; plain HTTP only for loopback and for hosts the operator listed as insecure; and never plain HTTP
 * once the host has answered over TLS (a certificate problem is not a reason to drop encryption).
 */

const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
const DOCKER_HUB_HOST = 'registry-1.docker.io';

/** True for the names Docker Hub goes by in references. */
export function isDockerHub(registry: string): boolean {
  return DOCKER_HUB_ALIASES.has(registry.toLowerCase());
}

/** The host[:port] to dial for a registry as written in references (`docker.io` → `registry-1.docker.io`). */
export function registryHost(registry: string): string {
  return isDockerHub(registry) ? DOCKER_HUB_HOST : registry;
}

/** The repository path on the wire: Docker Hub's single names live under `library/`. */
export function wireRepository(registry: string, repository: string): string {
  return isDockerHub(registry) && !repository.includes('/') ? `library/${repository}` : repository;
}

/** Splits `host`, `host:port`, `[::1]:port` (and a bare `::1`) into hostname and port. */
export function splitHostPort(host: string): { hostname: string; port?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(host);
  if (bracketed) return { hostname: bracketed[1]!, ...(bracketed[2] ? { port: bracketed[2] } : {}) };
  if (isIP(host) === 6) return { hostname: host };
  const colon = host.lastIndexOf(':');
  if (colon < 0) return { hostname: host };
  return { hostname: host.slice(0, colon), port: host.slice(colon + 1) };
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** True for 127.0.0.0/8, ::1 and localhost: plain HTTP is allowed there by default, as the daemon does. */
export function isLoopbackHost(host: string): boolean {
  const { hostname } = splitHostPort(host);
  const name = hostname.toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const family = isIP(name);
  return family !== 0 && loopback.check(name, family === 4 ? 'ipv4' : 'ipv6');
}

/** True when `host` matches an ARCHWAY_INSECURE_REGISTRIES entry: host[:port] exactly, a bare hostname, or a CIDR. */
export function isListedInsecure(host: string, entries: readonly string[]): boolean {
  const { hostname } = splitHostPort(host);
  const family = isIP(hostname);
  return entries.some((raw) => {
    const entry = raw.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/\/$/, '');
    const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
    if (cidr) {
      const [, network, bits] = cidr;
      const networkFamily = isIP(network!);
      if (family === 0 || networkFamily !== family) return false;
      const list = new BlockList();
      list.addSubnet(network!, Number(bits), networkFamily === 4 ? 'ipv4' : 'ipv6');
      return list.check(hostname, family === 4 ? 'ipv4' : 'ipv6');
    }
    return entry === host.toLowerCase() || entry === hostname.toLowerCase();
  });
}

/** Whether plain HTTP may be tried for a host: loopback, listed as insecure, or explicitly allowed for this client. */
export function allowsPlainHttp(host: string, opts: { insecure?: boolean; insecureRegistries: readonly string[] }): boolean {
  return opts.insecure === true || isLoopbackHost(host) || isListedInsecure(host, opts.insecureRegistries);
}

// Errors that mean "this port does not speak TLS": the only case where trying plain HTTP is not a downgrade.
const NOT_TLS_CODES = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'EPROTO', 'ECONNRESET', 'ECONNREFUSED', 'UND_ERR_SOCKET']);

/** The error code of a failed fetch (undici puts it on `cause`, sometimes inside an AggregateError). */
export function networkErrorCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: string; errors?: Array<{ code?: string }> } } | undefined)?.cause;
  return cause?.code ?? cause?.errors?.find((e) => e.code)?.code ?? (err as { code?: string } | undefined)?.code;
}

/** True when an HTTPS attempt failed in a way that allows trying plain HTTP (nothing TLS answered). */
export function mayFallBackToHttp(err: unknown): boolean {
  const code = networkErrorCode(err);
  return code !== undefined && NOT_TLS_CODES.has(code);
}
