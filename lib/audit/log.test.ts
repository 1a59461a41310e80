import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAuditDbs } from './db';
import { findRecordedManifest, listHistory, recordPush, type RecordedManifest } from './log';

const manifest = (name: string): RecordedManifest => {
  // Odd whitespace on purpose: the log must give back the bytes, not a re-serialisation.
  const bytes = new TextEncoder().encode(`{ "schemaVersion":2,\n  "name": "${name}" }`);
  return { digest: `sha256:${name.padEnd(64, '0')}`, mediaType: 'application/vnd.oci.image.index.v1+json', bytes };
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archway-audit-'));
  process.env.ARCHWAY_DATA_DIR = path.join(dir, 'nested', 'data');
});
afterEach(() => {
  closeAuditDbs();
  delete process.env.ARCHWAY_DATA_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('audit log', () => {
  it('creates the data folder on first use, in WAL mode', () => {
    recordPush({ user: 'ann', action: 'push', target: 'r/a:1', before: null, after: manifest('a1') });
    const file = path.join(dir, 'nested', 'data', 'archway.sqlite');
    expect(fs.existsSync(file)).toBe(true);
    closeAuditDbs();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('lists a tag’s pushes newest first, and only that tag’s', () => {
    const a1 = manifest('a1');
    const a2 = manifest('a2');
    recordPush({ user: 'ann', action: 'push', target: 'r/a:1', before: null, after: a1, at: new Date('2026-01-01T00:00:00Z') });
    recordPush({ user: 'bob', action: 'push', target: 'r/b:1', before: null, after: manifest('b1') });
    recordPush({ user: 'bob', action: 'revert', target: 'r/a:1', before: a1, after: a2 });
    const entries = listHistory('r/a:1');
    expect(entries.map((e) => [e.user, e.action, e.before, e.after])).toEqual([
      ['bob', 'revert', a1.digest, a2.digest],
      ['ann', 'push', null, a1.digest],
    ]);
    expect(entries[1]?.at).toBe('2026-01-01T00:00:00.000Z');
    expect(listHistory('r/c:1')).toEqual([]);
  });

  it('gives back the exact bytes of a digest seen before or after a push', () => {
    const a1 = manifest('a1');
    const a2 = manifest('a2');
    recordPush({ user: 'ann', action: 'push', target: 'r/a:1', before: a1, after: a2 });
    expect(findRecordedManifest('r/a:1', a1.digest)?.bytes).toEqual(a1.bytes);
    expect(findRecordedManifest('r/a:1', a2.digest)).toEqual(a2);
    expect(findRecordedManifest('r/other:1', a2.digest)).toBeNull();
    expect(findRecordedManifest('r/a:1', manifest('zz').digest)).toBeNull();
  });

  it('keeps its rows when the database is reopened', () => {
    recordPush({ user: 'ann', action: 'push', target: 'r/a:1', before: null, after: manifest('a1') });
    closeAuditDbs();
    expect(listHistory('r/a:1')).toHaveLength(1);
  });
});
