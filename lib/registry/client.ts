import 'server-only';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { InFlight, sharedContentCache, type ContentCache } from './cache';
import { catalog, catalogPage } from './catalog';
import { readRegistryConfig } from './config';
import type { ClientContext } from './context';
import type { Credentials } from './credentials';
import { openBlob, getBlob, hasBlob, mountBlob, uploadBlob, uploadBlobStream } from './blobs';
import { deleteManifest, getManifest, headManifest, putManifest } from './manifests';
import { listReferrers } from './referrers';
import { RegistrySession } from './session';
import { listTags } from './tags';
import { agentFetch, reportingFetch, sharedAgents, type FetchLike } from './transport';
import type { RegistryClient } from './types';

/*
 * The registry client: one per registry, process-wide (getRegistryClient), so connections, tokens and the
 * content cache are shared by every request the server handles. createRegistryClient makes a separate one,
 * for tests and for callers with their own credentials.
 */

export type RegistryClientOptions = {
  /** undefined: from DOCKER_AUTH_CONFIG / $DOCKER_CONFIG/config.json; null: anonymous. */
  credentials?: Credentials | null;
  /** Allow plain HTTP for this registry even if it is not loopback or listed in ARCHWAY_INSECURE_REGISTRIES. */
  insecure?: boolean;
  timeoutMs?: number;
  maxConcurrency?: number;
  maxTransfers?: number;
  slotWaitMs?: number;
  /** Replaces the keep-alive undici fetch (tests). */
  fetch?: FetchLike;
  /** Replaces the process-wide content cache (tests that must start cold). */
  cache?: ContentCache;
  /** Clock for token expiry (tests). */
  now?: () => number;
  /** Environment to read settings from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Whose access this is, when not the server's own (see ClientContext.accessKey). */
  accessKey?: string;
};

/** Creates a client for one registry as written in references (`docker.io`, `localhost:5000`, `[::1]:5000`). */
export function createRegistryClient(registry: string, options: RegistryClientOptions = {}): RegistryClient {
  const config = readRegistryConfig(options.env);
  const timeoutMs = options.timeoutMs ?? config.timeoutMs;
  const maxConcurrency = options.maxConcurrency ?? config.maxConcurrency;
  const session = new RegistrySession({
    registry,
    credentials: options.credentials,
    insecure: options.insecure,
    insecureRegistries: config.insecureRegistries,
    allowedRegistries: config.allowedRegistries,
    trustedTokenRealms: config.trustedTokenRealms,
    dockerConfigDir: config.dockerConfigDir,
    dockerAuthConfig: config.dockerAuthConfig,
    timeoutMs,
    maxConcurrency,
    maxTransfers: options.maxTransfers ?? config.maxTransfers,
    slotWaitMs: options.slotWaitMs ?? config.slotWaitMs,
    retryAfterMaxMs: config.retryAfterMaxMs,
    // The pool is shared, so it takes the server-wide settings; a client's own timeout is its per-request deadline.
    fetch: reportingFetch(options.fetch ?? agentFetch(sharedAgents({ timeoutMs: config.timeoutMs, maxOrigins: config.maxOrigins }))),
    now: options.now ?? Date.now,
  });
  const ctx: ClientContext = {
    registry,
    accessKey: options.accessKey ?? '',
    session,
    cache: options.cache ?? sharedContentCache(config.cacheBytes),
    inflight: new InFlight(),
    listLimits: config.list,
    transferLimits: config.transfer,
  };
  return {
    registry,
    getManifest: (repository, reference, opts) => getManifest(ctx, repository, reference, opts),
    headManifest: (repository, reference, opts) => headManifest(ctx, repository, reference, opts),
    getBlob: (repository, digest, opts) => getBlob(ctx, repository, digest, opts),
    hasBlob: (repository, digest) => hasBlob(ctx, repository, digest),
    mountBlob: (repository, digest, fromRepository) => mountBlob(ctx, repository, digest, fromRepository),
    openBlob: (repository, digest, opts) => openBlob(ctx, repository, digest, opts),
    uploadBlobStream: (repository, digest, blob) => uploadBlobStream(ctx, repository, digest, blob),
    uploadBlob: (repository, digest, bytes) => uploadBlob(ctx, repository, digest, bytes),
    putManifest: (repository, reference, bytes, mediaType) => putManifest(ctx, repository, reference, bytes, mediaType),
    deleteManifest: (repository, digest) => deleteManifest(ctx, repository, digest),
    listTags: (repository) => listTags(ctx, repository),
    listReferrers: (repository, digest, opts) => listReferrers(ctx, repository, digest, opts),
    catalog: () => catalog(ctx),
    catalogPage: (options) => catalogPage(ctx, options),
    account: async () => accountName(await session.credentials()),
    verifySignIn: () => session.verifySignIn(),
    stats: () => session.stats(),
  };
}

