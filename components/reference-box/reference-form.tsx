'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTags } from '@/lib/queries/tags';
import { inspectHref } from '@/lib/present/links';
import { formatReference, tryParseReference } from '@/lib/oci/reference';

type ReferenceFormProps = {
  /** `hero` on the home page, `compact` in the header. */
  variant?: 'hero' | 'compact';
  autoFocus?: boolean;
  /** The reference the box starts with: the one the page shows. */
  initialValue?: string;
};

const COMPACT_ERROR_CLASSES = 'absolute top-full left-0 z-20 mt-1 max-w-full rounded-md border border-red-200 bg-white px-2 py-1 text-xs shadow-md';
const PLACEHOLDER = 'golang:alpine, ghcr.io/owner/app@sha256:…, localhost:5000/team/app:1.0';

/** The reference box: checks what was pasted as it is typed, then opens its inspect page. */
export function ReferenceForm({ variant = 'hero', autoFocus = false, initialValue = '' }: ReferenceFormProps) {
  const t = useTranslations('referenceBox');
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState(initialValue);
  // The repository's tags are read once the box is used, never by merely opening a page.
  const [wantsTags, setWantsTags] = useState(false);
  const repository = useMemo(() => {
    const current = tryParseReference(initialValue);
    return current.ok ? formatReference({ ...current.reference, tag: null, digest: null }) : null;
  }, [initialValue]);
  const tags = useTags(repository ?? '', wantsTags && repository !== null);
  // Errors wait until the user has finished a first attempt; nobody wants red while still typing.
  const [isChecking, setIsChecking] = useState(false);
  const parsed = value.trim() === '' ? null : tryParseReference(value);
  const error = isChecking && parsed && !parsed.ok ? parsed.error : null;
  const canonical = parsed?.ok ? formatReference(parsed.reference) : null;
  const isHero = variant === 'hero';

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setIsChecking(true);
    const result = tryParseReference(value);
    if (!result.ok) return;
    router.push(inspectHref(formatReference(result.reference)));
  };

  return (
    <form role="search" aria-label={t('label')} onSubmit={onSubmit} noValidate className={isHero ? 'w-full' : 'relative w-full max-w-xl'}>
      <label htmlFor={id} className={isHero ? 'mb-1.5 block text-sm font-medium text-zinc-700' : 'sr-only'}>
        {t('field')}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          name="reference"
          type="text"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          onBlur={() => value.trim() !== '' && setIsChecking(true)}
          onFocus={() => setWantsTags(true)}
          list={repository ? `${id}-tags` : undefined}
          placeholder={PLACEHOLDER}
          aria-keyshortcuts="/"
          autoFocus={autoFocus}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint`}
          className={`min-w-0 flex-1 rounded-md border bg-white font-mono shadow-xs placeholder:font-sans placeholder:text-zinc-600 ${
            error ? 'border-red-400' : 'border-zinc-300'
          } ${isHero ? 'px-3 py-2 text-sm' : 'px-2 py-1 text-xs'}`}
        />
        {repository ? (
          <datalist id={`${id}-tags`}>
            {(tags.data?.tags ?? []).slice(0, 200).map((tag) => (
              <option key={tag} value={`${repository}:${tag}`} />
            ))}
          </datalist>
        ) : null}
        <button type="submit" className={isHero ? 'btn-primary' : 'btn'}>
          {t('submit')}
        </button>
      </div>
      <p id={`${id}-hint`} className={isHero ? 'mt-1.5 min-h-5 text-xs' : error ? COMPACT_ERROR_CLASSES : 'sr-only'} aria-live="polite">
        {error ? (
          <span role="alert" className="text-red-700">
            {error}
          </span>
        ) : canonical ? (
          <span className="text-zinc-600">
            {t.rich('opens', { reference: canonical, code: (chunks) => <code className="text-zinc-700">{chunks}</code> })}
          </span>
        ) : isHero ? (
          <span className="text-zinc-600">{t('hint')}</span>
        ) : null}
      </p>
    </form>
  );
}
