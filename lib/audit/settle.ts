import 'server-only';
import type { HistoryEntry } from '@/lib/api/push';
import { logger } from '@/lib/observability/logger';
import { auditStore } from './log';
import type { PendingRecord, SettledState } from './store';
import { ifTagFree } from './tag-lock';
import { targetKeyOf } from './target-key';

/*
 * Settling write-ahead records. A push is recorded as pending before its list is written; the push settles it
 * itself when it learns the outcome. One that never learnt it (the process was killed, the registry's answer was
 * lost) is settled here by reading the tag: it completed if the tag holds the pushed digest (or a later push
 * started from it), and failed otherwise. A push still running anywhere holds its tag's lock, so its record is
 * left alone: its lock is the key the record is filed under (target-key.ts), the key pushes lock.
 */

export type SettleOptions = {
  /** Only this target's pending records (a history read); all of them when absent (start-up). */
  target?: string;
  /** The digest the tag points at now (null: no such tag); throws when the registry cannot say. */
  readTag: (target: string) => Promise<string | null>;
};

/** Settles the pending records nobody is working on; returns how many it settled. */
export async function settlePending(options: SettleOptions): Promise<number> {
  const store = auditStore();
  const pending = await store.pending(options.target);
  let settled = 0;
  for (const record of pending) {
    try {
      const isSettled = await ifTagFree(targetKeyOf(record.target), async () => {
        const state = await outcome(record, options);
        const changed = await store.settleIfPending(record.id, state);
        if (changed) logger.info({ id: record.id, target: record.target, state }, 'settled a pending push by reading the tag');
        return changed;
      });
      if (isSettled) settled++;
    } catch (err) {
      // Still pending: the next history read or start-up tries again.
      logger.warn({ id: record.id, target: record.target, err: (err as Error)?.message }, 'could not settle a pending push yet');
    }
  }
  return settled;
}

/**
 * A push whose list PUT got no answer (a timeout, a reset) is settled at once by reading the tag; a registry that
 * stores the PUT after that read moves the tag under a record that says failed. A history read takes it back: when
 * the tag's newest record failed and the tag holds the digest it pushed, that push landed. Only the newest: an older
 * one's digest on the tag would be a later push's doing. `newest` is the first entry of the history the caller read.
 * Returns whether it revised it.
 */
export async function reviseLateLanding(newest: HistoryEntry | undefined, readTag: SettleOptions['readTag']): Promise<boolean> {
  const store = auditStore();
  if (newest?.state !== 'failed') return false;
  const revised = await ifTagFree(targetKeyOf(newest.target), async () => {
    if ((await readTag(newest.target)) !== newest.after) return false;
    await store.settle(newest.id, 'completed');
    logger.info({ id: newest.id, target: newest.target }, 'a push recorded as failed landed after all: the tag holds its digest');
    return true;
  });
  return revised === true;
}

async function outcome(record: PendingRecord, options: SettleOptions): Promise<SettledState> {
  if ((await options.readTag(record.target)) === record.after) return 'completed';
  // The tag moved on since: a later push that started from this digest proves this one landed.
  const later = await auditStore().history(record.target);
  const isBaseOfLater = later.some((entry) => entry.id > record.id && entry.state === 'completed' && entry.before === record.after);
  return isBaseOfLater ? 'completed' : 'failed';
}
