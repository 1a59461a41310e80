import { useTranslations } from 'next-intl';
import { mediaTypeName } from '@/lib/present/format';

/** A media type as people name it in the page's language (`OCI image index`; `short` for a badge); an unknown type as itself. */
export function useMediaTypeLabel(length: 'long' | 'short' = 'long'): (mediaType: string) => string {
  const t = useTranslations('mediaType');
  return (mediaType) => {
    const name = mediaTypeName(mediaType);
    return name ? t(`${length}.${name}`) : mediaType;
  };
}
