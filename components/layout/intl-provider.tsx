'use client';

import { NextIntlClientProvider } from 'next-intl';
import { use, type ReactNode } from 'react';
import { catalogOf } from '@/lib/i18n/catalogs';
import { parseLocale, type Locale } from '@/lib/i18n/locale';

// In the browser the page's catalog starts loading as this module runs, before React hydrates and asks for it.
if (typeof document !== 'undefined') {
  const pageLocale = parseLocale(document.documentElement.lang);
  if (pageLocale) void catalogOf(pageLocale);
}

/**
 * The catalog for client components, from its own cached chunk (lib/i18n/catalogs.ts) rather than from the page's
 * payload. Switching language suspends inside the switch's transition until the other catalog has loaded.
 */
export function IntlProvider({ locale, timeZone, children }: { locale: Locale; timeZone: string; children: ReactNode }) {
  const messages = use(catalogOf(locale));
  return (
    <NextIntlClientProvider locale={locale} messages={messages} timeZone={timeZone}>
      {children}
    </NextIntlClientProvider>
  );
}
