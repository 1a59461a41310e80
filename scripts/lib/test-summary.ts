import { z } from 'zod';

/*
 * Turns the runners' JSON reports into per-suite counts and the one closing line CI reads (`N passed, N failed`).
 * A runner that crashed, wrote no report, or failed outside any test (a file that cannot import, a web server that
 * never started) counts as a failure: a broken run must never end on a green line. A check (the lint) writes no
 * report: its exit code is its one result, counted like a test.
 */

/** vitest's JSON reporter (jest-compatible), only the fields read here. */
const VitestReport = z.looseObject({
  success: z.boolean(),
  testResults: z.array(
    z.looseObject({
      name: z.string(),
      status: z.string(),
      message: z.string().optional(),
      assertionResults: z.array(
        z.looseObject({
          status: z.string(),
          fullName: z.string().optional(),
          failureMessages: z.array(z.string()).optional(),
        }),
      ),
    }),
  ),
});

/** A suite of Playwright's JSON report: its specs (each with its tests' results) and the suites it nests. */
type PlaywrightSuite = {
  title: string;
  file?: string | undefined;
  specs?: { title: string; line?: number | undefined; tests: { status: string; results: { error?: { message?: string | undefined } | undefined }[] }[] }[] | undefined;
  suites?: PlaywrightSuite[] | undefined;
};
const PlaywrightSuiteSchema: z.ZodType<PlaywrightSuite> = z.lazy(() =>
  z.looseObject({
    title: z.string(),
    file: z.string().optional(),
    specs: z
      .array(
        z.looseObject({
          title: z.string(),
          line: z.number().optional(),
          tests: z.array(
            z.looseObject({
              status: z.string(),
              results: z.array(z.looseObject({ error: z.looseObject({ message: z.string().optional() }).optional() })),
            }),
          ),
        }),
      )
      .optional(),
    suites: z.array(PlaywrightSuiteSchema).optional(),
  }),
);

/** Playwright's JSON reporter, only the fields read here. */
const PlaywrightReport = z.looseObject({
  suites: z.array(PlaywrightSuiteSchema).default([]),
  stats: z.looseObject({
    expected: z.number(),
    unexpected: z.number(),
    flaky: z.number(),
    skipped: z.number(),
  }),
  errors: z.array(z.looseObject({ message: z.string().optional() })).default([]),
});

export type RunnerKind = 'vitest' | 'playwright' | 'check';

/** One runner's outcome: what it wrote (undefined when it wrote nothing, always for a check) and how it exited. */
export type RunnerOutcome = { kind: RunnerKind; suite: string; exitCode: number; report: unknown };

export type SuiteCounts = { suite: string; passed: number; failed: number; skipped: number; notes: string[] };

const SKIPPED_STATUSES = new Set(['pending', 'todo', 'skipped', 'disabled']);

// Playwright colours its error messages; a summary line is plain text.
const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g;
const MAX_LINE = 300;

function firstLine(text: string | undefined): string {
  const line = (text ?? '').replace(ANSI_ESCAPE, '').split('\n').find((l) => l.trim() !== '')?.trim() ?? 'no message';
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line;
}

/*
 * CI shows the end of a run's output: each failed test is named there (file, name, the first line of its error), so a
 * red run says what to look at without the scroll-back.
 */
function failedTestNote(file: string, name: string, message: string | undefined): string {
  return `failed: ${file} › ${name}: ${firstLine(message)}`;
}

/** A report's file path from the repository root (vitest writes absolute paths). */
function fromRoot(file: string): string {
  const root = `${process.cwd()}/`;
  return file.startsWith(root) ? file.slice(root.length) : file;
}

function countVitest(suite: string, report: z.infer<typeof VitestReport>): SuiteCounts {
  const counts: SuiteCounts = { suite, passed: 0, failed: 0, skipped: 0, notes: [] };
  for (const file of report.testResults) {
    let failedHere = 0;
    for (const assertion of file.assertionResults) {
      if (assertion.status === 'passed') counts.passed++;
      else if (SKIPPED_STATUSES.has(assertion.status)) counts.skipped++;
      else {
        failedHere++;
        counts.notes.push(failedTestNote(fromRoot(file.name), assertion.fullName ?? 'a test', assertion.failureMessages?.[0]));
      }
    }
    // A file that fails before any test runs (import error, failing hook) has no failed assertion to count.
    if (file.status === 'failed' && failedHere === 0) {
      failedHere = 1;
      counts.notes.push(`${fromRoot(file.name)} did not run: ${firstLine(file.message)}`);
    }
    counts.failed += failedHere;
  }
  if (!report.success && counts.failed === 0) {
    counts.failed = 1;
    counts.notes.push('vitest reported a failure outside any test (unhandled error)');
  }
  return counts;
}

