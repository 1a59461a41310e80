import 'server-only';
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/*
 * Which address a request came from. `next start` passes a client's own `X-Forwarded-For` through untouched (it
 * only fills the header in when absent), so the header cannot say whether a proxy sent the request. The socket
 * can: installPeerStamp (run once from instrumentation.ts) writes the socket's address into a header of its own,
 * marked with a random value of this process, so a header a client sends under that name is never believed.
 */

const PEER_HEADER = 'x-archway-peer';

const globalForPeer = globalThis as typeof globalThis & { __archwayPeerMark?: string; __archwayPeerStampInstalled?: boolean };

function mark(): string {
  globalForPeer.__archwayPeerMark ??= randomBytes(16).toString('hex');
  return globalForPeer.__archwayPeerMark;
}

/** Writes the marked peer address into a request's headers, replacing whatever a client sent under that name. */
export function stampPeer(headers: IncomingMessage['headers'], address: string | undefined): void {
  if (address) headers[PEER_HEADER] = `${mark()} ${address}`;
  else delete headers[PEER_HEADER];
}

/** Makes every HTTP server of this process stamp each request with its socket's address (idempotent). */
export function installPeerStamp(): void {
  if (globalForPeer.__archwayPeerStampInstalled) return;
  globalForPeer.__archwayPeerStampInstalled = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const request = args[0] as IncomingMessage;
      stampPeer(request.headers, request.socket?.remoteAddress);
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}

/** `::ffff:10.0.0.1` is the IPv4 address 10.0.0.1 on a dual-stack socket. */
function normalize(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed.toLowerCase();
}

/** The socket address the request came from, or null when the server did not stamp it. */
export function peerAddress(headers: Headers): string | null {
  const value = headers.get(PEER_HEADER);
  if (!value) return null;
  const space = value.indexOf(' ');
  if (space < 0 || value.slice(0, space) !== mark()) return null;
  return normalize(value.slice(space + 1));
}

/** True when `address` matches an entry of ARCHWAY_TRUSTED_PROXIES: an address or a CIDR. */
export function isListedAddress(address: string, entries: readonly string[]): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return entries.some((entry) => {
    const [network, bits] = entry.trim().split('/') as [string, string | undefined];
    const normalized = normalize(network);
    const networkFamily = isIP(normalized);
    if (networkFamily !== family) return false;
    if (bits === undefined) return normalized === address;
    const list = new BlockList();
    list.addSubnet(normalized, Number(bits), type);
    return list.check(address, type);
  });
}

/** True when the request came straight from a proxy listed in ARCHWAY_TRUSTED_PROXIES. */
export function isFromTrustedProxy(headers: Headers, trustedProxies: readonly string[]): boolean {
  const peer = peerAddress(headers);
  return peer !== null && trustedProxies.length > 0 && isListedAddress(peer, trustedProxies);
}

/**
 * The client's address, for rate limits: the peer, or behind trusted proxies the nearest X-Forwarded-For hop that
 * is not one of them. 'unknown' when the server did not stamp the request.
 */
export function clientAddress(headers: Headers, trustedProxies: readonly string[]): string {
  const peer = peerAddress(headers);
  if (!peer) return 'unknown';
  if (!isListedAddress(peer, trustedProxies)) return peer;
  const hops = (headers.get('x-forwarded-for') ?? '').split(',').map(normalize).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isListedAddress(hops[i]!, trustedProxies)) return hops[i]!;
  }
  return peer;
}
