import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '@/lib/api/errors';
import { InspectQuery } from '@/lib/api/inspect';
import { ReferrersQuery } from '@/lib/api/referrers';
import { stubFetch } from '@/test/support/stub-fetch';
import { apiFetch, apiGetJson, apiPath, apiPostJson } from './api-fetch';

afterEach(() => vi.unstubAllGlobals());

function answer(body: string, status: number, contentType = 'application/json') {
  stubFetch(new Response(body, { status, headers: { 'content-type': contentType } }));
}

describe('apiFetch', () => {
  it('builds relative /api/v1 URLs from the route’s own query schema, with encoded parameters', () => {
    expect(apiPath('inspect', InspectQuery, { ref: 'localhost:5000/a:b' })).toBe('/api/v1/inspect?ref=localhost%3A5000%2Fa%3Ab');
    expect(apiPath('inspect', InspectQuery, { ref: 'a', detailsFrom: '500' })).toBe('/api/v1/inspect?ref=a&detailsFrom=500');
    expect(apiPath('referrers', ReferrersQuery, { ref: 'x@sha256:1', artifactType: undefined })).toBe('/api/v1/referrers?ref=x%40sha256%3A1');
  });

  it('refuses a query its route would refuse, with the route’s message', () => {
    expect(() => apiPath('inspect', InspectQuery, { ref: '  ' })).toThrow(/Missing \?ref=/);
    expect(() => apiPath('inspect', InspectQuery, { ref: 'a', detailsFrom: 'ten' })).toThrow(/whole number/);
  });

  it('turns the API error body into the AppError it describes', async () => {
    answer(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'manifest unknown' } }), 404);
    const error = await apiFetch('/api/v1/inspect?ref=x').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'manifest unknown' });
  });

  it('falls back to the HTTP status when a proxy answered instead of Archway', async () => {
    answer('<html>Gateway Timeout</html>', 504, 'text/html');
    await expect(apiFetch('/api/v1/inspect?ref=x')).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('says the server did not answer when the request itself fails', async () => {
    stubFetch(() => Promise.reject(new TypeError('fetch failed')));
    await expect(apiFetch('/api/v1/inspect?ref=x')).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('did not answer') });
  });
});

describe('apiGetJson', () => {
  it('checks the answer against the contract', async () => {
    answer(JSON.stringify({ name: 'x' }), 200);
    await expect(apiGetJson('/api/v1/x', z.object({ name: z.string() }))).resolves.toEqual({ name: 'x' });
    answer(JSON.stringify({ name: 3 }), 200);
    await expect(apiGetJson('/api/v1/x', z.object({ name: z.string() }))).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});

describe('apiPostJson', () => {
  it('posts the body as JSON and checks the answer against the contract', async () => {
    const fetchMock = stubFetch(Response.json({ name: 'x' }));
    await expect(apiPostJson('/api/v1/x', { a: 1 }, z.object({ name: z.string() }))).resolves.toEqual({ name: 'x' });
    const init = fetchMock.mock.calls[0]![1]!;
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(String(init.body))).toEqual({ a: 1 });
    stubFetch(Response.json({ name: 3 }));
    await expect(apiPostJson('/api/v1/x', {}, z.object({ name: z.string() }))).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
