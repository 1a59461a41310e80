import { AppError } from '@/lib/api/errors';
import {
  NDJSON_MEDIA_TYPE,
  PushResponse,
  PushStreamEvent,
  type PushRequest,
  type PushStep,
} from '@/lib/api/push';
import { apiPost, apiPostJson, parseContract } from './api-fetch';

/*
 * The browser side of `POST /api/v1/push`: a dry run that returns the exact bytes and digest for review, and the
 * real push, streamed as NDJSON so every step is shown as it happens.
 */

const PUSH_URL = '/api/v1/push';

/** Plans a push without writing anything: the new digest, the exact JSON (`bytes`), the steps and what a conversion drops. */
export async function previewPush(request: PushRequest, signal?: AbortSignal): Promise<PushResponse> {
  return apiPostJson(PUSH_URL, { ...request, dryRun: true }, PushResponse, signal);
}

/** Calls `onLine` with each complete line of a byte stream, the last one included even without a newline. */
export async function readLines(stream: ReadableStream<Uint8Array>, onLine: (line: string) => void): Promise<void> {
  const reader = stream.getReader();
  // `stream: true` keeps a multi-byte character split across two chunks whole.
  const decoder = new TextDecoder();
  let pending = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    pending += decoder.decode(value, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(line);
  }
  pending += decoder.decode();
  if (pending.trim()) onLine(pending);
}

/** Pushes for real, reporting each step as the server streams it; resolves with the result or throws the AppError. */
export async function pushWithSteps(
  request: PushRequest,
  onStep: (step: PushStep) => void,
  signal?: AbortSignal,
): Promise<PushResponse> {
  const response = await apiPost(PUSH_URL, { ...request, dryRun: false }, signal, NDJSON_MEDIA_TYPE);
  // A server that answers with plain JSON (no stream support on the way) still gives a usable result.
  if (!response.headers.get('content-type')?.includes(NDJSON_MEDIA_TYPE) || !response.body) {
    const result = parseContract(PushResponse, await response.json());
    result.steps.forEach(onStep);
    return result;
  }
  let result: PushResponse | undefined;
  let failure: AppError | undefined;
  await readLines(response.body, (line) => {
    const event = PushStreamEvent.safeParse(JSON.parse(line));
    if (!event.success) return; // a line from a newer server this page does not know: the final result still counts
    if (event.data.type === 'step') onStep(event.data.step);
    else if (event.data.type === 'result') result = event.data.result;
    else failure = AppError.parse({ error: event.data.error });
  });
  if (failure) throw failure;
  if (!result) throw new AppError('INTERNAL', 'The push stream ended without a result: reload the page to see where the tag points now.');
  return result;
}
