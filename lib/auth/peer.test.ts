import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddress, installPeerStamp, isFromTrustedProxy, isListedAddress, peerAddress, stampPeer } from './peer';

function stamped(address: string, extra: Record<string, string> = {}): Headers {
  const headers: http.IncomingHttpHeaders = {};
  stampPeer(headers, address);
  return new Headers({ ...(headers as Record<string, string>), ...extra });
}

describe('the peer stamp', () => {
  let server: http.Server;
  let seen: string | null = null;
  beforeAll(async () => {
    installPeerStamp();
    server = http.createServer((req, res) => {
      seen = peerAddress(new Headers(req.headers as Record<string, string>));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('records the socket address, whatever a client claims in the header or in X-Forwarded-For', async () => {
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/`, { headers: { 'x-archway-peer': 'forged 10.0.0.1', 'x-forwarded-for': '10.0.0.1' } });
    expect(seen).toBe('127.0.0.1');
  });

  it('believes no header without this process’s mark', () => {
    expect(peerAddress(new Headers({ 'x-archway-peer': 'guess 10.0.0.1' }))).toBeNull();
    expect(peerAddress(stamped('::ffff:10.0.0.7'))).toBe('10.0.0.7');
  });
});

describe('trusted proxies', () => {
  it('matches addresses and CIDRs of either family', () => {
    expect(isListedAddress('10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(isListedAddress('10.1.2.3', ['10.1.2.4'])).toBe(false);
    expect(isListedAddress('fd00::1', ['fd00::/8', '127.0.0.1'])).toBe(true);
    expect(isListedAddress('not-an-address', ['10.0.0.0/8'])).toBe(false);
  });

  it('trusts only a request that came straight from a listed proxy', () => {
    expect(isFromTrustedProxy(stamped('10.0.0.5'), ['10.0.0.0/24'])).toBe(true);
    expect(isFromTrustedProxy(stamped('192.0.2.1', { 'x-forwarded-for': '10.0.0.5' }), ['10.0.0.0/24'])).toBe(false);
    expect(isFromTrustedProxy(new Headers({ 'x-forwarded-for': '10.0.0.5' }), ['10.0.0.0/24'])).toBe(false);
    expect(isFromTrustedProxy(stamped('10.0.0.5'), [])).toBe(false);
  });

  it('takes the client address from X-Forwarded-For only behind trusted proxies', () => {
    expect(clientAddress(stamped('192.0.2.1', { 'x-forwarded-for': '198.51.100.1' }), ['10.0.0.0/8'])).toBe('192.0.2.1');
    expect(clientAddress(stamped('10.0.0.2', { 'x-forwarded-for': '198.51.100.1, 10.0.0.9' }), ['10.0.0.0/8'])).toBe('198.51.100.1');
    expect(clientAddress(new Headers(), [])).toBe('unknown');
  });
});
