import { useTranslations } from 'next-intl';
import type { InspectEntry } from '@/lib/api/inspect';
import { entryLabel } from '@/lib/present/entry-label';

/** How an entry is named on screen (its platform, else what it is), in the page's language. */
export function useEntryLabel(): (entry: InspectEntry) => string {
  const t = useTranslations('entryLabel');
  const words = {
    attestation: t('attestation'),
    nestedIndex: t('nestedIndex'),
    noPlatform: t('noPlatform'),
    fromConfig: (platform: string) => t('fromConfig', { platform }),
  };
  return (entry) => entryLabel(entry, words);
}
