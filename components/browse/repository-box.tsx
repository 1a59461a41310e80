'use client';

import { useRouter } from 'next/navigation';
import { FormError } from '@/components/ui/form-error';
import { useId, useState, type FormEvent } from 'react';
import { browseHref } from '@/lib/present/links';
import { tryParseReference } from '@/lib/oci/reference';

/** Opens a repository of this registry by name: the way in when the registry will not list its catalog. */
export function RepositoryBox({ registry }: { registry: string }) {
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = value.trim().replace(/^\/+|\/+$/g, '');
    const parsed = tryParseReference(`${registry}/${name}`);
    if (!name || !parsed.ok || parsed.reference.registry !== registry) {
      setError(parsed.ok || !name ? 'Type a repository path such as team/app.' : parsed.error);
      return;
    }
    setError(null);
    router.push(browseHref(registry, parsed.reference.repository));
  };

  return (
    <form aria-label="Open a repository" onSubmit={onSubmit} noValidate className="flex flex-wrap items-start gap-2">
      <label htmlFor={id} className="sr-only">
        Repository
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
        Open repository
      </button>
      <FormError message={error} />
    </form>
  );
}
