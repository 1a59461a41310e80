import 'server-only';
import { homedir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { parseHostPatterns, type HostPattern } from './host-patterns';
import { memoizeOnEnv } from '@/lib/config/env-memo';

/*
 * Server-wide settings of the registry client, all from the environment so the built server starts with none:
 *   ARCHWAY_INSECURE_REGISTRIES  comma-separated host[:port] or CIDR allowed over plain HTTP (loopback always is)
 *   ARCHWAY_REGISTRY_TIMEOUT_MS  per request, default 15000
 *   ARCHWAY_MAX_CONCURRENCY      requests in flight per registry (manifests, configs, tags: the read pool), and the entries one inspect reads at once, default 64
 *   ARCHWAY_MAX_TRANSFERS        blob transfers (streamed layer downloads and uploads) in flight per registry, default 8
 *   ARCHWAY_SLOT_WAIT_MS         longest wait for a free slot in either pool before a 503 with Retry-After, default 10000
 *   ARCHWAY_TRANSFER_TIMEOUT_MS  total deadline of one blob transfer, default 30 minutes
 *   ARCHWAY_TRANSFER_MIN_BYTES_PER_SEC / ARCHWAY_TRANSFER_RATE_WINDOW_MS  a transfer whose registry moves less than this
 *                                rate while the transfer waits on it for a whole window is aborted, default 10240 B/s over 30000 ms
 *   ARCHWAY_RETRY_AFTER_MAX_MS   a 429/503 whose Retry-After is at most this is waited out once; longer fails at once, default 2000
 *   ARCHWAY_MAX_LIST_NAMES       most names (tags, repositories, referrers) read across all pages of one list, default 100000
 *   ARCHWAY_MAX_LIST_BYTES       most bytes read across all pages of one list, default 16 MiB
 *   ARCHWAY_MAX_REGISTRIES       registry clients (connections' state, tokens) kept per process, default 256
 *   ARCHWAY_REGISTRY_IDLE_MS     a registry client unused this long is dropped, default 600000
 *   ARCHWAY_MAX_ORIGINS          origins (registries, token servers, storage) each connection pool keeps connections to, default 512
 *   ARCHWAY_CACHE_BYTES          content-addressed cache bound, default 256 MiB
 *   DOCKER_CONFIG                folder of config.json, default ~/.docker
 *   DOCKER_AUTH_CONFIG           a config.json document that replaces the file
 *   ARCHWAY_ALLOWED_REGISTRIES   comma-separated host patterns: when set, the only registries references may name
 *   ARCHWAY_TRUSTED_TOKEN_REALMS comma-separated host patterns of token servers trusted with any registry's credentials
 */

/** A positive whole number from an environment variable, `fallback` when unset. */
export const positiveInt = (fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? Number(value) : fallback))
    .pipe(z.number().int().positive());

const Env = z.object({
  ARCHWAY_INSECURE_REGISTRIES: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((entry) => entry.trim()).filter(Boolean)),
  ARCHWAY_REGISTRY_TIMEOUT_MS: positiveInt(15_000),
  ARCHWAY_MAX_CONCURRENCY: positiveInt(64),
  ARCHWAY_MAX_TRANSFERS: positiveInt(8),
  ARCHWAY_SLOT_WAIT_MS: positiveInt(10_000),
  ARCHWAY_TRANSFER_TIMEOUT_MS: positiveInt(30 * 60_000),
  ARCHWAY_TRANSFER_MIN_BYTES_PER_SEC: positiveInt(10 * 1024),
  ARCHWAY_TRANSFER_RATE_WINDOW_MS: positiveInt(30_000),
  ARCHWAY_RETRY_AFTER_MAX_MS: positiveInt(2_000),
  ARCHWAY_MAX_LIST_NAMES: positiveInt(100_000),
  ARCHWAY_MAX_LIST_BYTES: positiveInt(16 * 1024 * 1024),
  ARCHWAY_MAX_REGISTRIES: positiveInt(256),
  ARCHWAY_REGISTRY_IDLE_MS: positiveInt(600_000),
  ARCHWAY_MAX_ORIGINS: positiveInt(512),
  ARCHWAY_CACHE_BYTES: positiveInt(256 * 1024 * 1024),
  DOCKER_CONFIG: z.string().trim().optional(),
  DOCKER_AUTH_CONFIG: z.string().optional(),
  ARCHWAY_ALLOWED_REGISTRIES: z.string().optional(),
  ARCHWAY_TRUSTED_TOKEN_REALMS: z.string().optional(),
});

