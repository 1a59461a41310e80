'use client';

import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Digest } from '@/components/ui/digest';
import type { DiffRow, FieldChange } from '@/lib/oci/index-diff';
import { formatPlatform } from '@/lib/oci/platform';

const CHANGE_TONE: Record<DiffRow['change'], BadgeTone> = { added: 'success', removed: 'error', changed: 'warning', moved: 'info' };

function FieldChanges({ fields }: { fields: readonly FieldChange[] }) {
  return (
    <ul className="mt-1 space-y-0.5 font-mono text-[11px]">
      {fields.map((field) => (
        <li key={field.field} className="flex flex-wrap gap-x-1.5">
          <span className="text-zinc-600">{field.field}:</span>
          {field.before !== null ? <del className="bg-red-50 text-red-800">{field.before}</del> : <span className="text-zinc-600">(none)</span>}
          <span aria-hidden="true" className="text-zinc-600">
            →
          </span>
          <span className="sr-only">becomes</span>
          {field.after !== null ? <ins className="bg-emerald-50 text-emerald-800 no-underline">{field.after}</ins> : <span className="text-zinc-600">(none)</span>}
        </li>
      ))}
    </ul>
  );
}

function position(row: DiffRow): string {
  if (row.change === 'added') return `new #${row.afterIndex! + 1}`;
  if (row.change === 'removed') return `was #${row.beforeIndex! + 1}`;
  return row.beforeIndex === row.afterIndex ? `#${row.afterIndex! + 1}` : `#${row.beforeIndex! + 1} → #${row.afterIndex! + 1}`;
}

type DescriptorDiffProps = {
  rows: readonly DiffRow[];
  indexFields: readonly FieldChange[];
  /** Entries of the new list that did not change, for the summary line. */
  unchangedCount: number;
  /** What to say when nothing differs. */
  emptyMessage?: string;
};

/** The descriptor-level difference old → new: added, removed, changed (field by field) and moved entries. */
export function DescriptorDiff({
  rows,
  indexFields,
  unchangedCount,
  emptyMessage = 'No change: the list to push is the one the tag points at.',
}: DescriptorDiffProps) {
  if (rows.length === 0 && indexFields.length === 0) {
    return <p className="text-sm text-zinc-600">{emptyMessage}</p>;
  }
  return (
    <div className="space-y-2">
      {indexFields.length > 0 ? (
        <div className="rounded-md border border-zinc-200 p-2">
          <p className="text-xs font-medium text-zinc-700">The index itself</p>
          <FieldChanges fields={indexFields} />
        </div>
      ) : null}
      <ul aria-label="Changed entries" className="space-y-1.5">
        {rows.map((row) => (
          <li key={`${row.change}-${row.digest}-${row.beforeIndex}-${row.afterIndex}`} className="rounded-md border border-zinc-200 p-2">
            <div className="flex flex-wrap items-center gap-2 text-xs">
              <Badge tone={CHANGE_TONE[row.change]}>{row.change}</Badge>
              <span className="font-mono font-semibold">{row.platform ? formatPlatform(row.platform) : 'no platform'}</span>
              <Digest digest={row.digest} canCopy={false} />
              <span className="text-zinc-600">{position(row)}</span>
              {row.moved && row.change === 'changed' ? <Badge tone="info">moved</Badge> : null}
            </div>
            {row.fields.length > 0 ? <FieldChanges fields={row.fields} /> : null}
          </li>
        ))}
      </ul>
      {unchangedCount > 0 ? <p className="text-xs text-zinc-600">{unchangedCount === 1 ? '1 other entry is kept exactly as it was.' : `${unchangedCount} other entries are kept exactly as they were.`}</p> : null}
    </div>
  );
}
