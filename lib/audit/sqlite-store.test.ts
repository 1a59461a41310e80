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

  it('upgrades a data folder written before write-ahead records: its pushes count as completed', async () => {
    const old = path.join(dir, 'old');
    fs.mkdirSync(old);
    const db = new Database(path.join(old, 'archway.sqlite'));
    db.exec(`CREATE TABLE pushes (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('push', 'revert')), target TEXT NOT NULL, before_digest TEXT,
      before_media_type TEXT, before_bytes BLOB, after_digest TEXT NOT NULL, after_media_type TEXT NOT NULL,
      after_bytes BLOB NOT NULL); CREATE INDEX pushes_by_target ON pushes (target, id); PRAGMA user_version = 1;`);
    db.prepare(`INSERT INTO pushes (at, user, action, target, after_digest, after_media_type, after_bytes) VALUES (?, 'ann', 'push', 'r/a:1', 'sha256:aa', 'x', x'7b7d')`).run('2026-01-01T00:00:00.000Z');
    db.close();
    const store = auditStore({ ARCHWAY_DATA_DIR: old });
    expect((await store.history('r/a:1')).map((e) => e.state)).toEqual(['completed']);
    expect(await store.pending()).toEqual([]);
  });
});
