import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TagSummary } from '@/lib/api/summaries';
import { SummaryBatcher } from './summaries';

const summary = (reference: string): TagSummary => ({ reference, digest: `sha256:${'0'.repeat(64)}`, kind: 'index', platforms: 2, problems: 0 });

describe('SummaryBatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends what is asked for in one moment as batches no larger than the server accepts', async () => {
    const fetch = vi.fn(async (references: readonly string[]) => references.map(summary));
    const batcher = new SummaryBatcher({ batchSize: 2, maxInFlight: 4, fetch });
    const results = Promise.all(['a', 'b', 'c'].map((r) => batcher.load(r)));
    await vi.runAllTimersAsync();
    expect((await results).map((s) => s.reference)).toEqual(['a', 'b', 'c']);
    expect(fetch.mock.calls.map(([refs]) => refs)).toEqual([['a', 'b'], ['c']]);
  });

  it('drops rows that left the screen before their batch was sent', async () => {
    const fetch = vi.fn(async (references: readonly string[]) => references.map(summary));
    const batcher = new SummaryBatcher({ batchSize: 10, fetch });
    const gone = new AbortController();
    const dropped = batcher.load('gone', gone.signal);
    const kept = batcher.load('kept');
    const isDropped = expect(dropped).rejects.toThrow(/left the screen/);
    gone.abort();
    await vi.runAllTimersAsync();
    await isDropped;
    expect((await kept).reference).toBe('kept');
    expect(fetch.mock.calls).toEqual([[['kept']]]);
  });

  it('keeps at most maxInFlight batches going, and fails a batch as a whole when its request fails', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fetch = vi.fn(async (references: readonly string[]) => {
      await gate;
      if (references.includes('bad')) throw new Error('registry down');
      return references.map(summary);
    });
    const batcher = new SummaryBatcher({ batchSize: 1, maxInFlight: 1, fetch });
    const first = expect(batcher.load('bad')).rejects.toThrow('registry down');
    const second = batcher.load('good');
    await vi.runAllTimersAsync();
    expect(fetch).toHaveBeenCalledTimes(1);
    release();
    await first;
    expect((await second).reference).toBe('good');
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
