import 'server-only';
import type { HistoryAction, HistoryEntry } from '@/lib/api/push';
import { auditDb } from './db';

/** A manifest exactly as pushed or replaced: the bytes are what the digest was computed over. */
export type RecordedManifest = { digest: string; mediaType: string; bytes: Uint8Array };

export type PushRecord = {
  user: string;
  action: HistoryAction;
  /** Canonical tag reference, e.g. `localhost:5000/demo/app:1.0`. */
  target: string;
  /** What the tag pointed to before; null when the tag was new. */
  before: RecordedManifest | null;
  after: RecordedManifest;
  at?: Date;
};

type PushRow = {
  id: number;
  at: string;
  user: string;
  action: HistoryAction;
  target: string;
  before_digest: string | null;
  after_digest: string;
  after_media_type: string;
};

/** Appends one push (or revert) to the audit log and returns its id. */
export function recordPush(record: PushRecord): number {
  const result = auditDb()
    .prepare(
      `INSERT INTO pushes (at, user, action, target, before_digest, before_media_type, before_bytes,
                           after_digest, after_media_type, after_bytes)
       VALUES (@at, @user, @action, @target, @beforeDigest, @beforeMediaType, @beforeBytes,
               @afterDigest, @afterMediaType, @afterBytes)`,
    )
    .run({
      at: (record.at ?? new Date()).toISOString(),
      user: record.user,
      action: record.action,
      target: record.target,
      beforeDigest: record.before?.digest ?? null,
      beforeMediaType: record.before?.mediaType ?? null,
      beforeBytes: record.before ? Buffer.from(record.before.bytes) : null,
      afterDigest: record.after.digest,
      afterMediaType: record.after.mediaType,
      afterBytes: Buffer.from(record.after.bytes),
    });
  return Number(result.lastInsertRowid);
}

/** Every push recorded for a tag, newest first. */
export function listHistory(target: string): HistoryEntry[] {
  const rows = auditDb()
    .prepare(
      `SELECT id, at, user, action, target, before_digest, after_digest, after_media_type
       FROM pushes WHERE target = ? ORDER BY id DESC`,
    )
    .all(target) as PushRow[];
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    user: row.user,
    action: row.action,
    target: row.target,
    before: row.before_digest,
    after: row.after_digest,
    mediaType: row.after_media_type,
  }));
}

/** The exact bytes of a digest the tag pointed to at some time (before or after a recorded push), or null. */
export function findRecordedManifest(target: string, digest: string): RecordedManifest | null {
  const row = auditDb()
    .prepare(
      `SELECT after_media_type AS mediaType, after_bytes AS bytes FROM pushes WHERE target = @target AND after_digest = @digest
       UNION ALL
       SELECT before_media_type, before_bytes FROM pushes WHERE target = @target AND before_digest = @digest
       LIMIT 1`,
    )
    .get({ target, digest }) as { mediaType: string; bytes: Buffer } | undefined;
  if (!row) return null;
  return { digest, mediaType: row.mediaType, bytes: new Uint8Array(row.bytes) };
}
