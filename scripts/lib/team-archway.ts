import { randomBytes } from 'node:crypto';
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
  /** Its ARCHWAY_DATA_DIR and the file its log goes to, for the secret scan. */
  dataDir: string;
  serverLog: string;
  /** What it holds that nobody may see: the OIDC client secret, its session secret, the registry passwords. */
  secrets: string[];
  stop(): Promise<void>;
};

/** Starts the provider, the private registry (seeded by the writer) and Archway with OIDC, on free ports. */
export async function startTeamArchway(workDir: string): Promise<TeamArchway> {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const clientId = 'archway-e2e';
  // Fresh per run, so the secret scan (e2e/secret-scan.spec.ts) finds them only where they leaked in this run.
  const clientSecret = `oidc-client-${randomBytes(16).toString('hex')}`;
  const sessionSecret = `session-${randomBytes(24).toString('hex')}`;
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
  const dataDir = path.join(workDir, 'team-data');
  const serverLog = path.join(workDir, 'team-archway-server.log');
  const app = await startNext({
    port,
    logFile: serverLog,
    env: {
      ARCHWAY_DATA_DIR: dataDir,
      DOCKER_CONFIG: dockerConfig,
      ARCHWAY_OIDC_ISSUER: provider.issuer,
      ARCHWAY_OIDC_CLIENT_ID: clientId,
      ARCHWAY_OIDC_CLIENT_SECRET: clientSecret,
      ARCHWAY_SESSION_SECRET: sessionSecret,
    },
  });
  return {
    baseURL: app.url,
    registryHost: registry.host,
    images: { amd64: seed.references.x8664, arm64: seed.references.arm64v8 },
    dataDir,
    serverLog,
    secrets: [clientSecret, sessionSecret, ...Object.values(TEAM_REGISTRY_USERS)],
    async stop() {
      await app.stop();
      await Promise.all([registry.stop(), provider.stop()]);
    },
  };
}
