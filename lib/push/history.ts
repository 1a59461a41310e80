import 'server-only';
import type { HistoryEntry } from '@/lib/api/push';
import { auditStore } from '@/lib/audit/log';
import { reviseLateLanding, settlePending } from '@/lib/audit/settle';
import { logger } from '@/lib/observability/logger';
import { getRegistryClient } from '@/lib/registry/client';
import { parseTarget, tagDigest } from './target-tag';

/** The pushes recorded for a tag, newest first; pending ones nobody is working on are settled first. */
export async function readHistory(reference: string): Promise<HistoryEntry[]> {
  const target = parseTarget(reference).reference;
  await settleRecordedPushes(target);
  const entries = await auditStore().history(target);
  const isRevised = await reviseLateLanding(entries[0], readTag).catch((err: unknown) => {
    // The registry cannot say now: the record stays as it is, and the next history read asks again.
    logger.warn({ target, err: (err as Error)?.message }, 'could not check whether a failed push landed late');
    return false;
  });
  // Read again only when a record changed.
  return isRevised ? auditStore().history(target) : entries;
}

function readTag(reference: string): Promise<string | null> {
  const parsed = parseTarget(reference);
  return tagDigest(getRegistryClient(parsed.registry), parsed);
}

/** Settles pending records by reading their tags: one target's, or all of them (at start-up). */
export function settleRecordedPushes(target?: string): Promise<number> {
  return settlePending({ target, readTag });
}
