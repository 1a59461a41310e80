'use client';

import type { MouseEvent } from 'react';
import type { InspectEntry, Problem } from '@/lib/api/inspect';
import { shortDigest } from '@/lib/oci/digest';
import { countLabel } from '@/lib/present/format';
import type { EntryGroup } from '@/components/entry-table/group-entries';
import { entryLabel } from '@/lib/present/entry-label';
import { buildMatrix } from './build-matrix';

type PlatformMatrixProps = {
  groups: readonly EntryGroup[];
  selectedDigest: string | null;
  /** The URL that opens an entry (a real link: it works in a new tab and without JavaScript). */
  hrefFor: (entry: InspectEntry) => string;
  onSelect: (entry: InspectEntry) => void;
};

const SEVERITY_ORDER: readonly Problem['severity'][] = ['error', 'warning', 'info'];
const SEVERITY_DOT: Record<Problem['severity'], string> = { error: 'bg-red-500', warning: 'bg-amber-400', info: 'bg-sky-400' };

function worstSeverity(problems: readonly Problem[]): Problem['severity'] | null {
  return SEVERITY_ORDER.find((severity) => problems.some((problem) => problem.severity === severity)) ?? null;
}

/** Operating systems down, architectures across, a digest chip per entry. */
export function PlatformMatrix({ groups, selectedDigest, hrefFor, onSelect }: PlatformMatrixProps) {
  const matrix = buildMatrix(groups);
  const chip = (group: EntryGroup) => (
    <EntryChip key={`${group.position}`} group={group} isSelected={group.entry.digest === selectedDigest} href={hrefFor(group.entry)} onSelect={onSelect} />
  );

  return (
    <section aria-labelledby="matrix-heading" className="card p-4" data-testid="platform-matrix">
      <h2 id="matrix-heading" className="card-title">
        Platforms
      </h2>
      {matrix.rows.length === 0 && matrix.unplaced.length === 0 ? (
        <p className="mt-2 text-xs text-zinc-500">This list has no entries: nothing can be pulled from it.</p>
      ) : null}
      {matrix.rows.length > 0 ? (
        <div className="mt-2 overflow-x-auto">
          <table aria-labelledby="matrix-heading" className="border-separate border-spacing-1 text-xs">
            <thead>
              <tr>
                <th scope="col" className="px-1 text-left font-normal text-zinc-400">
                  <span className="sr-only">OS</span>
                </th>
                {matrix.columns.map((column) => (
                  <th key={column.key} scope="col" className="px-1 text-left font-mono font-medium whitespace-nowrap text-zinc-600">
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.rows.map((row) => (
                <tr key={row.os}>
                  <th scope="row" className="pr-2 text-left align-top font-mono font-medium text-zinc-600">
                    {row.os}
                  </th>
                  {matrix.columns.map((column) => (
                    <td key={column.key} className="rounded bg-zinc-50 p-1 align-top">
                      <div className="flex flex-col gap-1">{(row.cells.get(column.key) ?? []).map(chip)}</div>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {matrix.unplaced.length > 0 ? (
        <div className="mt-3">
          <h3 className="text-xs font-medium text-zinc-500">Not placed by platform</h3>
          <div className="mt-1 flex flex-wrap gap-1">{matrix.unplaced.map(chip)}</div>
        </div>
      ) : null}
    </section>
  );
}

type EntryChipProps = { group: EntryGroup; isSelected: boolean; href: string; onSelect: (entry: InspectEntry) => void };

function EntryChip({ group, isSelected, href, onSelect }: EntryChipProps) {
  const { entry, attestations } = group;
  const isMissing = Boolean(entry.missing);
  const worst = worstSeverity(entry.problems);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    // Keep new-tab and copy-link behaviour; a plain click selects in place.
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onSelect(entry);
  };
  const description = [
    entryLabel(entry),
    shortDigest(entry.digest),
    isMissing ? 'missing from the registry' : null,
    entry.problems.length ? countLabel(entry.problems.length, 'problem') : null,
    attestations.length ? countLabel(attestations.length, 'attestation') : null,
  ]
    .filter(Boolean)
    .join(', ');

  return (
    <a
      href={href}
      onClick={onClick}
      aria-label={description}
      aria-current={isSelected ? 'true' : undefined}
      title={description}
      data-digest={entry.digest}
      data-platform={entryLabel(entry)}
      className={`flex items-center gap-1.5 rounded border px-1.5 py-0.5 font-mono text-[11px] whitespace-nowrap shadow-xs ${
        isSelected ? 'border-indigo-500 bg-indigo-50 ring-2 ring-indigo-300' : 'border-zinc-200 bg-white hover:border-indigo-300'
      } ${isMissing ? 'border-dashed text-zinc-400 line-through opacity-70' : 'text-zinc-700'}`}
    >
      {worst ? <span aria-hidden="true" className={`size-2 shrink-0 rounded-full ${SEVERITY_DOT[worst]}`} /> : null}
      {shortDigest(entry.digest).replace(/^sha256:/, '').slice(0, 10)}
      {entry.platform?.['os.version'] ? <span className="text-zinc-500 no-underline">{entry.platform['os.version']}</span> : null}
      {entry.platform === null && entry.role === 'image' ? (
        <span className="rounded bg-zinc-100 px-1 text-zinc-600" title="The list gives no platform; placed by the image config">
          config
        </span>
      ) : null}
      {entry.role === 'index' ? <span className="rounded bg-zinc-100 px-1 text-zinc-600">index</span> : null}
      {attestations.length ? (
        <span className="rounded bg-violet-50 px-1 text-violet-700" aria-hidden="true">
          +{attestations.length} att
        </span>
      ) : null}
    </a>
  );
}
