import { z } from 'zod';

/*
 * The contracts of `/api/v1/session` and `/api/v1/session/registries` (issue 7 §2), shared by the route handlers
 * and the browser. A password goes in, never out: answers name the registry and the user only.
 */

/** `POST /api/v1/session/registries`: sign this browser's session in to one registry. */
export const RegistrySignInRequest = z.object({
  registry: z.string().trim().min(1, 'registry: name the registry, e.g. registry.example.com or localhost:5000'),
  username: z.string().trim().min(1, 'username: the registry user name'),
  password: z.string().min(1, 'password: the password or access token'),
});
export type RegistrySignInRequest = z.infer<typeof RegistrySignInRequest>;

export const RegistrySignInSummary = z.object({ registry: z.string(), username: z.string() });
export type RegistrySignInSummary = z.infer<typeof RegistrySignInSummary>;

/** `GET /api/v1/session/registries`. */
export const RegistriesResponse = z.object({ registries: z.array(RegistrySignInSummary) });
export type RegistriesResponse = z.infer<typeof RegistriesResponse>;

/** How Archway knows who someone is. */
export const IdentitySource = z.enum(['oidc', 'proxy', 'registry']);
export type IdentitySource = z.infer<typeof IdentitySource>;

export const SessionUser = z.object({
  /** What the history records. */
  name: z.string(),
  email: z.string().nullable(),
  groups: z.array(z.string()),
  via: IdentitySource,
});
export type SessionUser = z.infer<typeof SessionUser>;

/** `GET /api/v1/session`: who this browser is, and where it is signed in. */
export const SessionResponse = z.object({
  /** null: nobody verified; pushes are recorded as `anonymous`. */
  user: SessionUser.nullable(),
  registries: z.array(RegistrySignInSummary),
  /** True when Archway itself asks people to sign in (OpenID Connect). */
  oidc: z.boolean(),
});
export type SessionResponse = z.infer<typeof SessionResponse>;