/** How long a blob transfer may take in all, and the rate under which it counts as stuck. */
export type TransferLimits = { timeoutMs: number; minBytesPerSecond: number; rateWindowMs: number };

/** Bounds on one paged list (tags, catalog, referrers) across all its pages. */
export type ListLimits = { maxNames: number; maxBytes: number };

export type RegistryConfig = {
  insecureRegistries: string[];
  timeoutMs: number;
  maxConcurrency: number;
  maxTransfers: number;
  slotWaitMs: number;
  transfer: TransferLimits;
  retryAfterMaxMs: number;
  list: ListLimits;
  maxRegistries: number;
  registryIdleMs: number;
  /** Origins each connection pool (reads, writes and transfers) keeps connections to; the least recently used goes. */
  maxOrigins: number;
  cacheBytes: number;
  dockerConfigDir: string;
  /** A whole config.json in an env var; overrides the file (CI systems set it). */
  dockerAuthConfig: string | undefined;
  /** null: every registry may be named (ARCHWAY_ALLOWED_REGISTRIES unset). */
  allowedRegistries: HostPattern[] | null;
  trustedTokenRealms: HostPattern[];
};

/** Reads the registry settings from the environment; a malformed number names the variable. */
function parseRegistryConfig(env: Record<string, string | undefined>): RegistryConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid ${issue?.path.join('.') ?? 'environment'}: expected a positive whole number.`);
  }
  const e = parsed.data;
  return {
    insecureRegistries: e.ARCHWAY_INSECURE_REGISTRIES,
    timeoutMs: e.ARCHWAY_REGISTRY_TIMEOUT_MS,
    maxConcurrency: e.ARCHWAY_MAX_CONCURRENCY,
    maxTransfers: e.ARCHWAY_MAX_TRANSFERS,
    slotWaitMs: e.ARCHWAY_SLOT_WAIT_MS,
    transfer: {
      timeoutMs: e.ARCHWAY_TRANSFER_TIMEOUT_MS,
      minBytesPerSecond: e.ARCHWAY_TRANSFER_MIN_BYTES_PER_SEC,
      rateWindowMs: e.ARCHWAY_TRANSFER_RATE_WINDOW_MS,
    },
    retryAfterMaxMs: e.ARCHWAY_RETRY_AFTER_MAX_MS,
    list: { maxNames: e.ARCHWAY_MAX_LIST_NAMES, maxBytes: e.ARCHWAY_MAX_LIST_BYTES },
    maxRegistries: e.ARCHWAY_MAX_REGISTRIES,
    registryIdleMs: e.ARCHWAY_REGISTRY_IDLE_MS,
    maxOrigins: e.ARCHWAY_MAX_ORIGINS,
    cacheBytes: e.ARCHWAY_CACHE_BYTES,
    dockerConfigDir: e.DOCKER_CONFIG || path.join(homedir(), '.docker'),
    dockerAuthConfig: e.DOCKER_AUTH_CONFIG?.trim() || undefined,
    allowedRegistries: e.ARCHWAY_ALLOWED_REGISTRIES?.trim() ? parseHostPatterns(e.ARCHWAY_ALLOWED_REGISTRIES, 'ARCHWAY_ALLOWED_REGISTRIES') : null,
    trustedTokenRealms: parseHostPatterns(e.ARCHWAY_TRUSTED_TOKEN_REALMS, 'ARCHWAY_TRUSTED_TOKEN_REALMS'),
  };
}

/** readRegistryConfig parsed once per value of the variables it reads (lib/config/env-memo.ts): it runs on every request. */
export const readRegistryConfig = memoizeOnEnv(parseRegistryConfig);
