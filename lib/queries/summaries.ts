import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AppError } from '@/lib/api/errors';
import { SummariesResponse, type TagSummary } from '@/lib/api/summaries';
import { apiPostJson } from './api-fetch';
import { queryKeys } from './query-keys';

/*
 * Row summaries for a tags list. Each row asks for its own tag as it scrolls into view; the batcher gathers what
 * the rows ask for within a moment and sends POST /api/v1/summaries in batches the server accepts. A row that
 * scrolled away before its batch left is dropped from it (its query's signal is aborted), so flicking through
 * 10,000 tags does not summarise all of them.
 */

/** POST /api/v1/summaries for one batch. */
export async function fetchSummaries(references: readonly string[], signal?: AbortSignal): Promise<TagSummary[]> {
  return (await apiPostJson('/api/v1/summaries', { references }, SummariesResponse, signal)).summaries;
}

type Pending = { reference: string; signal: AbortSignal | undefined; resolve: (s: TagSummary) => void; reject: (e: unknown) => void };

export type BatcherOptions = {
  /** The server's ARCHWAY_SUMMARY_BATCH: no request carries more. */
  batchSize: number;
  /** How long asks are gathered before a batch leaves. */
  delayMs?: number;
  /** Batches in flight at once; the rest wait, and are filtered again when their turn comes. */
  maxInFlight?: number;
  fetch?: (references: readonly string[]) => Promise<TagSummary[]>;
};

const abortError = () => new DOMException('The row left the screen before its summary was asked for.', 'AbortError');

/** Gathers single summary asks into bounded batches. */
export class SummaryBatcher {
  private queue: Pending[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = 0;
  private readonly options: Required<BatcherOptions>;

  constructor(options: BatcherOptions) {
    this.options = { delayMs: 40, maxInFlight: 2, fetch: (references) => fetchSummaries(references), ...options };
  }

  /** The summary of one reference, sent with whatever else is asked for in the same moment. */
  load(reference: string, signal?: AbortSignal): Promise<TagSummary> {
    return new Promise((resolve, reject) => {
      this.queue.push({ reference, signal, resolve, reject });
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.pump();
      }, this.options.delayMs);
    });
  }

  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    while (this.queue.length > 0 && batch.length < this.options.batchSize) {
      const next = this.queue.shift()!;
      if (next.signal?.aborted) next.reject(abortError());
      else batch.push(next);
    }
    return batch;
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      this.inFlight++;
      void this.send(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async send(batch: Pending[]): Promise<void> {
    try {
      const summaries = await this.options.fetch(batch.map((p) => p.reference));
      const byReference = new Map(summaries.map((s) => [s.reference, s]));
      for (const pending of batch) {
        const summary = byReference.get(pending.reference);
        if (summary) pending.resolve(summary);
        else pending.reject(new AppError('INTERNAL', `The server sent no summary for ${pending.reference}.`));
      }
    } catch (err) {
      for (const pending of batch) pending.reject(err);
    }
  }
}

/** One batcher per list, for the lifetime of the component that shows it. */
export function useSummaryBatcher(batchSize: number): SummaryBatcher {
  const [batcher] = useState(() => new SummaryBatcher({ batchSize }));
  return batcher;
}

/** The summary of one tag, asked for when the row that shows it mounts (a virtualised row: when it comes into view). */
export function useTagSummary(reference: string, batcher: SummaryBatcher) {
  return useQuery({
    queryKey: queryKeys.summaries.one(reference),
    queryFn: ({ signal }) => batcher.load(reference, signal),
    staleTime: 60_000,
  });
}
