import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A test HTTP server on a free loopback port: a registry name that plain HTTP is allowed for. */
export type LoopbackServer = { host: string; url: string; stop(): Promise<void> };

/**
 * Starts `listener` on a loopback address (127.0.0.1 unless told another of 127.0.0.0/8) and a free port; stop()
 * drops open keep-alive connections too.
 */
export async function listenOnLoopback(listener: RequestListener, address = '127.0.0.1'): Promise<LoopbackServer> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, address, () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    host: `${address}:${port}`,
    url: `http://${address}:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
