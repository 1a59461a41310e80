import { describe, expect, it } from 'vitest';
import { countSuite, summaryLines, totalsLine } from './test-summary';

// Shapes as vitest 4's and Playwright 1.65's JSON reporters write them (trimmed to the fields that matter).
const vitestReport = (files: { status: string; message?: string; tests: string[] }[], success = true) => ({
  numTotalTests: files.reduce((n, f) => n + f.tests.length, 0),
  success,
  testResults: files.map((f, i) => ({
    name: `/repo/lib/file-${i}.test.ts`,
    status: f.status,
    message: f.message ?? '',
    assertionResults: f.tests.map((status, j) => ({
      status,
      fullName: `test ${j}`,
      failureMessages: status === 'failed' ? ['AssertionError: expected 1 to be 2\n    at file.test.ts:3:4'] : [],
    })),
  })),
});
const playwrightReport = (stats: { expected: number; unexpected: number; flaky?: number; skipped?: number }, errors: object[] = []) => ({
  config: {},
  suites: [],
  errors,
  stats: { startTime: '2026-01-01T00:00:00.000Z', duration: 1, flaky: 0, skipped: 0, ...stats },
});

describe('countSuite (vitest)', () => {
  it('counts passed, failed and skipped tests', () => {
    const report = vitestReport(
      [
        { status: 'passed', tests: ['passed', 'passed', 'skipped'] },
        { status: 'failed', tests: ['passed', 'failed', 'todo'] },
      ],
      false,
    );
    expect(countSuite({ kind: 'vitest', suite: 'unit', exitCode: 1, report })).toEqual({
      suite: 'unit',
      passed: 3,
      failed: 1,
      skipped: 2,
      notes: ['failed: /repo/lib/file-1.test.ts › test 1: AssertionError: expected 1 to be 2'],
    });
  });

  it('names a failed test by its path from the repository root', () => {
    const report = {
      success: false,
      testResults: [
        {
          name: `${process.cwd()}/test/integration/bounds.test.ts`,
          status: 'failed',
          assertionResults: [{ status: 'failed', fullName: 'bounds a trickling source', failureMessages: [`Error: ${'x'.repeat(400)}`] }],
        },
      ],
    };
    const [note] = countSuite({ kind: 'vitest', suite: 'integration', exitCode: 1, report }).notes;
    expect(note).toMatch(/^failed: test\/integration\/bounds\.test\.ts › bounds a trickling source: Error: x+…$/);
    expect(note!.length).toBeLessThan(400);
  });

  it('counts a file that failed before running any test as a failure', () => {
    const report = vitestReport([{ status: 'failed', message: 'boom\n at x', tests: [] }], false);
    const counts = countSuite({ kind: 'vitest', suite: 'unit', exitCode: 1, report });
    expect(counts.failed).toBe(1);
    expect(counts.notes).toEqual(['/repo/lib/file-0.test.ts did not run: boom']);
  });

  it('counts an unhandled error (success false, no failed test) as a failure', () => {
    const report = vitestReport([{ status: 'passed', tests: ['passed'] }], false);
    expect(countSuite({ kind: 'vitest', suite: 'unit', exitCode: 1, report })).toMatchObject({ passed: 1, failed: 1 });
  });

  it('counts a crash without a report, and a non-zero exit with all tests green, as a failure', () => {
    const crashed = countSuite({ kind: 'vitest', suite: 'integration', exitCode: 137, report: undefined });
    expect(crashed).toMatchObject({ passed: 0, failed: 1 });
    expect(crashed.notes[0]).toMatch(/wrote no report \(exit code 137\)/);
    const green = vitestReport([{ status: 'passed', tests: ['passed'] }]);
    expect(countSuite({ kind: 'vitest', suite: 'unit', exitCode: 2, report: green })).toMatchObject({ passed: 1, failed: 1 });
    expect(countSuite({ kind: 'vitest', suite: 'unit', exitCode: 0, report: { not: 'a report' } }).failed).toBe(1);
  });
});

describe('countSuite (playwright)', () => {
  it('reads the stats, counting flaky as passed with a note', () => {
    const report = playwrightReport({ expected: 4, unexpected: 1, flaky: 1, skipped: 2 });
    expect(countSuite({ kind: 'playwright', suite: 'e2e', exitCode: 1, report })).toEqual({
      suite: 'e2e',
      passed: 5,
      failed: 1,
      skipped: 2,
      notes: ['1 passed only on retry'],
    });
  });

  it('names each unexpected test with its file, line and titles, and the first line of its error without colours', () => {
    const report = {
      ...playwrightReport({ expected: 1, unexpected: 1, flaky: 1 }),
      suites: [
        {
          title: 'copy.spec.ts',
          file: 'copy.spec.ts',
          specs: [
            { title: 'passes', line: 3, tests: [{ status: 'expected', results: [{}] }] },
            { title: 'retried', line: 9, tests: [{ status: 'flaky', results: [{ error: { message: 'first try' } }, {}] }] },
          ],
          suites: [
            {
              title: 'a signed-in person',
              file: 'copy.spec.ts',
              specs: [
                {
                  title: 'copies',
                  line: 20,
                  tests: [{ status: 'unexpected', results: [{ error: { message: '\u001b[31mError: expect(locator).toBeVisible() failed\u001b[39m\n\nLocator: x' } }] }],
                },
              ],
            },
          ],
        },
      ],
    };
    const counts = countSuite({ kind: 'playwright', suite: 'e2e', exitCode: 1, report });
    expect(counts.notes).toEqual([
      '1 passed only on retry',
      'failed: copy.spec.ts:20 › a signed-in person › copies: Error: expect(locator).toBeVisible() failed',
    ]);
  });

  it('counts errors outside tests (a web server that never started) as failures', () => {
    const report = playwrightReport({ expected: 0, unexpected: 0 }, [{ message: 'Error: Timed out waiting 300000ms from config.webServer.' }]);
    const counts = countSuite({ kind: 'playwright', suite: 'e2e', exitCode: 1, report });
    expect(counts).toMatchObject({ passed: 0, failed: 1 });
    expect(counts.notes[0]).toContain('config.webServer');
  });
});

describe('countSuite (check)', () => {
  it('counts a check (the lint) as one passed test when it exits 0, and one failure with a note otherwise', () => {
    expect(countSuite({ kind: 'check', suite: 'lint', exitCode: 0, report: undefined })).toEqual({
      suite: 'lint',
      passed: 1,
      failed: 0,
      skipped: 0,
      notes: [],
    });
    const failed = countSuite({ kind: 'check', suite: 'lint', exitCode: 1, report: undefined });
    expect(failed).toMatchObject({ passed: 0, failed: 1 });
    expect(failed.notes).toEqual(['lint failed (exit code 1): its problems are listed above']);
    expect(totalsLine([failed])).toBe('0 passed, 1 failed');
  });
});

describe('totals', () => {
  it('ends with exactly `N passed, N failed`, adding skipped only when there are some', () => {
    const suites = [
      { suite: 'unit', passed: 10, failed: 0, skipped: 0, notes: [] },
      { suite: 'e2e', passed: 3, failed: 2, skipped: 0, notes: ['x'] },
    ];
    expect(totalsLine(suites)).toBe('13 passed, 2 failed');
    expect(totalsLine([...suites, { suite: 's', passed: 0, failed: 0, skipped: 4, notes: [] }])).toBe('13 passed, 2 failed, 4 skipped');
    expect(summaryLines(suites)).toEqual(['unit: 10 passed, 0 failed', 'e2e: 3 passed, 2 failed', '  - x', '13 passed, 2 failed']);
  });
});
