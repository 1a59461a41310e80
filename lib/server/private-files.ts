import 'server-only';
import fs from 'node:fs';
import path from 'node:path';

/*
 * Archway's data folder (ARCHWAY_DATA_DIR, data-dir.ts) holds the audit log and the session secret: only the
 * server's own user may read them. Folders are made 0700 and files 0600 whatever the process umask, and a file left
 * more open by an older version is tightened when it is opened again.
 */

const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) readable by this user only; an existing folder is left as the operator made it. */
export function ensurePrivateDir(dir: string): void {
  if (fs.existsSync(dir)) return;
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir's mode is filtered by the umask; chmod is not.
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Makes sure `file` exists with mode 0600 before something else (SQLite) opens it, creating its folder privately.
 * SQLite gives its -wal and -shm files the database file's mode, so they are private too.
 */
export function ensurePrivateFile(file: string): void {
  ensurePrivateDir(path.dirname(file));
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  if ((fs.statSync(file).mode & 0o777) !== PRIVATE_FILE_MODE) fs.chmodSync(file, PRIVATE_FILE_MODE);
}

/**
 * Writes `content` to a new private file, unless it exists: returns what the file holds afterwards. Two processes
 * racing to create it agree on the first one's content (the exclusive create fails for the second).
 */
export function writePrivateFileOnce(file: string, content: string): string {
  ensurePrivateDir(path.dirname(file));
  try {
    fs.writeFileSync(file, content, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    return content;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    ensurePrivateFile(file);
    return fs.readFileSync(file, 'utf8');
  }
}
