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

test('no secret in the server logs or the audit databases after the whole run', async ({ e2e }) => {
  // Both Archways of the run (the plain one and the team's, with OpenID Connect) write a log and a data folder.
  expect(e2e.secretScan.logs.length, 'the e2e servers record their logs').toBeGreaterThan(0);
  for (const file of e2e.secretScan.logs) {
    const log = readFileSync(file, 'utf8');
    // The run did log: an empty file would prove nothing.
    expect(log.length, file).toBeGreaterThan(0);
    expect(secretsIn(log, e2e.secrets), `secrets in ${path.basename(file)}`).toEqual([]);
  }
  for (const dataDir of e2e.secretScan.dataDirs) {
    const files = filesUnder(dataDir);
    expect(files.some((file) => file.endsWith('.sqlite')), `the audit database in ${dataDir} exists`).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      expect(secretsIn(bytes.toString('latin1'), e2e.secrets), `secrets in ${path.relative(dataDir, file)}`).toEqual([]);
    }
  }
});
