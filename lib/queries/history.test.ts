import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch } from '@/test/support/stub-fetch';
import { fetchHistory, historyQueryOptions } from './history';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const ref = '127.0.0.1:5000/demo/app:1';

afterEach(() => vi.unstubAllGlobals());

describe('history client', () => {
  it('asks for the history of one tag and reads the entries', async () => {
    const entry = { id: 1, at: '2026-01-01T00:00:00Z', user: 'ann', target: ref, before: A, after: B, action: 'push', mediaType: 'x', state: 'completed' };
    const fetchMock = stubFetch(Response.json({ entries: [entry] }));
    await expect(fetchHistory(ref)).resolves.toEqual({ entries: [entry] });
    expect(fetchMock.mock.calls[0]![0]).toBe(`/api/v1/history?ref=${encodeURIComponent(ref)}`);
    expect(historyQueryOptions(ref).queryKey).toEqual(['history', ref]);
  });
});
