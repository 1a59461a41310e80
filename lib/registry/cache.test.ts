import { describe, expect, it } from 'vitest';
import { ContentCache, InFlight } from './cache';

const bytes = (n: number) => new Uint8Array(n);

describe('ContentCache', () => {
  it('serves content only where it was seen, and forgets a location after a delete', () => {
    const cache = new ContentCache(1024);
    cache.set('reg/a', 'sha256:1', { bytes: bytes(10), mediaType: 'm' });
    expect(cache.get('reg/a', 'sha256:1')).toEqual({ bytes: bytes(10), mediaType: 'm' });
    expect(cache.get('reg/b', 'sha256:1')).toBeUndefined();
    cache.set('reg/b', 'sha256:1', { bytes: bytes(10) });
    expect(cache.get('reg/b', 'sha256:1')?.mediaType).toBe('m');
    expect(cache.bytes).toBe(10);
    cache.forget('reg/a', 'sha256:1');
    expect(cache.get('reg/a', 'sha256:1')).toBeUndefined();
    expect(cache.get('reg/b', 'sha256:1')).toBeDefined();
  });

  it('stays within its byte bound, evicting the least recently used', () => {
    const cache = new ContentCache(800);
    cache.set('l', 'sha256:a', { bytes: bytes(100) });
    cache.set('l', 'sha256:b', { bytes: bytes(100) });
    for (let i = 0; i < 6; i++) cache.set('l', `sha256:fill${i}`, { bytes: bytes(100) });
    cache.get('l', 'sha256:a');
    cache.set('l', 'sha256:c', { bytes: bytes(100) });
    expect(cache.bytes).toBeLessThanOrEqual(800);
    expect(cache.get('l', 'sha256:a')).toBeDefined();
    expect(cache.get('l', 'sha256:b')).toBeUndefined();
  });

  it('does not keep anything larger than an eighth of the bound', () => {
    const cache = new ContentCache(800);
    cache.set('l', 'sha256:big', { bytes: bytes(101) });
    expect(cache.get('l', 'sha256:big')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });
});

describe('InFlight', () => {
  it('shares one call between parallel callers and runs again once it settled', async () => {
    const inflight = new InFlight();
    let calls = 0;
    const work = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return calls;
    };
    expect(await Promise.all([inflight.run('k', work), inflight.run('k', work), inflight.run('other', work)])).toEqual([2, 2, 2]);
    expect(await inflight.run('k', work)).toBe(3);
  });

  it('lets one caller give up without failing the others', async () => {
    const inflight = new InFlight();
    const work = () => new Promise<string>((resolve) => setTimeout(() => resolve('done'), 30));
    const controller = new AbortController();
    const leaving = inflight.run('k', work, controller.signal);
    const staying = inflight.run('k', work);
    controller.abort(new Error('gone'));
    await expect(leaving).rejects.toThrow('gone');
    await expect(staying).resolves.toBe('done');
  });
});
