import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SECRET_FILE, sessionSecret } from './session-secret';

afterEach(() => vi.unstubAllEnvs());

describe('sessionSecret', () => {
  it('uses ARCHWAY_SESSION_SECRET when set', () => {
    expect(sessionSecret('x'.repeat(40))).toBe('x'.repeat(40));
  });

  it('generates one secret once into the data folder, readable by the server user only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archway-secret-'));
    vi.stubEnv('ARCHWAY_DATA_DIR', path.join(dir, 'data'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const secret = sessionSecret(undefined);
      expect(secret.length).toBeGreaterThanOrEqual(32);
      const file = path.join(dir, 'data', SECRET_FILE);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(file, 'utf8').trim()).toBe(secret);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('ARCHWAY_SESSION_SECRET is not set'));
      expect(sessionSecret(undefined)).toBe(secret);
    } finally {
      warn.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
