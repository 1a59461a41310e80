import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { TEAM_PEOPLE, TEAM_REGISTRY_USERS } from '@/e2e/fixtures/team';
import { createRegistryClient } from '@/lib/registry/client';
import { startNext } from './next-app';
import { startOidcProvider } from './oidc-provider';
import { freePort, startRegistry } from './registry-process';
import { seedDemo } from './seed';
import type { TokenAcl } from './token-server';

/*
 * Archway run for a team, for the end-to-end tests of issue 7: a second Archway server that signs people in with
 * a real OpenID provider (two people), next to a private token-auth registry with two accounts of different
 * rights (the writer may push, the reader only pull, nobody anonymous). The server has no credentials of its own
 * for that registry, so everyone reads and writes with their own sign-in.
 */


const acl: TokenAcl = (account, requested) =>
  account === 'writer' ? requested.actions : account === 'reader' ? requested.actions.filter((action) => action === 'pull') : [];

export type TeamArchway = {
  /** The team Archway's URL. */
  baseURL: string;
  /** The private token-auth registry. */
  registryHost: string;
  /** Two seeded images there (amd64 and arm64), as references. */
  images: { amd64: string; arm64: string };
  stop(): Promise<void>;
};

/** Starts the provider, the private registry (seeded by the writer) and Archway with OIDC, on free ports. */
export async function startTeamArchway(workDir: string): Promise<TeamArchway> {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const clientId = 'archway-e2e';
  const clientSecret = 'archway-e2e-client-secret';
  const [provider, registry] = await Promise.all([
    startOidcProvider({
      accounts: { alice: { email: TEAM_PEOPLE.alice, groups: ['dev'] }, bob: { email: TEAM_PEOPLE.bob, groups: ['dev'] } },
      clientId,
      clientSecret,
      redirectUris: [`${baseURL}/auth/callback`],
    }),
    startRegistry({ auth: 'token', users: { ...TEAM_REGISTRY_USERS }, token: { acl } }),
  ]);
  const seed = await seedDemo(createRegistryClient(registry.host, { credentials: { kind: 'basic', username: 'writer', password: TEAM_REGISTRY_USERS.writer } }), {
    namespace: 'team',
    only: ['x8664', 'arm64v8'],
  });
  const dockerConfig = path.join(workDir, 'team-docker');
  await mkdir(dockerConfig, { recursive: true });
  const app = await startNext({
    port,
    env: {
      ARCHWAY_DATA_DIR: path.join(workDir, 'team-data'),
      DOCKER_CONFIG: dockerConfig,
      ARCHWAY_OIDC_ISSUER: provider.issuer,
      ARCHWAY_OIDC_CLIENT_ID: clientId,
      ARCHWAY_OIDC_CLIENT_SECRET: clientSecret,
      ARCHWAY_SESSION_SECRET: 'the-team-archway-session-secret-for-e2e-0123456789',
    },
  });
  return {
    baseURL: app.url,
    registryHost: registry.host,
    images: { amd64: seed.references.x8664, arm64: seed.references.arm64v8 },
    async stop() {
      await app.stop();
      await Promise.all([registry.stop(), provider.stop()]);
    },
  };
}
