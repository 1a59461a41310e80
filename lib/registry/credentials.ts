import 'server-only';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { isDockerHub } from '@/lib/oci/registry-host';

/*
 * Server-wide credentials, found the way every docker client finds them (registry-protocol.md §6):
 * DOCKER_AUTH_CONFIG (a whole config.json in an env var) beats $DOCKER_CONFIG/config.json; within a file,
 * credHelpers[host] beats credsStore beats auths. A helper that says "not found" means anonymous.
 */

export type Credentials =
  | { kind: 'basic'; username: string; password: string }
  /** An OAuth refresh token (`docker login` stores it as `identitytoken`); exchanged at the token endpoint. */
  | { kind: 'identity'; username?: string; identityToken: string }
  /** A ready bearer token sent to the registry as is. */
  | { kind: 'registry-token'; registryToken: string };

const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
const HELPER_TIMEOUT_MS = 10_000;

const AuthEntry = z.looseObject({
  auth: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  identitytoken: z.string().optional(),
  registrytoken: z.string().optional(),
});

const DockerConfigFile = z.looseObject({
  auths: z.record(z.string(), AuthEntry).optional(),
  credHelpers: z.record(z.string(), z.string()).optional(),
  credsStore: z.string().optional(),
});
type DockerConfigFile = z.infer<typeof DockerConfigFile>;

const HelperReply = z.looseObject({ Username: z.string().optional(), Secret: z.string() });

/** The key a registry has in config.json: Hub's legacy v1 URL, else host[:port]. */
export function configKey(registry: string): string {
  return isDockerHub(registry) ? DOCKER_HUB_KEY : registry;
}

/** `https://reg:5000/v1/` and `reg:5000` name the same registry: keys with a scheme match by host. */
function keyHost(key: string): string {
  const withoutScheme = key.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  return withoutScheme.split('/')[0]!.toLowerCase();
}

function findAuthEntry(config: DockerConfigFile, registry: string): z.infer<typeof AuthEntry> | undefined {
  const auths = config.auths ?? {};
  const exact = auths[configKey(registry)];
  if (exact) return exact;
  const wanted = isDockerHub(registry) ? 'index.docker.io' : registry.toLowerCase();
  const match = Object.entries(auths).find(([key]) => keyHost(key) === wanted || (isDockerHub(registry) && isDockerHub(keyHost(key))));
  return match?.[1];
}

/** The credentials a config.json `auths` entry holds, if any. */
export function credentialsFromEntry(entry: z.infer<typeof AuthEntry> | undefined): Credentials | null {
  if (!entry) return null;
  if (entry.registrytoken) return { kind: 'registry-token', registryToken: entry.registrytoken };
  let username = entry.username;
  let password = entry.password;
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      username = decoded.slice(0, colon);
      password = decoded.slice(colon + 1);
    }
  }
  if (entry.identitytoken) return { kind: 'identity', identityToken: entry.identitytoken, ...(username ? { username } : {}) };
  if (username && password !== undefined) return { kind: 'basic', username, password };
  return null;
}

/** Runs `docker-credential-<helper> get`; a missing helper or "credentials not found" means anonymous. */
export function credentialsFromHelper(helper: string, serverUrl: string): Promise<Credentials | null> {
  return new Promise((resolve, reject) => {
    const child = execFile(`docker-credential-${helper}`, ['get'], { timeout: HELPER_TIMEOUT_MS }, (err, stdout, stderr) => {
      if (err) {
        const output = `${stdout}${stderr}`;
        if ((err as NodeJS.ErrnoException).code === 'ENOENT' || /credentials not found/i.test(output)) return resolve(null);
        // The helper's output may echo secrets: say which helper failed, not what it printed.
        return reject(new Error(`docker-credential-${helper} failed for ${serverUrl} (exit ${String(err.code ?? err.signal)})`));
      }
      const reply = HelperReply.safeParse(safeJson(stdout));
      if (!reply.success) return reject(new Error(`docker-credential-${helper} gave an unreadable answer for ${serverUrl}`));
      const { Username: username, Secret: secret } = reply.data;
      if (username === '<token>') return resolve({ kind: 'identity', identityToken: secret });
      resolve({ kind: 'basic', username: username ?? '', password: secret });
    });
    child.stdin?.end(serverUrl);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readConfigFile(configDir: string): Promise<DockerConfigFile | null> {
  const file = path.join(configDir, 'config.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    // No file means anonymous access; a file that is there but unreadable must not silently mean the same.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const parsed = DockerConfigFile.safeParse(safeJson(text));
  if (!parsed.success) throw new Error(`${file} is not a docker config file`);
  return parsed.data;
}

function parseAuthConfigEnv(text: string): DockerConfigFile {
  const parsed = DockerConfigFile.safeParse(safeJson(text));
  if (!parsed.success) throw new Error('DOCKER_AUTH_CONFIG is not a docker config.json document');
  return parsed.data;
}

/** Where to look: DOCKER_AUTH_CONFIG wins over the config folder. */
export type CredentialSources = { configDir: string; authConfigEnv?: string };

/** Finds the credentials for a registry (as written in references), or null for anonymous access. */
export async function resolveCredentials(registry: string, sources: CredentialSources): Promise<Credentials | null> {
  const config = sources.authConfigEnv ? parseAuthConfigEnv(sources.authConfigEnv) : await readConfigFile(sources.configDir);
  if (!config) return null;
  const key = configKey(registry);
  const helper = config.credHelpers?.[key] ?? config.credHelpers?.[registry] ?? config.credsStore;
  if (helper) {
    const fromHelper = await credentialsFromHelper(helper, key);
    if (fromHelper) return fromHelper;
  }
  return credentialsFromEntry(findAuthEntry(config, registry));
}
