'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { FormError } from '@/components/ui/form-error';
import { useState, type FormEvent } from 'react';
import { formatReference, tryParseReference } from '@/lib/oci/reference';
import { compareHref } from '@/lib/present/links';

/** Two reference boxes; the comparison opens once both parse. */
export function CompareForm({ a = '', b = '' }: { a?: string; b?: string }) {
  const t = useTranslations('compare.form');
  const router = useRouter();
  const [values, setValues] = useState({ a, b });
  const [error, setError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const left = tryParseReference(values.a);
    const right = tryParseReference(values.b);
    if (!left.ok || !right.ok) {
      setError(!left.ok ? `a: ${left.error}` : `b: ${(right as { error: string }).error}`);
      return;
    }
    setError(null);
    router.push(compareHref(formatReference(left.reference), formatReference(right.reference)));
  };

  return (
    <form aria-label={t('label')} onSubmit={onSubmit} noValidate className="card space-y-2 p-4">
      <h1 className="card-title">{t('heading')}</h1>
      {(['a', 'b'] as const).map((side) => (
        <label key={side} className="flex items-center gap-2 text-xs">
          <span className="w-4 font-medium text-zinc-600">{side}</span>
          <input
            aria-label={t('reference', { side })}
            value={values[side]}
            onChange={(event) => setValues({ ...values, [side]: event.target.value })}
            placeholder="localhost:5000/team/app:1.0"
            autoComplete="off"
            spellCheck={false}
            className="min-w-0 flex-1 rounded-md border border-zinc-300 px-2 py-1 font-mono focus:outline-2 focus:outline-indigo-600"
          />
        </label>
      ))}
      <FormError message={error} />
      <button type="submit" className="btn-primary">
        {t('submit')}
      </button>
    </form>
  );
}
