'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { FormError } from '@/components/ui/form-error';
import { useId, useState, type FormEvent } from 'react';
import { formatReference, tryParseReference } from '@/lib/oci/reference';
import { compareHref, tagReference, type RepositoryLocation } from '@/lib/present/links';
import { useTags } from '@/lib/queries/tags';

/** "Compare with…": another tag of this repository (suggested as you type) or any reference. */
export function CompareWith({ location, reference }: { location: RepositoryLocation; reference: string }) {
  const t = useTranslations('compare.with');
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState('');
  const [hasFocused, setHasFocused] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tags = useTags(formatReference({ ...location, tag: null, digest: null }), hasFocused);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = value.trim();
    // A bare tag means this repository's; anything with a slash or an @ is a reference of its own.
    const other = /[/@]/.test(typed) ? tryParseReference(typed) : tryParseReference(tagReference(location, typed));
    if (!typed || !other.ok) {
      setError(other.ok || !typed ? t('typeATag') : other.error);
      return;
    }
    router.push(compareHref(reference, formatReference(other.reference)));
  };

  return (
    <form aria-label={t('label')} onSubmit={onSubmit} noValidate className="flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="text-xs text-zinc-600">
        {t('field')}
      </label>
      <input
        id={id}
        list={`${id}-tags`}
        value={value}
        onFocus={() => setHasFocused(true)}
        onChange={(event) => setValue(event.target.value)}
        placeholder={t('placeholder')}
        autoComplete="off"
        spellCheck={false}
        className="w-48 rounded-md border border-zinc-300 px-2 py-1 font-mono text-xs focus:outline-2 focus:outline-indigo-600"
      />
      <datalist id={`${id}-tags`}>
        {(tags.data?.tags ?? []).slice(0, 500).map((tag) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>
      <button type="submit" className="btn">
        {t('submit')}
      </button>
      <FormError message={error} />
    </form>
  );
}
