import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RegistrySignInSummary, SessionResponse, type RegistrySignInRequest } from '@/lib/api/session';
import { apiFetch, apiGetJson, apiPostJson } from './api-fetch';
import { queryKeys } from './query-keys';

/*
 * The browser side of `/api/v1/session`: who this browser is, signing in to a registry (the password goes to
 * Archway once and never comes back), and signing out. What a registry shows depends on who asks, so every change
 * of access refetches everything read from registries.
 */

/** Fetches who this browser is and the registries it is signed in to. */
export function fetchSession(signal?: AbortSignal): Promise<SessionResponse> {
  return apiGetJson('/api/v1/session', SessionResponse, signal);
}

export function sessionQueryOptions() {
  return queryOptions({ queryKey: queryKeys.session.current, queryFn: ({ signal }) => fetchSession(signal) });
}

/** Who this browser is, and where it is signed in. */
export function useSession() {
  return useQuery(sessionQueryOptions());
}

/** Signs in to a registry; the registry checks the credentials first (401 with its reason when it refuses). */
export function requestRegistrySignIn(request: RegistrySignInRequest): Promise<RegistrySignInSummary> {
  return apiPostJson('/api/v1/session/registries', request, RegistrySignInSummary);
}

/** Signs out of one registry: the server's shared credentials (if any) apply again. */
export async function requestRegistrySignOut(registry: string): Promise<void> {
  await apiFetch(`/api/v1/session/registries/${encodeURIComponent(registry)}`, { method: 'DELETE' });
}

/** Signs out of Archway and every registry. */
export async function requestSignOut(): Promise<void> {
  await apiFetch('/api/v1/session', { method: 'DELETE' });
}

/** Signs in to a registry, then refetches everything (the caller's onSuccess runs after that). */
export function useRegistrySignIn() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: requestRegistrySignIn, onSuccess: () => queryClient.invalidateQueries() });
}

/** Signs out of the registry passed to `mutate`, then refetches everything. */
export function useRegistrySignOut() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: requestRegistrySignOut, onSuccess: () => queryClient.invalidateQueries() });
}

/** Signs out of everything. */
export function useSignOut() {
  return useMutation({ mutationFn: requestSignOut });
}
