import type { z } from 'zod';
import { AppError } from '@/lib/api/errors';

/** `/api/v1/<endpoint>?<params>` as a relative URL, the only kind of URL the browser calls. */
export function apiPath(endpoint: string, params: Record<string, string>): string {
  return `/api/v1/${endpoint}?${new URLSearchParams(params).toString()}`;
}

/** Fetches an Archway `/api` URL; a non-2xx answer (or no answer) is thrown as an AppError. */
export async function apiFetch(url: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (err) {
    if (init?.signal?.aborted) throw err;
    throw new AppError('INTERNAL', 'The Archway server did not answer: check that it is running, then retry.');
  }
  if (response.ok) return response;
  const body: unknown = await response.json().catch(() => null);
  throw AppError.parse(body, response.status);
}

/** GETs JSON from the `/api` and checks it against the schema that defines the contract. */
export async function apiGetJson<T>(url: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  const response = await apiFetch(url, { signal, headers: { accept: 'application/json' } });
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    throw new AppError('INTERNAL', `The Archway server sent a response this page cannot read (${parsed.error.issues[0]?.message}).`);
  }
  return parsed.data;
}
