import type { IncomingHttpHeaders } from 'node:http';
import { NextRequest } from 'next/server';
import { stampPeer } from '@/lib/auth/peer';

/*
 * Route handlers called in-process as Next calls them: requests with the peer address the server would have
 * stamped (lib/auth/peer.ts), and a cookie jar that carries the session from one answer to the next request.
 */

/** The headers a request from `address` carries once the server stamped its socket address. */
export function fromPeer(address: string): Record<string, string> {
  const headers: IncomingHttpHeaders = {};
  stampPeer(headers, address);
  return headers as Record<string, string>;
}

/** A browser's cookies, as far as the tests need them: name → value, updated from every answer's Set-Cookie. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes the cookies an answer sets (an empty value or Max-Age=0 removes one). */
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (!value || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** The Cookie header to send (empty object without cookies). */
  header(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') } : {};
  }
}

/** A request to a route handler, as JSON when a body is given. */
export function apiRequest(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): NextRequest {
  const hasBody = init.body !== undefined;
  return new NextRequest(`http://localhost${path}`, {
    method: init.method ?? (hasBody ? 'POST' : 'GET'),
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...init.headers },
    ...(hasBody ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
  });
}
