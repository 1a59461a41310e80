import 'server-only';
import { homedir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/*
 * Server-wide settings of the registry client, all from the environment so the built server starts with none:
 *   ARCHWAY_INSECURE_REGISTRIES  comma-separated host[:port] or CIDR allowed over plain HTTP (loopback always is)
 *   ARCHWAY_REGISTRY_TIMEOUT_MS  per request, default 15000
 *   ARCHWAY_MAX_CONCURRENCY      requests in flight per registry, default 16
 *   ARCHWAY_CACHE_BYTES          content-addressed cache bound, default 256 MiB
 *   DOCKER_CONFIG                folder of config.json, default ~/.docker
 *   DOCKER_AUTH_CONFIG           a config.json document that replaces the file
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
  ARCHWAY_MAX_CONCURRENCY: positiveInt(16),
  ARCHWAY_CACHE_BYTES: positiveInt(256 * 1024 * 1024),
  DOCKER_CONFIG: z.string().trim().optional(),
  DOCKER_AUTH_CONFIG: z.string().optional(),
});

export type RegistryConfig = {
  insecureRegistries: string[];
  timeoutMs: number;
  maxConcurrency: number;
  cacheBytes: number;
  dockerConfigDir: string;
  /** A whole config.json in an env var; overrides the file (CI systems set it). */
  dockerAuthConfig: string | undefined;
};

/** Reads the registry settings from the environment; a malformed number names the variable. */
export function readRegistryConfig(env: Record<string, string | undefined> = process.env): RegistryConfig {
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
    cacheBytes: e.ARCHWAY_CACHE_BYTES,
    dockerConfigDir: e.DOCKER_CONFIG || path.join(homedir(), '.docker'),
    dockerAuthConfig: e.DOCKER_AUTH_CONFIG?.trim() || undefined,
  };
}
