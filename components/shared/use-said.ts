import { useTranslations } from 'next-intl';
import type { Said } from '@/lib/present/problem-text';

type Translate = ((key: string, values?: Readonly<Record<string, string | number>>) => string) & { has: (key: string) => boolean };

/** Says a message in the page's language from its catalog key (English as written when the catalogs lack the key). */
export function useSaid(): (said: Said) => string {
  // Keys built at run time (problem codes, check kinds) are checked by t.has and by the catalog tests, not by tsc.
  const t = useTranslations() as unknown as Translate;
  return (said) => (said.key && t.has(said.key) ? t(said.key, said.values) : said.message);
}
