import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isBuildStale } from './next-app';

describe('isBuildStale', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  /** A project folder with no sources, whose build wrote BUILD_ID at `builtAt` and its standalone copy at `finishedAt`. */
  function project(builtAt: number, finishedAt: number | null): string {
    const root = mkdtempSync(path.join(tmpdir(), 'archway-build-'));
    roots.push(root);
    const buildId = path.join(root, '.next/BUILD_ID');
    mkdirSync(path.join(root, '.next/standalone/.next'), { recursive: true });
    writeFileSync(buildId, 'id');
    utimesSync(buildId, builtAt, builtAt);
    if (finishedAt !== null) {
      const copy = path.join(root, '.next/standalone/.next/BUILD_ID');
      writeFileSync(copy, 'id');
      utimesSync(copy, finishedAt, finishedAt);
    }
    return root;
  }

  it('takes a build for finished only once its standalone output has copied BUILD_ID', () => {
    expect(isBuildStale(project(1000, null))).toBe(true);
    expect(isBuildStale(project(1000, 998))).toBe(true); // the copy of an earlier build: this one is still being written
    expect(isBuildStale(project(1000, 1002))).toBe(false);
  });
});
