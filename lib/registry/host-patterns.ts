import 'server-only';
import { BlockList, isIP } from 'node:net';
import { splitHostPort } from '@/lib/oci/registry-host';

/*
 * Host lists in settings (ARCHWAY_ALLOWED_REGISTRIES, ARCHWAY_TRUSTED_TOKEN_REALMS): each entry is
 *   `host`            that host on any port
 *   `host:port`       that host on that port only ([::1]:5000 for IPv6)
 *   `*.example.com`   any name under example.com (not example.com itself), optionally `*.example.com:443`
 *   `10.0.0.0/8`      an IP address written in the reference inside that network (names are not resolved for this)
 * Case does not matter; a scheme or trailing slash someone pasted along is ignored.
 */

export type HostPattern =
  | { kind: 'host'; hostname: string; port: string | undefined }
  | { kind: 'wildcard'; suffix: string; port: string | undefined }
  | { kind: 'network'; list: BlockList; family: 4 | 6 };

const NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

function unbracketed(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Parses one entry; null when it is none of the forms above. */
export function parseHostPattern(raw: string): HostPattern | null {
  const entry = raw.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/\/$/, '');
  const cidr = /^([^/]+)\/(\d{1,3})$/.exec(entry);
  if (cidr) {
    const network = unbracketed(cidr[1]!);
    const family = isIP(network);
    const bits = Number(cidr[2]);
    if (family === 0 || bits > (family === 4 ? 32 : 128)) return null;
    const list = new BlockList();
    list.addSubnet(network, bits, family === 4 ? 'ipv4' : 'ipv6');
    return { kind: 'network', list, family: family as 4 | 6 };
  }
  const { hostname, port } = splitHostPort(entry);
  if (port !== undefined && !/^\d{1,5}$/.test(port)) return null;
  if (hostname.startsWith('*.')) {
    const suffix = hostname.slice(2);
    return NAME.test(suffix) ? { kind: 'wildcard', suffix, port } : null;
  }
  const bare = unbracketed(hostname);
  return NAME.test(bare) || isIP(bare) !== 0 ? { kind: 'host', hostname: bare, port } : null;
}

/** Parses a comma-separated setting; an entry that fits no form is an error naming the variable and the entry. */
export function parseHostPatterns(value: string | undefined, variable: string): HostPattern[] {
  const entries = (value ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  return entries.map((entry) => {
    const pattern = parseHostPattern(entry);
    if (!pattern) {
      throw new Error(`${variable}: "${entry}" is not a host, host:port, *.domain or CIDR (example: registry.example.com,*.corp.example,10.0.0.0/8).`);
    }
    return pattern;
  });
}

/** True when `host` (`name`, `name:port`, `[v6]:port`) fits the pattern. */
export function matchesHostPattern(host: string, pattern: HostPattern): boolean {
  const split = splitHostPort(host.toLowerCase());
  const hostname = unbracketed(split.hostname);
  if (pattern.kind === 'network') {
    const family = isIP(hostname);
    return family === pattern.family && pattern.list.check(hostname, family === 4 ? 'ipv4' : 'ipv6');
  }
  if (pattern.port !== undefined && pattern.port !== split.port) return false;
  if (pattern.kind === 'wildcard') return hostname.endsWith(`.${pattern.suffix}`);
  return hostname === pattern.hostname;
}

/** True when any pattern fits. */
export function matchesAnyHostPattern(host: string, patterns: readonly HostPattern[]): boolean {
  return patterns.some((pattern) => matchesHostPattern(host, pattern));
}
