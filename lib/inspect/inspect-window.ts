import type { InspectEntry, InspectResponse, InspectWindow, ProblemCount, Severity } from '@/lib/api/inspect';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** An entry and the entries of the index it is, if it is one. */
function withNested(entry: InspectEntry): InspectEntry[] {
  return [entry, ...(entry.children ?? []).flatMap(withNested)];
}

/** The problems of `entries` counted per code and severity: errors first, then the most frequent. */
function countProblems(entries: InspectEntry[]): ProblemCount[] {
  const counts = new Map<string, ProblemCount>();
  for (const problem of entries.flatMap((entry) => entry.problems)) {
    const key = `${problem.severity}\u0000${problem.code}`;
    const count = counts.get(key);
    if (count) count.count++;
    else counts.set(key, { code: problem.code, severity: problem.severity, count: 1 });
  }
  return [...counts.values()].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.count - a.count || a.code.localeCompare(b.code));
}

/**
 * What the inspect page draws of an inspect answer: the entries whose details were read, whole (their problems name
 * entries outside the window too, e.g. "same platform as entry 7,012"), and the others only counted, so the page of
 * a 10,000-entry list is the size of its window. The list's own problems are kept whole: they are per list, not
 * per entry. An answer with every entry read comes back as it is.
 */
export function windowOfInspect(response: InspectResponse): InspectWindow {
  const { details } = response;
  if (!details) return response;
  const outsideEntries = [...response.entries.slice(0, details.from), ...response.entries.slice(details.to)];
  const outsideNested = outsideEntries.flatMap(withNested);
  return {
    ...response,
    entries: response.entries.slice(details.from, details.to),
    outside: {
      entries: outsideEntries.length,
      withProblems: outsideNested.filter((entry) => entry.problems.length > 0).length,
      problems: countProblems(outsideNested),
    },
  };
}
