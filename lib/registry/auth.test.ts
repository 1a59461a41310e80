import { afterEach, describe, expect, it, vi } from 'vitest';
import { Authenticator, chooseChallenge, MAX_CACHED_TOKENS, parseChallenges } from './auth';
import type { FetchLike } from './transport';

describe('parseChallenges', () => {
  it('reads a Bearer challenge whose scope holds commas inside quotes', () => {
    const header =
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push",error="insufficient_scope"';
    expect(parseChallenges(header)).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:samalba/my-app:pull,push',
          error: 'insufficient_scope',
        },
      },
    ]);
  });

  it('splits several challenges in one header and unescapes quoted characters', () => {
    const challenges = parseChallenges('Basic realm="Registry \\"main\\"", Bearer realm="https://t.example/token", service=reg');
    expect(challenges).toEqual([
      { scheme: 'basic', params: { realm: 'Registry "main"' } },
      { scheme: 'bearer', params: { realm: 'https://t.example/token', service: 'reg' } },
    ]);
    expect(chooseChallenge(challenges)?.scheme).toBe('bearer');
  });

  it('returns nothing for a missing header, and Basic when that is all there is', () => {
    expect(parseChallenges(null)).toEqual([]);
    expect(chooseChallenge(parseChallenges('Basic realm="r"'))).toEqual({ scheme: 'basic', params: { realm: 'r' } });
    expect(chooseChallenge([])).toBeNull();
  });
});

describe('Authenticator token cache', () => {
  const REALM = 'http://127.0.0.1:1/token';
  const TOKEN_SECONDS = 300;

  /** An anonymous authenticator whose token server is a function: it counts the requests for each scope. */
  function authenticator() {
    const asked = new Map<string, number>();
    const tokenServer: FetchLike = async (url) => {
      const scope = new URL(url).searchParams.get('scope') ?? '';
      asked.set(scope, (asked.get(scope) ?? 0) + 1);
      return Response.json({ token: `token for ${scope}`, expires_in: TOKEN_SECONDS });
    };
    const auth = new Authenticator({
      registry: '127.0.0.1:1',
      realm: { registry: '127.0.0.1:1', insecureRegistries: [], insecure: undefined, trustedRealms: [] },
      fetch: tokenServer,
      credentials: async () => null,
      timeoutMs: 1000,
      now: Date.now,
      onTokenRequest: () => undefined,
    });
    auth.learn(`Bearer realm="${REALM}",service="test"`);
    return { auth, asked: (scope: string) => asked.get(scope) ?? 0 };
  }

  const scope = (i: number) => `repository:app/${i}:pull`;

  afterEach(() => {
    vi.useRealTimers();
  });

  it(`holds at most ${MAX_CACHED_TOKENS} tokens, and the least recently used is the one fetched again`, async () => {
    const { auth, asked } = authenticator();
    for (let i = 0; i < MAX_CACHED_TOKENS; i++) await auth.authorization([scope(i)]);
    expect(auth.cachedTokenCount).toBe(MAX_CACHED_TOKENS);
    // Scope 0 is used again, so scope 1 is now the least recently used: the next new scope pushes it out.
    expect(await auth.authorization([scope(0)])).toBe(`Bearer token for ${scope(0)}`);
    await auth.authorization([scope(MAX_CACHED_TOKENS)]);
    expect(auth.cachedTokenCount).toBe(MAX_CACHED_TOKENS);

    await auth.authorization([scope(0)]);
    await auth.authorization([scope(MAX_CACHED_TOKENS)]);
    expect(asked(scope(0))).toBe(1);
    expect(asked(scope(MAX_CACHED_TOKENS))).toBe(1);
    await auth.authorization([scope(1)]);
    expect(asked(scope(1))).toBe(2);
  });

  it('drops a token from memory once it is due for renewal, even if nobody asks for it again', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-01T10:00:00Z') });
    const { auth, asked } = authenticator();
    await auth.authorization([scope(1)]);
    await auth.authorization([scope(2)]);
    expect(auth.cachedTokenCount).toBe(2);

    // Renewal is due 10 s before the token's 300 s run out: until then it is kept and reused.
    await vi.advanceTimersByTimeAsync((TOKEN_SECONDS - 10) * 1000 - 1);
    expect(auth.cachedTokenCount).toBe(2);
    await auth.authorization([scope(1)]);
    expect(asked(scope(1))).toBe(1);

    await vi.advanceTimersByTimeAsync(2);
    expect(auth.cachedTokenCount).toBe(0);
    await auth.authorization([scope(1)]);
    expect(asked(scope(1))).toBe(2);
  });
});
