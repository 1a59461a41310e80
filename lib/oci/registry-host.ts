/*
 * The one home of the rules about registry names (as go-containerregistry's pkg/name/registry.go): Docker Hub's
 * aliases and its `library/` namespace, host:port splitting, loopback, and when a reference's first component
 * names a registry. Pure, so the browser asks the same questions as the server; how a host is dialled (schemes,
 * insecure lists) stays in lib/registry/endpoint.ts.
 */

/** How references name Docker Hub. */
export const DOCKER_HUB_REGISTRY = 'docker.io';
/** Docker Hub's API host: what `docker.io` is dialled as. */
const DOCKER_HUB_HOST = 'registry-1.docker.io';
/** The names Docker Hub goes by; references normalise only the first two (docker keeps `registry-1.docker.io`). */
const DOCKER_HUB_ALIASES = new Set([DOCKER_HUB_REGISTRY, 'index.docker.io', DOCKER_HUB_HOST]);
const DOCKER_HUB_REFERENCE_ALIASES = new Set([DOCKER_HUB_REGISTRY, 'index.docker.io']);
/** Where Docker Hub keeps single-component names (`golang` is `library/golang`). */
export const OFFICIAL_IMAGES_NAMESPACE = 'library';

/** distribution's domain grammar: dotted DNS labels or a bracketed IPv6 address, with an optional port. */
const DOMAIN_NAME_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const REGISTRY_HOST = new RegExp(`^(?:${DOMAIN_NAME_COMPONENT}(?:\\.${DOMAIN_NAME_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);

/** True for the names Docker Hub goes by (`docker.io`, `index.docker.io`, `registry-1.docker.io`). */
export function isDockerHub(registry: string): boolean {
  return DOCKER_HUB_ALIASES.has(registry.toLowerCase());
}

/** The registry as a reference names it: `index.docker.io` (any case) becomes `docker.io`, others stay as written. */
export function canonicalRegistry(registry: string): string {
  return DOCKER_HUB_REFERENCE_ALIASES.has(registry.toLowerCase()) ? DOCKER_HUB_REGISTRY : registry;
}

/** The host[:port] to dial for a registry as written in references (`docker.io` → `registry-1.docker.io`). */
export function registryHost(registry: string): string {
  return isDockerHub(registry) ? DOCKER_HUB_HOST : registry;
}

/** The repository path on the wire: Docker Hub's single names live under `library/`. */
export function wireRepository(registry: string, repository: string): string {
  return isDockerHub(registry) && !repository.includes('/') ? `${OFFICIAL_IMAGES_NAMESPACE}/${repository}` : repository;
}

/** `library/golang` → `golang` on Docker Hub: the short form people type; null when the name is not an official image. */
export function officialImageName(registry: string, repository: string): string | null {
  const prefix = `${OFFICIAL_IMAGES_NAMESPACE}/`;
  if (registry !== DOCKER_HUB_REGISTRY || !repository.startsWith(prefix)) return null;
  const name = repository.slice(prefix.length);
  return name.includes('/') ? null : name;
}

/** The repository as people write it: `golang` for Docker Hub's `library/golang`, the path itself anywhere else. */
export function familiarRepository(ref: { registry: string; repository: string }): string {
  return officialImageName(ref.registry, ref.repository) ?? ref.repository;
}

/**
 * Decides, like distribution's splitDockerDomain, whether the first component of a name is a registry:
 * `localhost`, or anything with a dot, a port colon or an upper-case letter (repository paths are lower-case).
 */
export function looksLikeRegistryHost(component: string): boolean {
  return component === 'localhost' || component.includes('.') || component.includes(':') || component !== component.toLowerCase();
}

/** True when `host` fits the registry host grammar, host[:port] or [IPv6][:port], with a port from 1 to 65535. */
export function isValidRegistryHost(host: string): boolean {
  return REGISTRY_HOST.test(host) && !namesImpossiblePort(host);
}

/** True when `host` ends in a numeric port outside 1–65535 (`localhost:0`, `localhost:99999`): nothing listens there. */
export function namesImpossiblePort(host: string): boolean {
  const { port } = splitHostPort(host);
  if (port === undefined || !/^\d+$/.test(port)) return false;
  const number = Number(port);
  return number < 1 || number > 65535;
}

/** Splits `host`, `host:port`, `[::1]:port` (and a bare IPv6 address such as `::1`) into hostname and port. */
export function splitHostPort(host: string): { hostname: string; port?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(host);
  if (bracketed) return { hostname: bracketed[1]!, ...(bracketed[2] ? { port: bracketed[2] } : {}) };
  if (ipv6Groups(host)) return { hostname: host };
  const colon = host.lastIndexOf(':');
  if (colon < 0) return { hostname: host };
  return { hostname: host.slice(0, colon), port: host.slice(colon + 1) };
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)$/;

/** The four octets of a dotted-quad IPv4 address (no leading zeros, as Node's isIP); null otherwise. */
function ipv4Octets(address: string): number[] | null {
  const match = IPV4.exec(address);
  return match ? match.slice(1).map(Number) : null;
}

/** The eight 16-bit groups of an IPv6 address (`::` and a dotted IPv4 tail expanded); null when it is not one. */
function ipv6Groups(address: string): number[] | null {
  if (!address.includes(':')) return null;
  let text = address;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    // `::ffff:127.0.0.1`: the dotted tail is the last two groups.
    const octets = ipv4Octets(text.slice(lastColon + 1));
    if (!octets) return null;
    const hex = (high: number, low: number) => (high * 256 + low).toString(16);
    text = `${text.slice(0, lastColon + 1)}${hex(octets[0]!, octets[1]!)}:${hex(octets[2]!, octets[3]!)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if ([...head, ...tail].some((group) => !/^[0-9a-fA-F]{1,4}$/.test(group))) return null;
  const isCompressed = halves.length === 2;
  if (isCompressed ? head.length + tail.length > 7 : head.length !== 8) return null;
  const zeros = new Array<string>(8 - head.length - tail.length).fill('0');
  return [...head, ...zeros, ...tail].map((group) => parseInt(group, 16));
}

/** True for 127.0.0.0/8, ::1 (and IPv4-mapped 127.x), `localhost` and `*.localhost`: docker's insecure-by-default hosts. */
export function isLoopbackHost(host: string): boolean {
  const { hostname } = splitHostPort(host);
  const name = hostname.toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const octets = ipv4Octets(name);
  if (octets) return octets[0] === 127;
  const groups = ipv6Groups(name);
  if (!groups) return false;
  const isUnspecifiedPrefix = groups.slice(0, 5).every((group) => group === 0);
  if (isUnspecifiedPrefix && groups[5] === 0 && groups[6] === 0 && groups[7] === 1) return true;
  return isUnspecifiedPrefix && groups[5] === 0xffff && groups[6]! >> 8 === 127;
}

/** A registry name without a port is dialled over HTTPS first: port 443. */
const DEFAULT_REGISTRY_PORT = '443';

/**
 * One spelling per address. The WHATWG URL parser, which is how the server turns a host into the address it dials,
 * decides what a host names: case folded, IPv6 compressed (RFC 5952), IPv4 in any of its numeric forms as a dotted
 * quad (`2130706433`, `0x7f.1` and `127.000.0.1` are 127.0.0.1). On top of that, an IPv4-mapped IPv6 address is its
 * IPv4 address (`::ffff:7f00:1` is 127.0.0.1), and the addresses `localhost` names (127.0.0.1, ::1) are `localhost`.
 * Other loopback addresses (127.0.0.2) stay apart: a registry listening on one need not answer on another.
 */
function canonicalHostname(hostname: string): string {
  let host: string;
  try {
    host = new URL(`http://${hostname.includes(':') ? `[${hostname}]` : hostname}/`).hostname;
  } catch {
    return hostname.toLowerCase();
  }
  const groups = host.startsWith('[') ? ipv6Groups(host.slice(1, -1)) : null;
  const isMappedIpv4 = !!groups && groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (isMappedIpv4) return canonicalHostname([groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.'));
  return host === '127.0.0.1' || host === '[::1]' ? 'localhost' : host;
}

/**
 * One spelling for every way of writing the same registry endpoint: case folded, Docker Hub's aliases as its API
 * host, the port as a number and the default one made explicit, IPv6 addresses in one form, and `localhost`,
 * `127.0.0.1` and `::1` as one `localhost`. `LOCALHOST:5000`, `127.0.0.1:05000`, `[::ffff:7f00:1]:5000` and
 * `[::1]:5000` give `localhost:5000`; `docker.io` gives `registry-1.docker.io:443`.
 */
export function canonicalEndpoint(registry: string): string {
  const { hostname, port } = splitHostPort(registryHost(registry));
  return `${canonicalHostname(hostname)}:${port === undefined ? DEFAULT_REGISTRY_PORT : String(Number(port))}`;
}

/**
 * The key of one tag as the registry stores it, the same for every spelling of registry and repository (Docker
 * Hub's `golang` is `library/golang`): pushes to one key must run one after another (the push's tag lock, in this
 * process and across replicas, lib/audit/tag-lock.ts).
 */
export function canonicalTagKey(target: { registry: string; repository: string; tag: string }): string {
  return `${canonicalEndpoint(target.registry)}/${wireRepository(target.registry, target.repository)}:${target.tag}`;
}
