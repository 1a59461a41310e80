/*
 * Prints per-suite counts and the closing `N passed, N failed` line of `npm test`, from the runners' JSON reports.
 *   npx tsx scripts/summarize-tests.ts check:lint:0 vitest:unit:0:.test-output/vitest-unit.json playwright:e2e:1:.test-output/playwright.json
 * Each argument is kind:suite:exit-code:report-path, or check:name:exit-code for a check without a report (the lint).
 * Exits 1 when anything failed (or a runner crashed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { countSuite, summaryLines, type RunnerKind, type RunnerOutcome } from './lib/test-summary';

function readReport(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null; // present but not JSON: countSuite reports it as unreadable
  }
}

function parseArgument(argument: string): RunnerOutcome {
  const check = /^check:([^:]+):(-?\d+)$/.exec(argument);
  if (check) return { kind: 'check', suite: check[1]!, exitCode: Number(check[2]), report: undefined };
  const match = /^(vitest|playwright):([^:]+):(-?\d+):(.+)$/.exec(argument);
  if (!match) throw new Error(`expected kind:suite:exit-code:report-path or check:name:exit-code, got ${argument}`);
  const [, kind, suite, exitCode, file] = match as unknown as [string, RunnerKind, string, string, string];
  return { kind, suite, exitCode: Number(exitCode), report: readReport(file) };
}

const outcomes = process.argv.slice(2).map(parseArgument);
if (outcomes.length === 0) {
  console.error('usage: summarize-tests.ts kind:suite:exit-code:report-path ...');
  process.exit(2);
}
const suites = outcomes.map(countSuite);
console.log(`\n${summaryLines(suites).join('\n')}`);
process.exit(suites.some((s) => s.failed > 0) ? 1 : 0);
