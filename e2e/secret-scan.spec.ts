import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { secretsIn } from './fixtures/secrets';

/*
 * Runs after every other spec (playwright.config.ts: the `secret-scan` project depends on `chromium`): the secrets
 * Archway held during the run must be in none of its log lines and nowhere in its data folder (the audit database
 * and its write-ahead log are read as bytes, so a secret in any column or page is found).
 */

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

test('no secret in the server log or the audit database after the whole run', async ({ e2e }) => {
  expect(e2e.serverLog, 'the e2e server records its log').not.toBeNull();
  const log = readFileSync(e2e.serverLog!, 'utf8');
  // The run did log: an empty file would prove nothing.
  expect(log.length).toBeGreaterThan(0);
  expect(secretsIn(log, e2e.secrets), 'secrets in the server log').toEqual([]);
  const files = filesUnder(e2e.dataDir);
  expect(files.some((file) => file.endsWith('.sqlite')), 'the audit database exists').toBe(true);
  for (const file of files) {
    const bytes = readFileSync(file);
    expect(secretsIn(bytes.toString('latin1'), e2e.secrets), `secrets in ${path.relative(e2e.dataDir, file)}`).toEqual([]);
  }
});
