import 'server-only';
import pLimit from 'p-limit';
import { AppError } from '@/lib/api/errors';
import { toAppError } from '@/lib/api/error-mapping';
import type { InspectEntry, InspectResponse } from '@/lib/api/inspect';
import type { TagSummary } from '@/lib/api/summaries';
import { inspectImage } from '@/lib/inspect/inspect-image';
import type { ClientFor } from '@/lib/registry/types';
import { readBrowseSettings } from './settings';

/** References summarised at once; each is a full inspect, whose children share the registry client's bound. */
const SUMMARY_CONCURRENCY = 8;

function countProblems(entries: readonly InspectEntry[]): number {
  return entries.reduce((sum, entry) => sum + entry.problems.length + countProblems(entry.children ?? []), 0);
}

/** What a tags list row shows of one inspect answer. */
export function summarize(result: InspectResponse, reference: string): TagSummary {
  return {
    reference,
    digest: result.digest,
    kind: result.kind,
    platforms: result.entries.filter((entry) => entry.role !== 'attestation').length,
    problems: result.problems.length + countProblems(result.entries),
  };
}

/**
 * Summaries of a batch of references (at most ARCHWAY_SUMMARY_BATCH), in the order asked. One that cannot be read
 * carries its error and nulls, so a deleted tag does not blank the rows around it.
 */
export async function summarizeReferences(references: readonly string[], clientFor?: ClientFor): Promise<TagSummary[]> {
  const { summaryBatch } = readBrowseSettings();
  if (references.length > summaryBatch) {
    throw new AppError('BAD_REQUEST', `At most ${summaryBatch} references per request (got ${references.length}): split the batch.`);
  }
  const limit = pLimit(SUMMARY_CONCURRENCY);
  return Promise.all(
    references.map((reference) =>
      limit(async (): Promise<TagSummary> => {
        try {
          return summarize(await inspectImage(reference, { clientFor }), reference);
        } catch (err) {
          const error = toAppError(err);
          return { reference, digest: null, kind: null, platforms: null, problems: null, error: { code: error.code, message: error.message } };
        }
      }),
    ),
  );
}
