import { describe, expect, it } from 'vitest';
import { chooseChallenge, parseChallenges } from './auth';

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
