import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from './loopback-server';

/*
 * A small HTTP server whose every answer the test writes: a registry that is slow, broken, lying about digests,
 * rate-limited or redirecting. It records what it was asked (method, URL, headers) so tests can assert on that.
 */

export type RecordedRequest = { method: string; url: string; headers: IncomingMessage['headers'] };
export type FaultHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export type FaultServer = LoopbackServer & {
  requests: RecordedRequest[];
  /** Requests other than the client's `GET /v2/` ping. */
  apiRequests(): RecordedRequest[];
};

/**
 * Starts a server answering `/v2/` with 200 (or, given `challenge`, 401 with that WWW-Authenticate until a request
 * carries Authorization) and everything else with `handler`.
 */
export async function startFaultServer(handler: FaultHandler, opts: { challenge?: string; address?: string } = {}): Promise<FaultServer> {
  const requests: RecordedRequest[] = [];
  const server = await listenOnLoopback((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    if (req.url === '/v2/' || req.url === '/v2') {
      const isChallenged = opts.challenge !== undefined && !req.headers.authorization;
      const headers = { 'docker-distribution-api-version': 'registry/2.0', 'content-type': 'application/json' };
      res.writeHead(isChallenged ? 401 : 200, isChallenged ? { ...headers, 'www-authenticate': opts.challenge! } : headers);
      res.end('{}');
      return;
    }
    Promise.resolve(handler(req, res)).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(599);
      res.end(String(err));
    });
  }, opts.address);
  return { ...server, requests, apiRequests: () => requests.filter((r) => r.url !== '/v2/' && r.url !== '/v2') };
}

/** Answers with a registry-style JSON error body. */
export function sendRegistryError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ errors: [{ code, message }] }));
}
