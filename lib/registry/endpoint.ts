import 'server-only';
import { isLoopbackHost } from '@/lib/oci/registry-host';
import { matchesHostPattern, parseHostPattern } from './host-patterns';

/*
 * Over which scheme a registry is dialled; what its name means (Docker Hub, loopback, host:port) is
 * lib/oci/registry-host's to say. The docker daemon's rule (registry-protocol.md §8): HTTPS first; plain HTTP only
 * for loopback and for hosts the operator listed as insecure; and never plain HTTP once the host has answered over
 * TLS (a certificate problem is not a reason to drop encryption).
 */

/** True when `host` matches an ARCHWAY_INSECURE_REGISTRIES entry (host-patterns.ts: host[:port], a bare hostname, *.domain or a CIDR). */
export function isListedInsecure(host: string, entries: readonly string[]): boolean {
  return entries.some((entry) => {
    const pattern = parseHostPattern(entry);
    return pattern !== null && matchesHostPattern(host, pattern);
  });
}

/** Whether plain HTTP may be tried for a host: loopback, listed as insecure, or explicitly allowed for this client. */
export function allowsPlainHttp(host: string, opts: { insecure?: boolean; insecureRegistries: readonly string[] }): boolean {
  return opts.insecure === true || isLoopbackHost(host) || isListedInsecure(host, opts.insecureRegistries);
}

// Errors that mean "this port does not speak TLS": the only case where trying plain HTTP is not a downgrade.
const NOT_TLS_CODES = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'EPROTO', 'ECONNRESET', 'ECONNREFUSED', 'UND_ERR_SOCKET']);

/**
 * The error code of a failed fetch (undici puts it on `cause`, sometimes inside an AggregateError). Only a string is
 * one: a DOMException's `code` is a number (20 for an AbortError), which says nothing of the network.
 */
export function networkErrorCode(err: unknown): string | undefined {
  const codeOf = (value: unknown) => {
    const code = (value as { code?: unknown } | null | undefined)?.code;
    return typeof code === 'string' ? code : undefined;
  };
  const cause = (err as { cause?: { errors?: unknown[] } } | undefined)?.cause;
  return codeOf(cause) ?? (Array.isArray(cause?.errors) ? cause.errors.map(codeOf).find(Boolean) : undefined) ?? codeOf(err);
}

/** True when an HTTPS attempt failed in a way that allows trying plain HTTP (nothing TLS answered). */
export function mayFallBackToHttp(err: unknown): boolean {
  const code = networkErrorCode(err);
  return code !== undefined && NOT_TLS_CODES.has(code);
}
