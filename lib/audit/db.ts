import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** The SQLite file inside the data folder. */
const DB_FILE = 'archway.sqlite';

/*
 * Schema migrations, applied in order and counted by `PRAGMA user_version`, so an old data folder is upgraded in
 * place and never rewritten from scratch. Append only: never edit a migration that has shipped.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE pushes (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     user TEXT NOT NULL,
     action TEXT NOT NULL CHECK (action IN ('push', 'revert')),
     target TEXT NOT NULL,
     before_digest TEXT,
     before_media_type TEXT,
     before_bytes BLOB,
     after_digest TEXT NOT NULL,
     after_media_type TEXT NOT NULL,
     after_bytes BLOB NOT NULL
   );
   CREATE INDEX pushes_by_target ON pushes (target, id);`,
];

const open = new Map<string, Database.Database>();

/** The data folder: `ARCHWAY_DATA_DIR`, else `./data` in the working directory. */
export function dataDir(): string {
  // A run-time folder, not a source: tell the bundler's file tracer not to include the project for it.
  return path.resolve(/*turbopackIgnore: true*/ process.env.ARCHWAY_DATA_DIR?.trim() || 'data');
}

/** The audit database of the current data folder, created (with its folder) on first use. */
export function auditDb(): Database.Database {
  const file = path.join(dataDir(), DB_FILE);
  const existing = open.get(file);
  if (existing) return existing;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  // WAL lets history reads run while a push is being recorded; the timeout covers two server processes.
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  open.set(file, db);
  return db;
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const pending = MIGRATIONS.slice(version);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const sql of pending) db.exec(sql);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
}

/** Closes every open audit database (tests switch data folders). */
export function closeAuditDbs(): void {
  for (const db of open.values()) db.close();
  open.clear();
}
