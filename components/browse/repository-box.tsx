'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { FormError } from '@/components/ui/form-error';
import { useId, useState, type FormEvent } from 'react';
import { browseHref } from '@/lib/present/links';
import { tryParseReference } from '@/lib/oci/reference';

/** Opens a repository of this registry by name: the way in when the registry will not list its catalog. */
export function RepositoryBox({ registry }: { registry: string }) {
  const t = useTranslations('browse.repositoryBox');
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = value.trim().replace(/^\/+|\/+$/g, '');
    const parsed = tryParseReference(`${registry}/${name}`);
    if (!name || !parsed.ok || parsed.reference.registry !== registry) {
      setError(parsed.ok || !name ? t('typeAPath') : parsed.error);
      return;
    }
    setError(null);
    router.push(browseHref(registry, parsed.reference.repository));
  };

  return (
    <form aria-label={t('label')} onSubmit={onSubmit} noValidate className="flex flex-wrap items-start gap-2">
      <label htmlFor={id} className="sr-only">
        {t('repository')}
      </label>
      <div className="flex min-w-64 flex-1 items-center rounded-md border border-zinc-300 bg-white font-mono text-xs shadow-xs focus-within:outline-2 focus-within:outline-indigo-600">
        <span className="pl-2 text-zinc-500">{registry}/</span>
        <input
          id={id}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          placeholder="team/app"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          className="min-w-0 flex-1 bg-transparent px-1 py-1 focus:outline-none"
        />
      </div>
      <button type="submit" className="btn">
        {t('submit')}
      </button>
      <FormError message={error} />
    </form>
  );
}
