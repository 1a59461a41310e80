import 'server-only';
import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { buildConnector } from 'undici';
import { isDockerHub, registryHost } from '@/lib/oci/registry-host';
import { matchesAnyHostPattern, type HostPattern } from './host-patterns';

/*
 * Where the server may connect. Two rules:
 * - ARCHWAY_ALLOWED_REGISTRIES, when set, names the registries references may point at; any other is refused
 *   before a connection is opened. Redirects (blob storage) and token servers are not registries and are not
 *   limited by it: the registry the operator allowed chooses them.
 * - Link-local addresses (cloud metadata services live there: 169.254.169.254, fd00:ec2::254) are never reached,
 *   whoever asks: a registry, a redirect, a token realm. The check runs on the address a name resolved to, at
 *   connect time, so a name that resolves there (or is re-pointed there later) is caught as well.
 */

const NEVER_REACHED = new BlockList();
NEVER_REACHED.addSubnet('169.254.0.0', 16, 'ipv4');
NEVER_REACHED.addSubnet('fe80::', 10, 'ipv6');
NEVER_REACHED.addAddress('fd00:ec2::254', 'ipv6');
// The same IPv4 addresses reached through NAT64.
NEVER_REACHED.addSubnet('64:ff9b::a9fe:0', 112, 'ipv6');

const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** True for link-local and cloud metadata addresses (IPv4-mapped IPv6 forms included). */
export function isNeverReached(address: string): boolean {
  const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const mapped = MAPPED_IPV4.exec(bare)?.[1];
  if (mapped) return NEVER_REACHED.check(mapped, 'ipv4');
  const family = isIP(bare);
  if (family === 0) return false;
  return NEVER_REACHED.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

export const EGRESS_REFUSED = 'ERR_ARCHWAY_EGRESS_REFUSED';

/** Thrown at connect time for a destination the policy refuses; the transport turns it into a 403. */
export class EgressRefused extends Error {
  readonly code = EGRESS_REFUSED;
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(
      hostname === address
        ? `${address} is a link-local or cloud metadata address, which Archway never connects to`
        : `${hostname} resolves to ${address}, a link-local or cloud metadata address, which Archway never connects to`,
    );
    this.name = 'EgressRefused';
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
/** dns.lookup's shape (options form), so tests can resolve names of their own. */
export type LookupFunction = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

const systemLookup: LookupFunction = (hostname, options, callback) => dns.lookup(hostname, options, callback as never);

/** A lookup that fails for a name with any never-reached address among its answers. */
export function guardedLookup(lookup: LookupFunction = systemLookup): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, options, (err, address, family) => {
      if (err) return callback(err, address, family);
      const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address];
      const refused = addresses.find(isNeverReached);
      if (refused !== undefined) return callback(new EgressRefused(hostname, refused) as NodeJS.ErrnoException, [], undefined);
      callback(null, address, family);
    });
  };
}

export type ConnectorOptions = {
  timeoutMs: number;
  /** Resolves names (tests point names at loopback servers or at a metadata address). */
  lookup?: LookupFunction;
  /** Extra CA certificates (tests with a self-signed registry); production uses NODE_EXTRA_CA_CERTS. */
  ca?: string | Buffer;
};

/** undici's connector with the never-reached check: IP literals before dialling, names through the guarded lookup. */
export function guardedConnector(opts: ConnectorOptions): buildConnector.connector {
  const connect = buildConnector({
    // A connector of our own replaces undici's, which is where the Agent's allowH2 would have gone: ALPN offers h2
    // here (transport.ts multiplexes a connection once the registry picked it).
    allowH2: true,
    timeout: opts.timeoutMs,
    lookup: guardedLookup(opts.lookup),
    ...(opts.ca ? { ca: opts.ca } : {}),
  });
  return (options, callback) => {
    const hostname = options.hostname.replace(/^\[(.*)\]$/, '$1');
    // net.connect does not call lookup for an IP address: check it here.
    if (isNeverReached(hostname)) return callback(new EgressRefused(hostname, hostname), null);
    connect(options, callback);
  };
}

/** True when ARCHWAY_ALLOWED_REGISTRIES is unset or lets the registry through (as written in references, or as dialled). */
export function isRegistryAllowed(registry: string, allowed: readonly HostPattern[] | null): boolean {
  if (allowed === null) return true;
  return matchesAnyHostPattern(registry, allowed) || matchesAnyHostPattern(registryHost(registry), allowed) || (isDockerHub(registry) && matchesAnyHostPattern('docker.io', allowed));
}
