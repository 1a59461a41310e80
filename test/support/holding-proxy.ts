import { forward, relay, startProxy } from './forwarding-proxy';
import type { LoopbackServer } from './loopback-server';

/*
 * A registry front that can hold back one answer: the request reaches the real registry (which acts on it), but
 * its answer is kept until the test releases it, or forever. What a server killed or stopped while a registry is
 * answering its list PUT looks like, from the registry's side.
 */

export type HeldRequest = {
  /** Resolves once the registry has answered the held request (and so acted on it). */
  answered: Promise<number>;
  /** Sends the held answer on to the client. */
  release(): void;
};

export type HoldingProxy = LoopbackServer & {
  /** Holds the answer to the next request with this method whose path matches. */
  holdNext(method: string, path: RegExp): HeldRequest;
};

/** Starts a proxy to `upstream` (a registry URL) on a free loopback port. */
export async function startHoldingProxy(upstream: string): Promise<HoldingProxy> {
  let hold: { method: string; path: RegExp; onAnswer: (status: number) => void; released: Promise<void> } | undefined;
  const proxy = await startProxy(async ({ req, url, body }, res) => {
    const response = await forward(upstream, req, url.pathname + url.search, body);
    const held = hold;
    if (held && req.method === held.method && held.path.test(url.pathname)) {
      hold = undefined;
      held.onAnswer(response.status);
      await held.released;
    }
    await relay(response, res);
  });
  return {
    ...proxy,
    holdNext(method, path) {
      let onAnswer!: (status: number) => void;
      let release!: () => void;
      const answered = new Promise<number>((resolve) => (onAnswer = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      hold = { method, path, onAnswer, released };
      return { answered, release };
    },
  };
}
