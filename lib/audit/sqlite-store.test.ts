import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditStore, closeAuditStores } from './log';
import { describeAuditStore } from './store-suite';

// The embedded store: the shared contract, then what only a file on disk has (its folder, WAL, old data folders).

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archway-audit-'));
  delete process.env.ARCHWAY_DATABASE_URL;
  process.env.ARCHWAY_DATA_DIR = path.join(dir, 'nested', 'data');
});
afterAll(async () => {
  await closeAuditStores();
  delete process.env.ARCHWAY_DATA_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
});

describeAuditStore('SQLite');

describe('SQLite file', () => {
  it('is created with its folder on first use, private to the server\'s user, in WAL mode', async () => {
    await auditStore().ping();
    const file = path.join(dir, 'nested', 'data', 'archway.sqlite');
    expect(fs.existsSync(file)).toBe(true);
    const modeOf = (name: string) => fs.statSync(name).mode & 0o777;
    expect(modeOf(path.dirname(file))).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    // SQLite gives its write-ahead log the database file's mode.
    expect(modeOf(`${file}-wal`)).toBe(0o600);
    await closeAuditStores();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  /** A data folder as the first version wrote it (migration 1), with `later` SQL run on it; returns its folder. */
  function firstVersionFolder(name: string, later: string, targets: [target: string, digest: string][]): string {
    const folder = path.join(dir, name);
    fs.mkdirSync(folder);
    const db = new Database(path.join(folder, 'archway.sqlite'));
    db.exec(`CREATE TABLE pushes (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('push', 'revert')), target TEXT NOT NULL, before_digest TEXT,
      before_media_type TEXT, before_bytes BLOB, after_digest TEXT NOT NULL, after_media_type TEXT NOT NULL,
      after_bytes BLOB NOT NULL); CREATE INDEX pushes_by_target ON pushes (target, id); PRAGMA user_version = 1; ${later}`);
    const insert = db.prepare(`INSERT INTO pushes (at, user, action, target, after_digest, after_media_type, after_bytes) VALUES ('2026-01-01T00:00:00.000Z', 'ann', 'push', ?, ?, 'x', x'7b7d')`);
    for (const [target, digest] of targets) insert.run(target, digest);
    db.close();
    return folder;
  }

  it('upgrades a data folder written before write-ahead records: its pushes count as completed', async () => {
    const store = auditStore({ ARCHWAY_DATA_DIR: firstVersionFolder('old', '', [['r/a:1', 'sha256:aa']]) });
    expect((await store.history('r/a:1')).map((e) => e.state)).toEqual(['completed']);
    expect(await store.pending()).toEqual([]);
  });

  it('keys the pushes of a data folder written before history was keyed by tag: every spelling then finds them', async () => {
    // As migrations 2 and 3 left it.
    const later = `ALTER TABLE pushes ADD COLUMN state TEXT NOT NULL DEFAULT 'completed'; ALTER TABLE pushes ADD COLUMN settled_at TEXT;
      ALTER TABLE pushes ADD COLUMN registry_user TEXT; PRAGMA user_version = 3;`;
    const folder = firstVersionFolder('unkeyed', later, [
      ['127.0.0.1:5000/team/app:1', 'sha256:aa'],
      ['localhost:5000/team/app:1', 'sha256:bb'],
      ['localhost:5000/team/app:2', 'sha256:cc'],
    ]);
    const store = auditStore({ ARCHWAY_DATA_DIR: folder });
    expect((await store.history('localhost:5000/team/app:1')).map((e) => [e.after, e.target])).toEqual([
      ['sha256:bb', 'localhost:5000/team/app:1'],
      ['sha256:aa', '127.0.0.1:5000/team/app:1'],
    ]);
    expect((await store.history('127.0.0.1:5000/team/app:2')).map((e) => e.after)).toEqual(['sha256:cc']);
    expect(await store.findManifest('[::1]:5000/team/app:1', 'sha256:aa')).toMatchObject({ digest: 'sha256:aa', mediaType: 'x' });
  });
});
