'use client';

import { useTranslations } from 'next-intl';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Digest } from '@/components/ui/digest';
import type { DiffRow, FieldChange } from '@/lib/oci/index-diff';
import { formatPlatform } from '@/lib/oci/platform';

const CHANGE_TONE: Record<DiffRow['change'], BadgeTone> = { added: 'success', removed: 'error', changed: 'warning', moved: 'info' };

function FieldChanges({ fields }: { fields: readonly FieldChange[] }) {
  const t = useTranslations('diff');
  return (
    <ul className="mt-1 space-y-0.5 font-mono text-[11px]">
      {fields.map((field) => (
        <li key={field.field} className="flex flex-wrap gap-x-1.5">
          <span className="text-zinc-600">{field.field}:</span>
          {field.before !== null ? <del className="bg-red-50 text-red-800">{field.before}</del> : <span className="text-zinc-600">{t('noValue')}</span>}
          <span aria-hidden="true" className="text-zinc-600">
            →
          </span>
          <span className="sr-only">{t('becomes')}</span>
          {field.after !== null ? <ins className="bg-emerald-50 text-emerald-800 no-underline">{field.after}</ins> : <span className="text-zinc-600">{t('noValue')}</span>}
        </li>
      ))}
    </ul>
  );
}

function Position({ row }: { row: DiffRow }) {
  const t = useTranslations('diff');
  if (row.change === 'added') return t('newPosition', { position: row.afterIndex! + 1 });
  if (row.change === 'removed') return t('wasPosition', { position: row.beforeIndex! + 1 });
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
  emptyMessage,
}: DescriptorDiffProps) {
  const t = useTranslations('diff');
  if (rows.length === 0 && indexFields.length === 0) {
    return <p className="text-sm text-zinc-600">{emptyMessage ?? t('noChange')}</p>;
  }
  return (
    <div className="space-y-2">
      {indexFields.length > 0 ? (
        <div className="rounded-md border border-zinc-200 p-2">
          <p className="text-xs font-medium text-zinc-700">{t('indexItself')}</p>
          <FieldChanges fields={indexFields} />
        </div>
      ) : null}
      <ul aria-label={t('changedEntries')} className="space-y-1.5">
        {rows.map((row) => (
          <li key={`${row.change}-${row.digest}-${row.beforeIndex}-${row.afterIndex}`} className="rounded-md border border-zinc-200 p-2">
            <div className="flex flex-wrap items-center gap-2 text-xs">
              <Badge tone={CHANGE_TONE[row.change]}>{t(`change.${row.change}`)}</Badge>
              <span className="font-mono font-semibold">{row.platform ? formatPlatform(row.platform) : t('noPlatform')}</span>
              <Digest digest={row.digest} canCopy={false} />
              <span className="text-zinc-600"><Position row={row} /></span>
              {row.moved && row.change === 'changed' ? <Badge tone="info">{t('change.moved')}</Badge> : null}
            </div>
            {row.fields.length > 0 ? <FieldChanges fields={row.fields} /> : null}
          </li>
        ))}
      </ul>
      {unchangedCount > 0 ? <p className="text-xs text-zinc-600">{t('unchanged', { count: unchangedCount })}</p> : null}
    </div>
  );
}
