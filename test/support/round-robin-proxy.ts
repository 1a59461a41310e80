import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { listenOnLoopback, type LoopbackServer } from './loopback-server';

/*
 * A small load balancer in front of Archway replicas: each request goes to the next upstream in turn, streamed
 * both ways (a push's NDJSON steps arrive as they happen). An upstream that refuses the connection is skipped
 * for that request, as a balancer with passive health checks does; nothing else is retried.
 */

export type RoundRobinProxy = LoopbackServer & {
  /** How many requests each upstream answered, by URL. */
  answered: Map<string, number>;
};

export async function startRoundRobinProxy(upstreams: string[]): Promise<RoundRobinProxy> {
  let next = 0;
  const answered = new Map(upstreams.map((u) => [u, 0]));
  const send = (req: IncomingMessage, body: Buffer, res: ServerResponse, attempt: number) => {
    const upstream = new URL(upstreams[next++ % upstreams.length]!);
    const proxied = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        answered.set(upstream.origin, (answered.get(upstream.origin) ?? 0) + 1);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        // pipeline, not pipe: an upstream killed mid-answer must cut the client's connection too, as a real balancer
        // does; pipe() would leave the client waiting for an end that never comes.
        pipeline(answer, res, () => undefined);
      },
    );
    proxied.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED' && attempt < upstreams.length) return send(req, body, res, attempt + 1);
      if (!res.headersSent) res.writeHead(502);
      res.end(`upstream ${upstream.origin} failed: ${err.message}`);
    });
    proxied.end(body);
  };
  const server = await listenOnLoopback((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => send(req, Buffer.concat(chunks), res, 1));
  });
  return { ...server, answered };
}
