import { MediaType } from '@/lib/oci/media-types';

/*
 * Display formatting shared by every view, in the page's locale (the caller passes it: components read it with
 * next-intl's useLocale). Times are printed in UTC, as the server's HTML and the hydrated page must print the same.
 */

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

/*
 * Intl formatters are slow to build (each one resolves its locale data) and a page formats hundreds of sizes and
 * dates: one formatter per locale and kind, kept for the process (two locales, so the maps stay tiny).
 */
function perLocale<F>(build: (locale: string) => F): (locale: string) => F {
  const built = new Map<string, F>();
  return (locale) => {
    let formatter = built.get(locale);
    if (!formatter) {
      formatter = build(locale);
      built.set(locale, formatter);
    }
    return formatter;
  };
}
const sizeFormat = perLocale((locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }));

/** A size in bytes for people: `512 B`, `3.4 MB` (decimal units, as registries and docker report them), digits per locale. */
export function formatBytes(bytes: number, locale = 'en'): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${sizeFormat(locale).format(value)} ${UNITS[unit]}`;
}

/*
 * English keeps the unambiguous ISO form (`2024-03-01 12:34 UTC`: an engineer's date, read the same in every
 * English-speaking country); other locales get their own date order and words (`2024年3月1日 12:34 UTC`).
 */
const LOCALE_TIMESTAMP: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
};

const timestampFormat = perLocale((locale) => new Intl.DateTimeFormat(locale, LOCALE_TIMESTAMP));

/** An ISO timestamp to the minute in UTC, in the locale's form; the input as given when it does not parse. */
export function formatTimestamp(iso: string, locale = 'en'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = locale === 'en' ? date.toISOString().slice(0, 16).replace('T', ' ') : timestampFormat(locale).format(date);
  return `${time} UTC`;
}

/** The four manifest types by the name their labels go under (`mediaType.long.ociIndex` in the catalogs). */
const MEDIA_TYPE_NAMES: Record<string, MediaTypeName> = {
  [MediaType.dockerManifestList]: 'dockerManifestList',
  [MediaType.ociIndex]: 'ociIndex',
  [MediaType.dockerManifest]: 'dockerManifest',
  [MediaType.ociManifest]: 'ociManifest',
};
export type MediaTypeName = 'dockerManifestList' | 'ociIndex' | 'dockerManifest' | 'ociManifest';

/** Which of the four manifest types this is; null for any other media type (shown as the type itself). */
export function mediaTypeName(mediaType: string): MediaTypeName | null {
  return MEDIA_TYPE_NAMES[mediaType] ?? null;
}

const SHORT_MEDIA_TYPE_LABELS: Record<MediaTypeName, string> = {
  dockerManifestList: 'Docker list',
  ociIndex: 'OCI index',
  dockerManifest: 'Docker manifest',
  ociManifest: 'OCI manifest',
};

/** A media type short enough for a badge, in English (`OCI index`; the page says it through the catalogs). */
export function shortMediaTypeLabel(mediaType: string): string {
  const name = mediaTypeName(mediaType);
  return name ? SHORT_MEDIA_TYPE_LABELS[name] : mediaType;
}

const RELATIVE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];
/** The last few seconds, said as people say them; Intl's own word ("now") where Archway has none. */
const JUST_NOW: Readonly<Record<string, string>> = { en: 'just now', 'zh-CN': '刚刚' };

const relativeFormat = perLocale((locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));

/** `5 minutes ago`, `yesterday` (`5分钟前`, `昨天`): how long ago `iso` was at `now`; the input as given when it does not parse. */
export function formatRelativeTime(iso: string, now: Date = new Date(), locale = 'en'): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return iso;
  const relative = relativeFormat(locale);
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 10) return JUST_NOW[locale] ?? relative.format(0, 'second');
  const [unit, size] = RELATIVE_UNITS.find(([, length]) => Math.abs(seconds) >= length) ?? RELATIVE_UNITS.at(-1)!;
  return relative.format(Math.round(seconds / size), unit);
}