/** The registry user name a set of credentials acts as (never the secret). */
function accountName(credentials: Credentials | null): string | null {
  if (!credentials) return null;
  if (credentials.kind === 'basic') return credentials.username;
  if (credentials.kind === 'identity') return credentials.username ?? 'identity token';
  return 'registry token';
}

type ClientRegistry = { key: (registry: string) => string; clients: LRUCache<string, RegistryClient> };

const globalForClients = globalThis as typeof globalThis & {
  __archwayRegistryClients?: ClientRegistry;
  __archwayPersonalClients?: LRUCache<string, RegistryClient>;
};

/** Clients acting with someone's own credentials kept at once; the least recently used is dropped beyond. */
const MAX_PERSONAL_CLIENTS = 500;

/**
 * The process-wide clients, at most ARCHWAY_MAX_REGISTRIES of them, each dropped after ARCHWAY_REGISTRY_IDLE_MS
 * unused (from memory, whether or not its registry is named again): memory follows the configuration, not the number
 * of registry names people type. A dropped client takes its tokens and counters with it; the content cache and the
 * connection pool are shared and bounded on their own.
 */
function clientRegistry(): ClientRegistry {
  if (!globalForClients.__archwayRegistryClients) {
    const config = readRegistryConfig();
    globalForClients.__archwayRegistryClients = {
      key: (registry) => registry.toLowerCase(),
      clients: new LRUCache<string, RegistryClient>({ max: config.maxRegistries, ttl: config.registryIdleMs, updateAgeOnGet: true, ttlAutopurge: true }),
    };
  }
  return globalForClients.__archwayRegistryClients;
}

/** The process-wide client for a registry: reused connections, tokens and cache across requests. */
export function getRegistryClient(registry: string): RegistryClient {
  const { key, clients } = clientRegistry();
  const id = key(registry);
  let client = clients.get(id);
  if (!client) {
    client = createRegistryClient(registry);
    clients.set(id, client);
  }
  return client;
}

/** How many registry clients the process holds now (tests check that it stays bounded). */
export function registryClientCount(): number {
  return clientRegistry().clients.size;
}

/** A stable key for credentials that does not hold the secret itself. */
function accessKeyOf(credentials: Credentials | null): string {
  if (!credentials) return 'anonymous';
  const secret =
    credentials.kind === 'basic' ? credentials.password : credentials.kind === 'identity' ? credentials.identityToken : credentials.registryToken;
  const user = credentials.kind === 'registry-token' ? '' : (credentials.username ?? '');
  return `${credentials.kind}:${user}:${createHash('sha256').update(secret).digest('hex').slice(0, 32)}`;
}

/**
 * The process-wide client for a registry acting with given credentials (null: anonymously), never the server's
 * own: its tokens and the repositories it has seen content in are its own, so one person's access is never used
 * for another. Connections and the content cache are still shared; idle clients go as the shared ones do.
 */
export function getRegistryClientAs(registry: string, credentials: Credentials | null): RegistryClient {
  if (!globalForClients.__archwayPersonalClients) {
    const config = readRegistryConfig();
    globalForClients.__archwayPersonalClients = new LRUCache({ max: MAX_PERSONAL_CLIENTS, ttl: config.registryIdleMs, updateAgeOnGet: true, ttlAutopurge: true });
  }
  const clients = globalForClients.__archwayPersonalClients;
  const accessKey = accessKeyOf(credentials);
  const key = `${registry.toLowerCase()} ${accessKey}`;
  let client = clients.get(key);
  if (!client) {
    client = createRegistryClient(registry, { credentials, accessKey });
    clients.set(key, client);
  }
  return client;
}
