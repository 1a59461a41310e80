import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/*
 * A TCP front for a registry on loopback that passes bytes through untouched and counts the connections clients
 * open: what a test needs to tell whether a client keeps its connection to a registry or opens one per request.
 */

export type CountingTcpProxy = {
  /** `127.0.0.1:PORT`, as written in references (loopback: plain HTTP is allowed). */
  host: string;
  /** Connections accepted so far. */
  connections(): number;
  stop(): Promise<void>;
};

/** Starts the front on a free loopback port, forwarding to `upstream` (`127.0.0.1:5000`). */
export async function startCountingTcpProxy(upstream: string): Promise<CountingTcpProxy> {
  const { hostname, port } = new URL(`http://${upstream}`);
  const open = new Set<Socket>();
  let connections = 0;
  const server = createServer((client) => {
    connections++;
    const registry = connect(Number(port), hostname);
    for (const socket of [client, registry]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
    }
    // Either side ending or failing ends the other, as a connection through a real proxy would.
    client.on('error', () => registry.destroy());
    registry.on('error', () => client.destroy());
    client.pipe(registry).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    async stop() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
