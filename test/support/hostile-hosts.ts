import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LookupFunction } from '@/lib/registry/egress-policy';

/*
 * Servers for the credential-leak and SSRF cases: a registry, a blob store, token servers, each under a name of its
 * own (`registry.example.test`, `tokens.evil.test`) that a test lookup resolves to loopback, over TLS with a
 * self-signed certificate the client is given as its CA, or over plain HTTP. Each records every request with its
 * headers and body, so a test can say which host saw a secret.
 */

export type SeenRequest = { method: string; url: string; headers: IncomingMessage['headers']; body: string };
export type HostileHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export type HostileServer = {
  /** `name:port`, as references and URLs name it. */
  host: string;
  /** `https://name:port` or `http://name:port`. */
  origin: string;
  requests: SeenRequest[];
  /** Every byte this server was sent (request lines, headers, bodies), for secret searches. */
  everythingSeen(): string;
  stop(): Promise<void>;
};

export type TestCertificate = { key: string; cert: string };

/** A throwaway self-signed certificate for the test names (openssl ships with Debian). */
export function makeTestCertificate(names: readonly string[]): TestCertificate {
  const dir = mkdtempSync(path.join(tmpdir(), 'archway-hostile-tls-'));
  try {
    const san = names.map((name) => `DNS:${name}`).join(',');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=archway hostile test', '-addext', `subjectAltName=${san}`,
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts a recording server for `name` on a free loopback port; TLS when a certificate is given. */
export async function startHostileServer(name: string, handler: HostileHandler, tls?: TestCertificate): Promise<HostileServer> {
  const requests: SeenRequest[] = [];
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body });
      handler(req, res, body);
    });
  };
  const server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, listener) : createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const host = `${name}:${port}`;
  return {
    host,
    origin: `${tls ? 'https' : 'http'}://${host}`,
    requests,
    everythingSeen: () => requests.map((r) => `${r.method} ${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`).join('\n'),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A resolver for test names: each maps to one address (loopback for the servers, a metadata address for SSRF). */
export function testLookup(addresses: Record<string, string>): LookupFunction {
  return (hostname, options, callback) => {
    const address = addresses[hostname.toLowerCase()];
    if (address === undefined) {
      const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return callback(err, [], undefined);
    }
    const family = address.includes(':') ? 6 : 4;
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/** Answers the distribution ping and anything else with `status`, a registry JSON error, and extra headers. */
export function answer(res: ServerResponse, status: number, headers: Record<string, string> = {}, body = '{}'): void {
  res.writeHead(status, { 'content-type': 'application/json', 'docker-distribution-api-version': 'registry/2.0', ...headers });
  res.end(body);
}
