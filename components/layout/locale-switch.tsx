'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { LOCALES, localeCookie, parseLocale } from '@/lib/i18n/locale';

/*
 * Each language named in itself, so a reader finds their own whatever the page is in. Not in the catalogs: these
 * names must not change with the page's language.
 */
const NATIVE_NAMES = { en: 'English', 'zh-CN': '简体中文' } as const;

/** The page's language; the choice is remembered in a cookie the server reads, and the page is drawn again in it. */
export function LocaleSwitch() {
  const t = useTranslations('localeSwitch');
  const locale = useLocale();
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const choose = (value: string) => {
    const next = parseLocale(value);
    if (!next || next === locale) return;
    document.cookie = localeCookie(next);
    // The server renders every page in the cookie's language: refresh redraws this one without a full load.
    startTransition(() => router.refresh());
  };
  return (
    <select
      aria-label={t('label')}
      value={locale}
      onChange={(event) => choose(event.target.value)}
      disabled={isPending}
      className="input min-h-7 py-1 text-xs"
    >
      {LOCALES.map((option) => (
        <option key={option} value={option} lang={option}>
          {NATIVE_NAMES[option]}
        </option>
      ))}
    </select>
  );
}
