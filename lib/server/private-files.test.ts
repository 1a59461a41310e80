import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensurePrivateFile, writePrivateFileOnce } from './private-files';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('private data files', () => {
  let root: string;
  let umask: number;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(tmpdir(), 'archway-private-'));
    // The most permissive umask: the modes must not depend on it.
    umask = process.umask(0);
  });
  afterEach(() => {
    process.umask(umask);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('creates the folder 0700 and the file 0600', () => {
    const file = path.join(root, 'data', 'nested', 'archway.sqlite');
    ensurePrivateFile(file);
    expect(modeOf(path.join(root, 'data', 'nested'))).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
  });

  it('tightens a file an older version left readable by everyone, keeping its content', () => {
    const file = path.join(root, 'old.sqlite');
    fs.writeFileSync(file, 'rows', { mode: 0o644 });
    ensurePrivateFile(file);
    expect(modeOf(file)).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toBe('rows');
  });

  it('writes a secret once; the second writer gets the first one’s content', () => {
    const file = path.join(root, 'data', 'session-secret');
    expect(writePrivateFileOnce(file, 'first')).toBe('first');
    expect(writePrivateFileOnce(file, 'second')).toBe('first');
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(path.dirname(file))).toBe(0o700);
  });
});
