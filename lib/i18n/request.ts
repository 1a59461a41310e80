import 'server-only';
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { catalogOf } from './catalogs';
import { LOCALE_COOKIE, resolveLocale } from './locale';

/*
 * next-intl's request configuration (next.config.js points its plugin here). No i18n routing: the locale comes from
 * the language switch's cookie, else Accept-Language, so every URL stays the same for every reader.
 */

export default getRequestConfig(async () => {
  const locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get('accept-language'));
  return {
    locale,
    messages: await catalogOf(locale),
    // Times are shown in UTC (and say so): the server's HTML and the hydrated page must print the same text, and a
    // team across time zones reads one clock in the history.
    timeZone: 'UTC',
  };
});
