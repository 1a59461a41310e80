import { vi } from 'vitest';

type Answer = Response | ((url: string, init?: RequestInit) => Response | Promise<Response>);

/**
 * Replaces the global fetch (what the browser-side API client calls) with a mock that gives `answer`, and returns
 * the mock so a test can read the URL and init it was called with. Undo with `vi.unstubAllGlobals()`.
 */
export function stubFetch(answer: Answer) {
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => (typeof answer === 'function' ? answer(url, init) : answer));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}
