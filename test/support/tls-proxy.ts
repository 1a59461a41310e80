import { rm } from 'node:fs/promises';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import type { ServerResponse } from 'node:http';
import { selfSignedCertificate } from '@/scripts/lib/self-signed';
import { forward, relay } from './forwarding-proxy';

/*
 * A registry over TLS, as registries away from loopback are: a self-signed HTTPS front (HTTP/2 offered by ALPN, and
 * HTTP/1.1 for clients that do not speak it) forwarding every request to a real registry behind it. It records the
 * protocol each request came in and how many TLS connections were opened, so a test can tell whether a client
 * multiplexed a whole list over one HTTP/2 connection.
 */

export type TlsProxy = {
  /** `127.0.0.1:PORT`, as written in references. */
  host: string;
  /** The certificate to trust (a CA of its own). */
  certPem: string;
  /** The HTTP version of every request so far (`2.0`, `1.1`), in arrival order. */
  versions(): string[];
  /** TLS connections accepted so far. */
  connections(): number;
  stop(): Promise<void>;
};

/** Starts the TLS front on a free loopback port, forwarding to `upstream` (`http://127.0.0.1:5000`). */
export async function startTlsProxy(upstream: string): Promise<TlsProxy> {
  const cert = await selfSignedCertificate({ commonName: 'archway-test-registry', subjectAltName: 'IP:127.0.0.1,DNS:localhost' });
  const versions: string[] = [];
  let connections = 0;
  const server = createSecureServer({ key: cert.keyPem, cert: cert.certPem, allowHTTP1: true }, (req: Http2ServerRequest, res: Http2ServerResponse) => {
    versions.push(req.httpVersion);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      // The compatibility API's response has the calls relay makes, under HTTP/2's own types.
      const out = res as unknown as Pick<ServerResponse, 'writeHead' | 'end'>;
      // The registry writes its upload Locations for the address it was asked by, as distribution does behind a proxy.
      const asked = { method: req.method, headers: { ...req.headers, 'x-forwarded-proto': 'https', 'x-forwarded-host': req.headers[':authority'] ?? req.headers.host } };
      forward(upstream, asked, req.url, Buffer.concat(chunks))
        .then((response) => relay(response, out))
        .catch((err: unknown) => {
          if (!res.headersSent) res.writeHead(502);
          res.end(String(err));
        });
    });
  });
  server.on('secureConnection', () => connections++);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    certPem: cert.certPem,
    versions: () => [...versions],
    connections: () => connections,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(cert.dir, { recursive: true, force: true });
    },
  };
}
