import 'server-only';
import path from 'node:path';

/** The data folder (audit log, generated session secret): `ARCHWAY_DATA_DIR`, else `./data` in the working directory. */
export function dataDir(env: Record<string, string | undefined> = process.env): string {
  // A run-time folder, not a source: tell the bundler's file tracer not to include the project for it.
  return path.resolve(/*turbopackIgnore: true*/ env.ARCHWAY_DATA_DIR?.trim() || 'data');
}
