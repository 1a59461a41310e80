/*
 * Which language a page is drawn in. There is no locale in the URL: a shared link must open the same page for every
 * teammate, whatever language each reads. The language switch remembers a choice in a cookie; without one, the
 * browser's Accept-Language decides. Pure: the request config (request.ts) and the switch both use it.
 */

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** The cookie the language switch writes and the server reads. */
export const LOCALE_COOKIE = 'archway-locale';

/** A locale named exactly (the cookie's value); null for anything else. */
export function parseLocale(value: string | undefined | null): Locale | null {
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : null;
}

/** The `document.cookie` string that remembers a language for a year. */
export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/*
 * Simplified Chinese is zh itself, zh-CN, zh-SG and every zh-Hans tag; Traditional Chinese (zh-TW, zh-HK,
 * zh-Hant…) is not what the zh-CN catalog is written in, so it does not match it.
 */
const SIMPLIFIED_CHINESE = /^zh(-(cn|sg|hans)(-.*)?)?$/;

/** The locale one Accept-Language range asks for, or null when Archway has no catalog for it. */
function localeOfRange(range: string): Locale | null {
  const tag = range.toLowerCase();
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  if (SIMPLIFIED_CHINESE.test(tag)) return 'zh-CN';
  return null;
}

/** The ranges of an Accept-Language header, best first (a stable sort keeps the header's order among equal weights). */
function rangesByPreference(header: string): string[] {
  return header
    .split(',')
    .map((part, position) => {
      const [range = '', ...params] = part.trim().split(';');
      const weightParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = weightParam === undefined ? 1 : Number(weightParam.slice(2));
      return { range: range.trim(), weight: Number.isFinite(weight) ? weight : 0, position };
    })
    .filter(({ range, weight }) => range !== '' && weight > 0)
    .sort((a, b) => b.weight - a.weight || a.position - b.position)
    .map(({ range }) => range);
}

/** The locale an Accept-Language header prefers among Archway's: its best range Archway has, else English. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  for (const range of rangesByPreference(acceptLanguage ?? '')) {
    const locale = localeOfRange(range);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

/** The page's locale: the one the switch remembered, else the browser's preference. */
export function resolveLocale(cookieValue: string | undefined, acceptLanguage: string | null | undefined): Locale {
  return parseLocale(cookieValue) ?? negotiateLocale(acceptLanguage);
}
