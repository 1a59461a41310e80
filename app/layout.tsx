import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { getLocale, getTimeZone, getTranslations } from 'next-intl/server';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { parseTheme, THEME_COOKIE } from '@/lib/present/theme';
import { IntlProvider } from '@/components/layout/intl-provider';
import { SiteHeader } from '@/components/layout/site-header';
import { readPublicUrl } from '@/lib/server/public-url';
import { Providers } from './providers';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('site');
  return {
    title: { default: 'Archway', template: '%s · Archway' },
    icons: { icon: '/favicon.svg' },
    description: t('description'),
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: its scripts carry that request's CSP nonce (proxy.ts), which a page built
  // ahead of time could not know.
  await connection();
  // A malformed value never gets this far: proxy.ts answers every request with the error instead.
  const publicUrl = readPublicUrl()?.toString() ?? null;
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  // The page's language (lib/i18n/request.ts). Client components get its catalog from a cached chunk of its own
  // (IntlProvider), not from this page's payload.
  const locale = await getLocale();
  const t = await getTranslations('site');
  return (
    <html lang={locale} data-theme={theme === 'system' ? undefined : theme}>
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-indigo-800 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          {t('skip')}
        </a>
        <IntlProvider locale={locale} timeZone={await getTimeZone()}>
          <Providers publicUrl={publicUrl}>
            <SiteHeader theme={theme} />
            <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6">
              {children}
            </main>
          </Providers>
        </IntlProvider>
      </body>
    </html>
  );
}
