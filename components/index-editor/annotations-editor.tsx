'use client';

import { useTranslations } from 'next-intl';
import type { AnnotationPair } from '@/lib/draft/types';
import { INPUT_CLASS } from './field-styles';

type AnnotationsEditorProps = {
  pairs: readonly AnnotationPair[];
  onChange: (pairs: AnnotationPair[]) => void;
  /** What the annotations belong to, for labels ("the index", "entry 2"). */
  owner: string;
  /** Set for a Docker list: the reason annotations cannot be written. */
  disabledReason?: string | null;
};

/** Key/value rows for a set of annotations; rows can be added, changed and removed. */
export function AnnotationsEditor({ pairs, onChange, owner, disabledReason }: AnnotationsEditorProps) {
  const t = useTranslations('editor.annotations');
  const isDisabled = Boolean(disabledReason);
  const update = (index: number, change: Partial<AnnotationPair>) =>
    onChange(pairs.map((pair, i) => (i === index ? { ...pair, ...change } : pair)));
  return (
    <div className="space-y-1.5">
      {disabledReason ? <p className="text-xs text-zinc-600">{disabledReason}</p> : null}
      {pairs.length === 0 && !isDisabled ? <p className="text-xs text-zinc-600">{t('none')}</p> : null}
      {pairs.map((pair, index) => (
        <div key={index} className="flex items-center gap-1.5">
          <input
            aria-label={t('key', { position: index + 1, owner })}
            className={`${INPUT_CLASS} w-72`}
            value={pair.key}
            placeholder="org.opencontainers.image.source"
            disabled={isDisabled}
            spellCheck={false}
            onChange={(event) => update(index, { key: event.target.value })}
          />
          <span aria-hidden="true" className="text-zinc-600">
            =
          </span>
          <input
            aria-label={t('value', { position: index + 1, owner })}
            className={`${INPUT_CLASS} min-w-0 flex-1`}
            value={pair.value}
            disabled={isDisabled}
            spellCheck={false}
            onChange={(event) => update(index, { value: event.target.value })}
          />
          <button
            type="button"
            className="btn"
            disabled={isDisabled}
            aria-label={t('remove', { name: pair.key || index + 1, owner })}
            onClick={() => onChange(pairs.filter((_, i) => i !== index))}
          >
            {t('removeButton')}
          </button>
        </div>
      ))}
      <button type="button" className="btn" disabled={isDisabled} onClick={() => onChange([...pairs, { key: '', value: '' }])}>
        {t('add')}
      </button>
    </div>
  );
}
