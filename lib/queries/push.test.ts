import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/api/errors';
import type { PushRequest, PushResponse, PushStep } from '@/lib/api/push';
import { stepStreamResponse } from '@/lib/push/stream';
import { stubFetch } from '@/test/support/stub-fetch';
import { asConflict } from './conflict';
import { previewPush, pushWithSteps, readLines } from './push';

const request: PushRequest = { target: 'localhost:5000/demo/app:1', base: null, manifests: [{ source: 'localhost:5000/demo/a:1' }] };
const DIGEST = `sha256:${'a'.repeat(64)}`;
const result: PushResponse = {
  digest: DIGEST,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  size: 120,
  steps: [],
  target: 'localhost:5000/demo/app:1',
  before: null,
  dryRun: false,
  dropped: [],
};

/** A byte stream that delivers `text` in chunks of `size` bytes, so lines arrive split across reads. */
function chunkedStream(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('readLines', () => {
  it('gives whole lines whatever the chunking, the last one without a newline included', async () => {
    const text = '{"a":1}\n\n{"b":"é"}\n{"c":3}';
    for (const size of [1, 2, 5, 64]) {
      const lines: string[] = [];
      await readLines(chunkedStream(text, size), (line) => lines.push(line));
      expect(lines).toEqual(['{"a":1}', '{"b":"é"}', '{"c":3}']);
    }
  });
});

describe('pushWithSteps', () => {
  // The server's own writer produces the stream, so its format and this reader's cannot drift apart.
  it('reports each step the server streams, in order, and resolves with the final result', async () => {
    const steps: PushStep[] = [
      { step: 'blob:1', status: 'running', detail: 'mounting config', kind: 'blob' },
      { step: 'blob:1', status: 'done', detail: 'mounted config', kind: 'blob', action: 'mount' },
      { step: 'index', status: 'done', detail: 'pushed the index', kind: 'index' },
    ];
    const fetchMock = stubFetch(() =>
      stepStreamResponse(async (onStep) => {
        steps.forEach(onStep);
        return result;
      }),
    );
    const seen: PushStep[] = [];
    await expect(pushWithSteps(request, (step) => seen.push(step))).resolves.toEqual(result);
    expect(seen).toEqual(steps);
    const init = fetchMock.mock.calls[0]![1]!;
    expect(JSON.parse(String(init.body))).toMatchObject({ dryRun: false, target: request.target });
    expect(new Headers(init.headers).get('accept')).toBe('application/x-ndjson');
  });

  it('throws the error the server stream ends with, naming the failed step', async () => {
    const failed: PushStep = { step: 'manifest:x', status: 'failed', detail: 'child manifest refused', kind: 'manifest' };
    stubFetch(() =>
      stepStreamResponse(async (onStep) => {
        onStep(failed);
        throw new AppError('REGISTRY_ERROR', 'step manifest:x failed: MANIFEST_BLOB_UNKNOWN');
      }),
    );
    const seen: PushStep[] = [];
    const error = await pushWithSteps(request, (step) => seen.push(step)).catch((err: unknown) => err);
    expect(seen).toEqual([failed]);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('REGISTRY_ERROR');
    expect((error as AppError).message).toContain('manifest:x');
  });

  it('fails clearly when the stream ends without a result', async () => {
    stubFetch(new Response('', { headers: { 'content-type': 'application/x-ndjson' } }));
    await expect(pushWithSteps(request, () => {})).rejects.toThrow(/without a result/);
  });

  it('turns a 409 into a conflict carrying where the tag is now', async () => {
    const current = `sha256:${'b'.repeat(64)}`;
    stubFetch(Response.json({ error: { code: 'CONFLICT', message: 'the tag moved', details: { current } } }, { status: 409 }));
    const error = await pushWithSteps(request, () => {}).catch((err: unknown) => err);
    expect(asConflict(error)).toEqual({ current });
    expect(asConflict(new AppError('UNPROCESSABLE', 'x'))).toBeNull();
  });
});

describe('previewPush', () => {
  it('asks for a dry run and returns the planned bytes', async () => {
    const fetchMock = stubFetch(Response.json({ ...result, dryRun: true, bytes: '{"schemaVersion":2}' }));
    await expect(previewPush(request)).resolves.toMatchObject({ bytes: '{"schemaVersion":2}', dryRun: true });
    expect(JSON.parse(String(fetchMock.mock.calls[0]![1]!.body))).toMatchObject({ dryRun: true });
  });

  it('refuses a response that breaks the contract', async () => {
    stubFetch(Response.json({ digest: 42 }));
    await expect(previewPush(request)).rejects.toThrow(/cannot read/);
  });
});
