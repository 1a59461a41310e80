'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { AppError } from '@/lib/api/errors';
import type { InspectResponse } from '@/lib/api/inspect';
import { inspectQueryOptions } from '@/lib/queries/inspect';
import { formatReference, tryParseReference } from '@/lib/oci/reference';
import { INPUT_CLASS } from './field-styles';
import { qualifySource } from '@/lib/draft/qualify-source';

type AddSourceProps = {
  /** Where names without a registry are looked up; null: Docker Hub, as docker does. */
  defaultRegistry: string | null;
  onResolved: (inspect: InspectResponse, typed: string) => void;
  /** Text of the submit button. */
  actionLabel?: string;
};

/** A reference box that resolves an image or list through `/api/v1/inspect` and hands it over to be added. */
export function AddSource({ defaultRegistry, onResolved, actionLabel }: AddSourceProps) {
  const t = useTranslations('editor.addSource');
  const queryClient = useQueryClient();
  const inputId = useId();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isResolving, setIsResolving] = useState(false);
  const reference = typed.trim() ? qualifySource(typed, defaultRegistry) : '';
  const parsed = reference ? tryParseReference(reference) : null;
  const typedError = parsed && !parsed.ok ? parsed.error : null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!parsed?.ok) {
      setError(typedError ?? t('typeReference'));
      return;
    }
    setError(null);
    setIsResolving(true);
    try {
      const canonical = formatReference(parsed.reference);
      const inspect = await queryClient.fetchQuery(inspectQueryOptions(canonical));
      onResolved(inspect, canonical);
      setTyped('');
    } catch (err) {
      setError(AppError.parse(err).message);
    } finally {
      setIsResolving(false);
    }
  };

  return (
    <form onSubmit={onSubmit} className="space-y-1" aria-label={t('label')}>
      <label htmlFor={inputId} className="block text-xs font-medium text-zinc-700">
        {t('field')}
      </label>
      <div className="flex gap-2">
        <input
          id={inputId}
          className={`${INPUT_CLASS} min-w-0 flex-1 py-1.5`}
          value={typed}
          placeholder={defaultRegistry ? `${defaultRegistry}/team/app-arm64:1.0, or team/app-arm64:1.0` : 'team/app-arm64:1.0'}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={Boolean(typedError) || undefined}
          aria-describedby={`${inputId}-help`}
          onChange={(event) => {
            setTyped(event.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="btn" disabled={isResolving || !typed.trim()}>
          {isResolving ? t('reading') : (actionLabel ?? t('add'))}
        </button>
      </div>
      <p id={`${inputId}-help`} className={`text-xs ${error || typedError ? 'text-red-700' : 'text-zinc-600'}`} role={error ? 'alert' : undefined}>
        {error ??
          typedError ??
          (reference && reference !== typed.trim()
            ? t('readsHint', { reference })
            : t('hint'))}
      </p>
    </form>
  );
}
