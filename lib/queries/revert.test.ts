import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/api/errors';
import { stubFetch } from '@/test/support/stub-fetch';
import { asConflict } from './conflict';
import { requestRevert } from './revert';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const ref = '127.0.0.1:5000/demo/app:1';

afterEach(() => vi.unstubAllGlobals());

describe('requestRevert', () => {
  it('reverts with the digest and the base the page saw; a moved tag is a conflict naming where it is', async () => {
    const fetchMock = stubFetch(Response.json({ error: { code: 'CONFLICT', message: 'moved', details: { current: B } } }, { status: 409 }));
    const error = await requestRevert({ ref, digest: A, base: A }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AppError);
    expect(asConflict(error)).toEqual({ current: B });
    const init = fetchMock.mock.calls[0]![1]!;
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ ref, digest: A, base: A });
  });
});
