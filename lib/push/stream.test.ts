import { describe, expect, it, vi } from 'vitest';
import type { PushResponse, PushStep } from '@/lib/api/push';
import { stepStreamResponse } from './stream';

const result: PushResponse = {
  digest: `sha256:${'1'.repeat(64)}`,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  size: 2,
  steps: [],
  target: 'reg:5000/app:1',
  before: null,
  dryRun: false,
  dropped: [],
};
const step = (n: number): PushStep => ({ step: `s${n}`, status: 'done', detail: '' });
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('stepStreamResponse', () => {
  it('streams each step, then the result', async () => {
    const response = stepStreamResponse(async (onStep) => {
      onStep(step(1));
      await tick();
      onStep(step(2));
      return result;
    });
    const lines = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as { type: string });
    expect(lines.map((l) => l.type)).toEqual(['step', 'step', 'result']);
  });

  it('lets a push run to its end when the browser stops reading (a closed tab must not abort it midway)', async () => {
    let settled: 'finished' | Error | undefined;
    const response = stepStreamResponse(async (onStep) => {
      try {
        for (let n = 1; n <= 4; n++) {
          onStep(step(n));
          await tick();
        }
        settled = 'finished';
        return result;
      } catch (err) {
        settled = err as Error;
        throw err;
      }
    });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    await vi.waitFor(() => expect(settled).toBeDefined(), { timeout: 10_000 });
    expect(settled).toBe('finished');
  });
});

