import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A test HTTP server on a free loopback port: a registry name that plain HTTP is allowed for. */
export type LoopbackServer = {
  host: string;
  url: string;
  /** TCP connections it has accepted so far. */
  connections(): number;
  stop(): Promise<void>;
};

/**
 * Starts `listener` on a loopback address (127.0.0.1 unless told another of 127.0.0.0/8) and a port (a free one
 * unless told); stop() drops open keep-alive connections too.
 */
export async function listenOnLoopback(listener: RequestListener, address = '127.0.0.1', port = 0): Promise<LoopbackServer> {
  const server = createServer(listener);
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    host: `${address}:${bound}`,
    url: `http://${address}:${bound}`,
    connections: () => connections,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