/** Every spec whose outcome was unexpected, with the title path under its file. */
function unexpectedSpecs(suites: readonly PlaywrightSuite[], file = '', titles: string[] = []): string[] {
  const notes: string[] = [];
  for (const suite of suites) {
    const suiteFile = suite.file ?? file;
    // A file's own suite is titled with its path: the path is said once, not twice.
    const path = suite.title === suiteFile || suite.title === '' ? titles : [...titles, suite.title];
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status !== 'unexpected') continue;
        const error = test.results.findLast((result) => result.error !== undefined)?.error?.message;
        const where = spec.line === undefined ? suiteFile : `${suiteFile}:${spec.line}`;
        notes.push(failedTestNote(where, [...path, spec.title].join(' › '), error));
      }
    }
    notes.push(...unexpectedSpecs(suite.suites ?? [], suiteFile, path));
  }
  return notes;
}

function countPlaywright(suite: string, report: z.infer<typeof PlaywrightReport>): SuiteCounts {
  const { stats, errors } = report;
  const counts: SuiteCounts = {
    suite,
    passed: stats.expected + stats.flaky,
    failed: stats.unexpected,
    skipped: stats.skipped,
    notes: [],
  };
  if (stats.flaky > 0) counts.notes.push(`${stats.flaky} passed only on retry`);
  counts.notes.push(...unexpectedSpecs(report.suites));
  // Errors outside tests: the web server did not start, a global setup threw, a spec file did not load.
  for (const error of errors) {
    counts.failed++;
    counts.notes.push(`error outside tests: ${firstLine(error.message)}`);
  }
  return counts;
}

/** A check passes when it exits 0; its problems are in its own output, above the summary. */
function countCheck(suite: string, exitCode: number): SuiteCounts {
  if (exitCode === 0) return { suite, passed: 1, failed: 0, skipped: 0, notes: [] };
  return { suite, passed: 0, failed: 1, skipped: 0, notes: [`${suite} failed (exit code ${exitCode}): its problems are listed above`] };
}

/** Counts one runner's results; a missing or unreadable report, or a non-zero exit with no failure, is one failure. */
export function countSuite(outcome: RunnerOutcome): SuiteCounts {
  const { kind, suite, exitCode, report } = outcome;
  if (kind === 'check') return countCheck(suite, exitCode);
  const parsed = kind === 'vitest' ? VitestReport.safeParse(report) : PlaywrightReport.safeParse(report);
  if (!parsed.success) {
    const why = report === undefined ? 'wrote no report' : 'wrote a report that is not its JSON format';
    return { suite, passed: 0, failed: 1, skipped: 0, notes: [`${kind} ${why} (exit code ${exitCode}): counted as a failure`] };
  }
  const counts =
    kind === 'vitest'
      ? countVitest(suite, parsed.data as z.infer<typeof VitestReport>)
      : countPlaywright(suite, parsed.data as z.infer<typeof PlaywrightReport>);
  if (exitCode !== 0 && counts.failed === 0) {
    counts.failed = 1;
    counts.notes.push(`${kind} exited with code ${exitCode} although no test failed: counted as a failure`);
  }
  return counts;
}

/** `N passed, N failed`, plus `, N skipped` only when something was skipped. */
export function totalsLine(suites: readonly SuiteCounts[]): string {
  const sum = (key: 'passed' | 'failed' | 'skipped') => suites.reduce((n, s) => n + s[key], 0);
  const skipped = sum('skipped');
  return `${sum('passed')} passed, ${sum('failed')} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

/** The lines `npm test` ends with: one per suite (with notes), then the totals line last. */
export function summaryLines(suites: readonly SuiteCounts[]): string[] {
  const lines: string[] = [];
  for (const s of suites) {
    lines.push(`${s.suite}: ${s.passed} passed, ${s.failed} failed${s.skipped > 0 ? `, ${s.skipped} skipped` : ''}`);
    for (const note of s.notes) lines.push(`  - ${note}`);
  }
  lines.push(totalsLine(suites));
  return lines;
}
