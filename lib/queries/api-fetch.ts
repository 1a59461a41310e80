import type { z } from 'zod';
import { AppError } from '@/lib/api/errors';

/** The query of a GET as the browser writes it: absent parameters are left out of the URL. */
type QueryParams = Record<string, string | undefined>;

/**
 * `/api/v1/<endpoint>?<query>` as a relative URL, the only kind of URL the browser calls. The query is checked
 * against the route's own schema from lib/api (`InspectQuery`, `TagsQuery`, ...) first, so the browser never sends
 * what its server would refuse, and says why in the server's words.
 */
export function apiPath(endpoint: string, schema: z.ZodType<unknown>, query: QueryParams): string {
  const checked = schema.safeParse(query);
  if (!checked.success) throw new AppError('BAD_REQUEST', checked.error.issues[0]?.message ?? 'The query is not valid.');
  const present = Object.entries(query).filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1] !== '');
  return `/api/v1/${endpoint}?${new URLSearchParams(present).toString()}`;
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

/** Checks a JSON answer against the schema of its contract; one that does not fit is an AppError. */
export function parseContract<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError('INTERNAL', `The Archway server sent a response this page cannot read (${parsed.error.issues[0]?.message}).`);
}

/** GETs JSON from the `/api` and checks it against the schema that defines the contract. */
export async function apiGetJson<T>(url: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  const response = await apiFetch(url, { signal, headers: { accept: 'application/json' } });
  return parseContract(schema, await response.json());
}

/** POSTs a JSON body to an Archway `/api` URL, asking for `accept` (JSON unless said otherwise). */
export function apiPost(url: string, body: unknown, signal?: AbortSignal, accept = 'application/json'): Promise<Response> {
  return apiFetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body), signal });
}

/** POSTs JSON to an Archway `/api` URL and checks the JSON answer against the schema of its contract. */
export async function apiPostJson<T>(url: string, body: unknown, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  const response = await apiPost(url, body, signal);
  return parseContract(schema, await response.json());
}
