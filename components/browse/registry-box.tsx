'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { FormError } from '@/components/ui/form-error';
import { useId, useState, type FormEvent } from 'react';
import { browseHref } from '@/lib/present/links';
import { InvalidReferenceError, parseRegistryHost } from '@/lib/oci/reference';

/** Opens a registry's browse page from its host name. */
export function RegistryBox() {
  const t = useTranslations('browse.registryBox');
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    try {
      router.push(browseHref(parseRegistryHost(value)));
    } catch (err) {
      if (!(err instanceof InvalidReferenceError)) throw err;
      setError(err.message);
    }
  };

  return (
    <form aria-label={t('label')} onSubmit={onSubmit} noValidate className="flex flex-wrap gap-2">
      <label htmlFor={id} className="sr-only">
        {t('host')}
      </label>
      <input
        id={id}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        placeholder="localhost:5000"
        autoComplete="off"
        spellCheck={false}
        className="min-w-0 flex-1 rounded-md border border-zinc-300 px-2 py-1 font-mono text-xs focus:outline-2 focus:outline-indigo-600"
      />
      <button type="submit" className="btn">
        {t('submit')}
      </button>
      <FormError message={error} />
    </form>
  );
}
