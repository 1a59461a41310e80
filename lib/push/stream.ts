import 'server-only';
import { toAppError } from '@/lib/api/error-mapping';
import { NDJSON_MEDIA_TYPE, type PushResponse, type PushStreamEvent } from '@/lib/api/push';
import type { StepListener } from './types';

/** True when the client asked for the push's steps as a stream. */
export function wantsStepStream(request: Request): boolean {
  return (request.headers.get('accept') ?? '').includes(NDJSON_MEDIA_TYPE);
}

/**
 * An `application/x-ndjson` response: one `{type:"step"}` line per step change as it happens, then one
 * `{type:"result"}` or `{type:"error"}` line. The status is 200 once streaming starts, so errors travel in-band.
 * A browser that stops reading (a closed tab) stops the lines, not the push: it runs to its end and is recorded.
 */
export function stepStreamResponse(run: (onStep: StepListener) => Promise<PushResponse>): Response {
  const encoder = new TextEncoder();
  let isCancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: PushStreamEvent) => {
        if (!isCancelled) controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      };
      try {
        const result = await run((step) => send({ type: 'step', step }));
        send({ type: 'result', result });
      } catch (err) {
        send({ type: 'error', error: toAppError(err).toBody().error });
      } finally {
        if (!isCancelled) controller.close();
      }
    },
    cancel() {
      isCancelled = true;
    },
  });
  return new Response(stream, {
    headers: { 'content-type': NDJSON_MEDIA_TYPE, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  });
}
